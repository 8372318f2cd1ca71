/*
 * The hello partition in C: the same int $42, the same argument block, the same IDs, from a
 * program clang compiled against pok/syscall.h. The ABI does not care which language built it.
 */
#include <pok/syscall.h>

static uint32_t length(const char *text) {
  uint32_t n = 0;
  while (text[n] != '\0') n++;
  return n;
}

static void print(const char *text) {
  pok_syscall2(POK_SYSCALL_CONSWRITE, (uint32_t)text, length(text));
}

static void print_decimal(uint64_t value) {
  char digits[21];
  int at = sizeof digits - 1;
  digits[at] = '\0';
  do {
    digits[--at] = (char)('0' + value % 10);
    value /= 10;
  } while (value != 0);
  print(&digits[at]);
}

// ANCHOR: hello-c
/* POK's libpok reads the clock this way: GETTICK reads one argument, and the call pads it to two. */
static pok_ret_t read_ticks(uint64_t *ticks) {
  return pok_syscall2(POK_SYSCALL_GETTICK, (uint32_t)ticks, 0);
}

void pok_partition_main(void) {
  uint64_t first, second;
  print("Hello from a C partition, through the same int $42\n");
  if (read_ticks(&first) != POK_ERRNO_OK) {
    print("GETTICK failed\n");
    return;
  }
  pok_syscall2(POK_SYSCALL_THREAD_SLEEP, 20000, 0); /* 20 ms, in microseconds as POK's */
  if (read_ticks(&second) != POK_ERRNO_OK) {
    print("GETTICK failed\n");
    return;
  }
  print("first tick: ");
  print_decimal(first);
  print("\nsecond tick: ");
  print_decimal(second);
  print(second > first ? "\ntime advances\n" : "\ntime stood still\n");
}
// ANCHOR_END: hello-c
