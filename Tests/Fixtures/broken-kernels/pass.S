/*
 * Does nothing but speak the protocol with the fixed nonce `0000`: boot, one passing test,
 * end, and the success exit. Verdict: `pass` when run with nonce `0000`, `forged` with any other
 * nonce (a kernel that prints a hard-coded PASS cannot earn points).
 */
#include "fixture.inc"

fixture_main:
    movl $lines, %esi
    call puts
    movl $EXIT_PASS, %eax
    call exit_qemu

lines: .asciz "POK BOOT 0000\nPOK TEST 0000 PASS fixture does nothing\nPOK END 0000 done\n"
