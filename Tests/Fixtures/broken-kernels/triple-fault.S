/*
 * Boots, then loads an IDT with limit 0 and executes `int3`. The #BP cannot be delivered,
 * nor the #GP that follows, nor the #DF: the CPU shuts down, and under `-no-reboot` QEMU
 * exits with status 0. Verdict: `triple-fault` (exit 0 is never success).
 */
#include "fixture.inc"

fixture_main:
    movl $lines, %esi
    call puts
    lidt empty_idt
    int3
1:  jmp 1b

lines: .asciz "POK BOOT 0000\nloading an empty IDT, then int3\n"

    .align 8
empty_idt:
    .word 0                 /* limit 0: no vector is inside the table */
    .long 0
