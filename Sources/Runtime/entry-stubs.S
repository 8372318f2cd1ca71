/*
 * Interrupt entry stubs and the hardware seam's privileged instructions.
 * POK: kernel/include/arch/x86/interrupt.h (INTERRUPT_HANDLER, _errorcode, _syscall).
 *
 * Every stub leaves on the kernel stack POK's interrupt_frame, lowest address first:
 *   es, ds, edi, esi, ebp, esp(pusha), ebx, edx, ecx, eax, error, eip, cs, eflags, [esp, ss]
 * and calls a Swift handler with a pointer to it. The host model (I386HostModel) builds the same
 * frame, so the Swift handlers cannot tell the two apart.
 */
    .section .text

/* Save the frame: the CPU pushed [ss, esp,] eflags, cs, eip [, error]. */
.macro SAVE_FRAME
    pusha
    pushl %ds
    pushl %es
    movw $0x10, %ax           /* kernel data segment */
    movw %ax, %ds
    movw %ax, %es
.endm

.macro RESTORE_FRAME
    popl %es
    popl %ds
    popa
    addl $4, %esp             /* drop the (possibly fake) error code */
    iret
.endm

/* Exceptions without an error code push a fake one so every frame has the same shape. */
.macro EXCEPTION_NOERR vector
    .global pok_exception_entry_\vector
pok_exception_entry_\vector:
    cli
    subl $4, %esp
    SAVE_FRAME
    movl %esp, %eax
    pushl $\vector
    pushl %eax
    call pok_exception_handler
    addl $8, %esp
    RESTORE_FRAME
.endm

.macro EXCEPTION_ERR vector
    .global pok_exception_entry_\vector
pok_exception_entry_\vector:
    cli
    SAVE_FRAME
    movl %esp, %eax
    pushl $\vector
    pushl %eax
    call pok_exception_handler
    addl $8, %esp
    RESTORE_FRAME
.endm

/* Hardware interrupt lines (PIC IRQ 0-15). */
.macro IRQ_ENTRY irq
    .global pok_irq_entry_\irq
pok_irq_entry_\irq:
    cli
    subl $4, %esp
    SAVE_FRAME
    movl %esp, %eax
    pushl $\irq
    pushl %eax
    call pok_irq_handler
    addl $8, %esp
    RESTORE_FRAME
.endm

/*
 * The soft-interrupt gates' entry stubs are written out in gate-entries.S (the hypercall one is
 * the student's, step 3). Until it is written, the kit's stub pushes its step number and jumps
 * here: the caller's registers are saved, the kernel's data segments loaded, the kernel says the
 * step is missing, and the caller gets 0xFFFFFF00 | step in EAX, every other register restored.
 */
#ifdef POK_NEEDS_X86_VMM
    .global pok_unwritten_entry
pok_unwritten_entry:
    pusha                     /* the step number stays above the saved registers */
    pushl %ds
    pushl %es
    movw $0x10, %ax
    movw %ax, %ds
    movw %ax, %es
    pushl 40(%esp)            /* 0 es, 4 ds, 8..36 pusha, 40 the step */
    call pok_unwritten_entry_stub
    addl $4, %esp
    movl %eax, 36(%esp)       /* the saved eax */
    popl %es
    popl %ds
    popa
    addl $4, %esp             /* drop the step number */
    iret
#endif

EXCEPTION_NOERR 0
EXCEPTION_NOERR 1
EXCEPTION_NOERR 2
EXCEPTION_NOERR 3
EXCEPTION_NOERR 4
EXCEPTION_NOERR 5
EXCEPTION_NOERR 6
EXCEPTION_NOERR 7
EXCEPTION_ERR   8
EXCEPTION_NOERR 9
EXCEPTION_ERR   10
EXCEPTION_ERR   11
EXCEPTION_ERR   12
EXCEPTION_ERR   13
EXCEPTION_ERR   14
EXCEPTION_NOERR 15
EXCEPTION_NOERR 16
EXCEPTION_ERR   17
EXCEPTION_NOERR 18
EXCEPTION_NOERR 19

IRQ_ENTRY 0
IRQ_ENTRY 1
IRQ_ENTRY 2
IRQ_ENTRY 3
IRQ_ENTRY 4
IRQ_ENTRY 5
IRQ_ENTRY 6
IRQ_ENTRY 7
IRQ_ENTRY 8
IRQ_ENTRY 9
IRQ_ENTRY 10
IRQ_ENTRY 11
IRQ_ENTRY 12
IRQ_ENTRY 13
IRQ_ENTRY 14
IRQ_ENTRY 15

/* Entry addresses, indexed as Kernel's EntryStub enum: 0-19 exceptions, 20-35 IRQs, 36 syscall, 37 hypercall. */
    .section .rodata
    .align 4
