/*
 * Boots, then writes to COM1 forever. Verdict: `output-flood` once the runner's byte cap is hit.
 */
#include "fixture.inc"

fixture_main:
    movl $boot_line, %esi
    call puts
1:  movl $flood_line, %esi
    call puts
    jmp 1b

boot_line:  .asciz "POK BOOT 0000\n"
flood_line: .asciz "flood flood flood flood flood flood flood flood flood flood flood flood\n"
