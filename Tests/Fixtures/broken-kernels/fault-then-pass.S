/*
 * Boots, reports a partition fault, ends with `done` and the pass exit: QEMU's runner verdict
 * is `pass`, but a run that does not expect the fault must not say pass (RunVerdict).
 */
#include "fixture.inc"

fixture_main:
    movl $lines, %esi
    call puts
    movl $EXIT_PASS, %eax
    call exit_qemu

lines:
    .ascii "POK BOOT 0000\n"
    .ascii "POK FAULT 0000 vector=6 name=#UD error=0x0 eip=0x1040 cs=0x23 cpl=3 invalid opcode\n"
    .asciz "POK END 0000 done\n"
