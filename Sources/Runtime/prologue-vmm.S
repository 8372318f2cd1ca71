/*
 * The VMM's interrupt prologues, one per PIC line: built for x86-qemu-vmm only.
 * POK: kernel/arch/x86/interrupt_prologue.S (PR #3), DISTINCT_INTERRUPT_ENTRY(0..15)
 * Each saves POK's interrupt frame like the other stubs and calls
 * pok_irq_prologue_handler(frame, line), which records the vector and runs the line's handler.
 */
    .section .text

.macro IRQ_PROLOGUE line
    .global pok_irq_prologue_\line
pok_irq_prologue_\line:
    cli
    subl $4, %esp
    pusha
    pushl %ds
    pushl %es
    movw $0x10, %ax
    movw %ax, %ds
    movw %ax, %es
    movl %esp, %eax
    pushl $\line
    pushl %eax
    call pok_irq_prologue_handler
    addl $8, %esp
    popl %es
    popl %ds
    popa
    addl $4, %esp
    iret
.endm

IRQ_PROLOGUE 0
IRQ_PROLOGUE 1
IRQ_PROLOGUE 2
IRQ_PROLOGUE 3
IRQ_PROLOGUE 4
IRQ_PROLOGUE 5
IRQ_PROLOGUE 6
IRQ_PROLOGUE 7
IRQ_PROLOGUE 8
IRQ_PROLOGUE 9
IRQ_PROLOGUE 10
IRQ_PROLOGUE 11
IRQ_PROLOGUE 12
IRQ_PROLOGUE 13
IRQ_PROLOGUE 14
IRQ_PROLOGUE 15

    .section .rodata
    .align 4
pok_irq_prologue_table:
    .long pok_irq_prologue_0, pok_irq_prologue_1, pok_irq_prologue_2, pok_irq_prologue_3
    .long pok_irq_prologue_4, pok_irq_prologue_5, pok_irq_prologue_6, pok_irq_prologue_7
    .long pok_irq_prologue_8, pok_irq_prologue_9, pok_irq_prologue_10, pok_irq_prologue_11
    .long pok_irq_prologue_12, pok_irq_prologue_13, pok_irq_prologue_14, pok_irq_prologue_15

    .section .text
/* uint32_t pok_irq_prologue_address(uint32_t line): 0 when out of range. */
    .global pok_irq_prologue_address
pok_irq_prologue_address:
    movl 4(%esp), %ecx
    xorl %eax, %eax
    cmpl $16, %ecx
    jae 1f
    movl pok_irq_prologue_table(,%ecx,4), %eax
1:  ret
