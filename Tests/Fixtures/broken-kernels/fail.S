/*
 * Boots, reports a passing test, a fault and a failing test, ends with `partition-fault` and
 * the failure exit. Verdict: `fail`, with every event parsed.
 */
#include "fixture.inc"

fixture_main:
    movl $lines, %esi
    call puts
    movl $EXIT_FAIL, %eax
    call exit_qemu

lines:
    .ascii "POK BOOT 0000\n"
    .ascii "POK TEST 0000 PASS gate-installed\n"
    .ascii "POK FAULT 0000 vector=13 name=#GP error=0x16a eip=0x1040 cs=0x1b cpl=3 int $45 through a DPL 0 gate\n"
    .ascii "POK TEST 0000 FAIL hypercall-from-user expected EAX=0, got #GP\n"
    .asciz "POK END 0000 partition-fault\n"
