/*
 * Boots, reports one passing test, then spins forever. Verdict: `timeout`, and the runner
 * must still report the test that passed before the hang.
 */
#include "fixture.inc"

fixture_main:
    movl $lines, %esi
    call puts
1:  jmp 1b

lines: .asciz "POK BOOT 0000\nPOK TEST 0000 PASS before-hang\nspinning with interrupts off\n"
