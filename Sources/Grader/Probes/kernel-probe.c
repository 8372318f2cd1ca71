/*
 * The grader's kernel probe (docs/grading.md, "How a submission is observed"). A partition the
 * grader drives from outside, through QEMU's gdb stub; it decides nothing and prints nothing.
 *
 *   pok_grader_ready     the grader stops here, loads EAX…EBP and the scratch memory with the
 *                        next call (drawn from the run's seed), and single-steps the `int $45`,
 *                        which stops at the first instruction of whatever handler the CPU chose.
 *   pok_grader_returned  the grader stops here after the kernel's iret and reads the registers
 *                        and memory itself; then it single-steps the jmp back to ready.
 *   pok_grader_spin      ECX iterations of a loop, then ready: how the grader lets the timer tick.
 *
 * The grader checks, at the end of the run, that these bytes in guest memory are the ones it
 * built: a kernel that patches the probe is caught.
 */
#include <stdint.h>

/* Where the grader writes argument blocks and buffers (partition-relative: its symbol's value). */
__attribute__((aligned(64))) uint8_t pok_grader_scratch[4096];

void pok_partition_main(void) {
    __asm__ volatile(
        "    .global pok_grader_ready\n"
        "    .global pok_grader_returned\n"
        "    .global pok_grader_spin\n"
        "    .global pok_grader_probe_end\n"
        "pok_grader_ready:\n"
        "    int $45\n"
        "pok_grader_returned:\n"
        "    jmp pok_grader_ready\n"
        "pok_grader_spin:\n"
        "    decl %%ecx\n"
        "    jnz pok_grader_spin\n"
        "    jmp pok_grader_ready\n"
        "pok_grader_probe_end:\n"
        /* Never executed: keeps the scratch area through the link's --gc-sections. */
        "    .long pok_grader_scratch\n"
        : : "m"(pok_grader_scratch) : "memory");
}