pok_entry_stub_table:
    .long pok_exception_entry_0, pok_exception_entry_1, pok_exception_entry_2, pok_exception_entry_3
    .long pok_exception_entry_4, pok_exception_entry_5, pok_exception_entry_6, pok_exception_entry_7
    .long pok_exception_entry_8, pok_exception_entry_9, pok_exception_entry_10, pok_exception_entry_11
    .long pok_exception_entry_12, pok_exception_entry_13, pok_exception_entry_14, pok_exception_entry_15
    .long pok_exception_entry_16, pok_exception_entry_17, pok_exception_entry_18, pok_exception_entry_19
    .long pok_irq_entry_0, pok_irq_entry_1, pok_irq_entry_2, pok_irq_entry_3
    .long pok_irq_entry_4, pok_irq_entry_5, pok_irq_entry_6, pok_irq_entry_7
    .long pok_irq_entry_8, pok_irq_entry_9, pok_irq_entry_10, pok_irq_entry_11
    .long pok_irq_entry_12, pok_irq_entry_13, pok_irq_entry_14, pok_irq_entry_15
#ifdef POK_NEEDS_SYSCALLS
    .long pok_syscall_entry
#else
    .long 0
#endif
#ifdef POK_NEEDS_X86_VMM
    .long pok_hypercall_entry
#else
    .long 0
#endif
#ifdef POK_NEEDS_XEN_PV
    .long pok_xen_hypercall_entry
#else
    .long 0
#endif
pok_entry_stub_table_end:

    .section .text
/* uint32_t pok_entry_stub_address(uint32_t index): 0 for an index out of range. */
    .global pok_entry_stub_address
pok_entry_stub_address:
    movl 4(%esp), %ecx
    xorl %eax, %eax
    cmpl $((pok_entry_stub_table_end - pok_entry_stub_table) / 4), %ecx
    jae 1f
    movl pok_entry_stub_table(,%ecx,4), %eax
1:  ret

/* ---- The hardware seam: privileged instructions, one small function each. ---- */
    .global pok_outb
pok_outb:                     /* void pok_outb(uint16_t port, uint8_t value) */
    movl 4(%esp), %edx
    movl 8(%esp), %eax
    outb %al, %dx
    ret

    .global pok_inb
pok_inb:                      /* uint8_t pok_inb(uint16_t port) */
    movl 4(%esp), %edx
    xorl %eax, %eax
    inb %dx, %al
    ret

    .global pok_lidt
pok_lidt:                     /* void pok_lidt(uint32_t base, uint16_t limit) */
    subl $8, %esp
    movl 16(%esp), %eax
    movw %ax, 0(%esp)
    movl 12(%esp), %eax
    movl %eax, 2(%esp)
    lidt (%esp)
    addl $8, %esp
    ret

    .global pok_lgdt
pok_lgdt:                     /* void pok_lgdt(uint32_t base, uint16_t limit): reloads every segment */
    subl $8, %esp
    movl 16(%esp), %eax
    movw %ax, 0(%esp)
    movl 12(%esp), %eax
    movl %eax, 2(%esp)
    lgdt (%esp)
    addl $8, %esp
    movw $0x10, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %fs
    movw %ax, %gs
    movw %ax, %ss
    ljmp $0x08, $1f
1:  ret

    .global pok_ltr
pok_ltr:                      /* void pok_ltr(uint16_t selector) */
    movl 4(%esp), %eax
    ltr %ax
    ret

    .global pok_sti
pok_sti:
    sti
    ret

    .global pok_cli
pok_cli:
    cli
    ret

    .global pok_halt
pok_halt:                     /* wait for the next interrupt */
    sti
    hlt
    ret

/*
 * void pok_enter_partition(uint32_t eip, uint32_t esp, uint32_t cs, uint32_t ds)
 * The privilege switch: an iret to CPL 3 with interrupts enabled. Never returns.
 * POK: pok_context_switch / pok_dispatch_space.
 */
    .global pok_enter_partition
pok_enter_partition:
    movl 4(%esp), %eax        /* eip */
    movl 8(%esp), %ebx        /* esp */
    movl 12(%esp), %ecx       /* cs  */
    movl 16(%esp), %edx       /* ds, ss */
    movw %dx, %ds
    movw %dx, %es
    movw %dx, %fs
    movw %dx, %gs
    pushl %edx                /* ss */
    pushl %ebx                /* esp */
    pushl $0x202              /* eflags: IF */
    pushl %ecx                /* cs */
    pushl %eax                /* eip */
    xorl %eax, %eax
    xorl %ebx, %ebx
    xorl %ecx, %ecx
    xorl %edx, %edx
    iret

