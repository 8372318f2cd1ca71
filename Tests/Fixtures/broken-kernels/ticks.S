/*
 * A timer-driven guest: programs the PIT at 100 Hz, sleeps in `hlt` until IRQ 0 has fired
 * 50 times, then passes. Proves that `-icount shift=5,sleep=off` still lets time advance
 * while the CPU halts (with sleep=off QEMU warps virtual time to the next timer deadline).
 */
#include "fixture.inc"

#define TICKS_WANTED 50

fixture_main:
    movl $boot_line, %esi
    call puts

    /* Remap the PICs: IRQ 0-7 -> vectors 32-39, IRQ 8-15 -> 40-47; unmask IRQ 0 only. */
    movb $0x11, %al
    outb %al, $0x20
    outb %al, $0xA0
    movb $32, %al
    outb %al, $0x21
    movb $40, %al
    outb %al, $0xA1
    movb $4, %al
    outb %al, $0x21
    movb $2, %al
    outb %al, $0xA1
    movb $1, %al
    outb %al, $0x21
    outb %al, $0xA1
    movb $0xFE, %al
    outb %al, $0x21
    movb $0xFF, %al
    outb %al, $0xA1

    /* IDT entry 32: 32-bit interrupt gate to tick_handler, selector = current CS. */
    movl $tick_handler, %eax
    movw %ax, idt + 32 * 8
    movw %cs, %dx
    movw %dx, idt + 32 * 8 + 2
    movw $0x8E00, idt + 32 * 8 + 4
    shrl $16, %eax
    movw %ax, idt + 32 * 8 + 6
    lidt idt_pointer

    /* PIT channel 0, mode 2, divisor 11932 (~100 Hz). */
    movb $0x34, %al
    outb %al, $0x43
    movb $(11932 & 0xFF), %al
    outb %al, $0x40
    movb $(11932 >> 8), %al
    outb %al, $0x40

    sti
1:  hlt
    cmpl $TICKS_WANTED, ticks
    jb 1b
    cli

    movl $pass_lines, %esi
    call puts
    movl $EXIT_PASS, %eax
    call exit_qemu

tick_handler:
    pushl %eax
    incl ticks
    movb $0x20, %al         /* end of interrupt */
    outb %al, $0x20
    popl %eax
    iret

boot_line:  .asciz "POK BOOT 0000\n"
pass_lines: .asciz "POK TEST 0000 PASS ticks 50 timer interrupts while halted\nPOK END 0000 done\n"

    .align 8
idt_pointer:
    .word 256 * 8 - 1
    .long idt

    .section .bss
    .align 8
idt:
    .skip 256 * 8
ticks:
    .long 0
