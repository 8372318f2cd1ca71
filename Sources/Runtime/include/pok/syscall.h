/*
 * pok/syscall.h: the syscall ABI for partitions written in C, with POK's names and numbers.
 *
 * Written for pok-swift from POK's documented ABI (libpok/include/core/syscall.h and
 * libpok/include/errno.h describe the same interface); it is not POK's file. The numbers are the
 * kernel's (Sources/Kernel/Core/SyscallID.swift, Errno.swift): a host test parses this header
 * and compares every ID and error value with those tables.
 *
 * The ABI: EAX = syscall ID, EBX = partition-relative address of a pok_syscall_args_t,
 * `int $42`; the result comes back in EAX and every other register is preserved. A partition is
 * linked at address 0 and runs in segments based at its memory, so a C pointer already is
 * partition-relative.
 *
 * The kernel accepts a call when nargs is at least the number of arguments the call reads and at
 * most 5 (POK's kernel checks nargs only for SHUTDOWN); so POK's padded forms work, e.g.
 * pok_syscall2(POK_SYSCALL_GETTICK, (uint32_t)&ticks, 0).
 */
#ifndef POK_SWIFT_SYSCALL_H
#define POK_SWIFT_SYSCALL_H

#include <stdint.h>

/* POK: pok_ret_t, libpok/include/errno.h (the values the kernel returns). */
typedef enum {
  POK_ERRNO_OK = 0,
  POK_ERRNO_EINVAL = 1,
  POK_ERRNO_UNAVAILABLE = 2,
  POK_ERRNO_PARAM = 3,
  POK_ERRNO_TOOMANY = 5,
  POK_ERRNO_EPERM = 6,
  POK_ERRNO_EXISTS = 7,
  POK_ERRNO_ERANGE = 8,
  POK_ERRNO_EDOM = 9,
  POK_ERRNO_HUGE_VAL = 10,
  POK_ERRNO_EFAULT = 11,
  POK_ERRNO_THREAD = 49,
  POK_ERRNO_THREADATTR = 50,
  POK_ERRNO_TIME = 100,
  POK_ERRNO_PARTITION_ATTR = 200,
  POK_ERRNO_TIMEOUT = 250,
  POK_ERRNO_MODE = 251,
} pok_ret_t;

/* POK: pok_syscall_id_t, libpok/include/core/syscall.h (the calls this kernel knows). */
typedef enum {
  POK_SYSCALL_CONSWRITE = 10,             /* arg1 = buffer, arg2 = length */
  POK_SYSCALL_GETCHAR = 11,               /* UNAVAILABLE here */
  POK_SYSCALL_GETTICK = 20,               /* arg1 = uint64_t * for the tick count */
  POK_SYSCALL_INT_NUMBER = 42,            /* the vector, not a call */
  POK_SYSCALL_THREAD_SLEEP_UNTIL = 51,    /* UNAVAILABLE here */
  POK_SYSCALL_THREAD_SLEEP = 52,          /* arg1 = microseconds */
  POK_SYSCALL_THREAD_ID = 58,             /* UNAVAILABLE here */
  POK_SYSCALL_PARTITION_GET_ID = 405,     /* arg1 = uint8_t * for the partition number */
  POK_SYSCALL_PARTITION_GET_PERIOD = 406, /* UNAVAILABLE here */
  POK_SYSCALL_SHUTDOWN = 707,             /* no argument */
} pok_syscall_id_t;

/* POK: pok_syscall_args_t, six 32-bit words. */
typedef struct {
  uint32_t nargs;
  uint32_t arg1;
  uint32_t arg2;
  uint32_t arg3;
  uint32_t arg4;
  uint32_t arg5;
} pok_syscall_args_t;

_Static_assert(sizeof(pok_syscall_args_t) == 24, "the kernel reads 24 bytes at EBX");

/*
 * EAX = id, EBX = args, int $42, result in EAX. "memory": the kernel reads the block and may
 * write through the pointers in it. POK: pok_do_syscall, libpok/arch/x86/syscall.c
 */
static inline pok_ret_t pok_do_syscall(pok_syscall_id_t syscall_id, pok_syscall_args_t *args) {
  uint32_t result;
  __asm__ volatile("int %[vector]"
                   : "=a"(result)
                   : [vector] "i"(POK_SYSCALL_INT_NUMBER), "a"((uint32_t)syscall_id), "b"(args)
                   : "memory");
  return (pok_ret_t)result;
}

/* pok_syscallN sets nargs = N, as POK's macros do. */
#define pok_syscall0(sid) \
  pok_do_syscall((sid), &(pok_syscall_args_t){0, 0, 0, 0, 0, 0})
#define pok_syscall1(sid, arg1) \
  pok_do_syscall((sid), &(pok_syscall_args_t){1, (arg1), 0, 0, 0, 0})
#define pok_syscall2(sid, arg1, arg2) \
  pok_do_syscall((sid), &(pok_syscall_args_t){2, (arg1), (arg2), 0, 0, 0})
#define pok_syscall3(sid, arg1, arg2, arg3) \
  pok_do_syscall((sid), &(pok_syscall_args_t){3, (arg1), (arg2), (arg3), 0, 0})
#define pok_syscall4(sid, arg1, arg2, arg3, arg4) \
  pok_do_syscall((sid), &(pok_syscall_args_t){4, (arg1), (arg2), (arg3), (arg4), 0})
#define pok_syscall5(sid, arg1, arg2, arg3, arg4, arg5) \
  pok_do_syscall((sid), &(pok_syscall_args_t){5, (arg1), (arg2), (arg3), (arg4), (arg5)})

#endif /* POK_SWIFT_SYSCALL_H */
