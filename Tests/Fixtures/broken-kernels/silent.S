/*
 * Says nothing and leaves through the success exit. Verdict: `no-boot`: without a
 * `POK BOOT` line an exit status of 33 proves nothing.
 */
#include "fixture.inc"

fixture_main:
    movl $EXIT_PASS, %eax
    call exit_qemu
