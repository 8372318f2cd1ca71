/*
 * The soft-interrupt gates' entry stubs: what the CPU runs first after `int $42` / `int $45`.
 * POK: INTERRUPT_HANDLER_syscall, kernel/include/arch/x86/interrupt.h (the hypercall one is PR #3's
 * addition to the same header).
 *
 * The CPU has switched to the kernel stack (TSS SS0:ESP0) and pushed ss, esp, eflags, cs, eip.
 * A stub completes POK's interrupt_frame (a fake error code, pusha, ds, es), loads the kernel's data
 * segments, calls the Swift gate with a pointer to the frame, stores the gate's result in the saved
 * EAX, so that popa hands it back to the caller, and returns with iret. Every other register the
 * caller had comes back unchanged.
 */
    .section .text

#ifdef POK_NEEDS_SYSCALLS
// ANCHOR: syscall-entry
    .global pok_syscall_entry
pok_syscall_entry:
    cli
    subl $4, %esp             /* no error code for int $n: a fake one keeps the frame's shape */
    pusha                     /* eax, ecx, edx, ebx, esp, ebp, esi, edi */
    pushl %ds
    pushl %es
    movw $0x10, %ax           /* kernel data segment */
    movw %ax, %ds
    movw %ax, %es
    pushl %esp                /* the argument: a pointer to the frame */
    call pok_syscall_gate
    movl %eax, 40(%esp)       /* 0 the argument, 4 es, 8 ds, 12 edi ... 40 eax */
    addl $4, %esp
    popl %es
    popl %ds
    popa
    addl $4, %esp             /* drop the fake error code */
    iret
// ANCHOR_END: syscall-entry
#endif

#ifdef POK_NEEDS_X86_VMM
// ANCHOR: hypercall-entry
    .global pok_hypercall_entry
pok_hypercall_entry:
// SOLUTION-BEGIN step=3 title="The entry stub"
    cli
    subl $4, %esp
    pusha
    pushl %ds
    pushl %es
    movw $0x10, %ax
    movw %ax, %ds
    movw %ax, %es
    pushl %esp
    call pok_hypercall_gate
    movl %eax, 40(%esp)
    addl $4, %esp
    popl %es
    popl %ds
    popa
    addl $4, %esp
    iret
// SOLUTION-ELSE
//     pushl $3                  /* step 3 is not written yet: the kernel says so, EAX = 0xFFFFFF03 */
//     jmp pok_unwritten_entry
// SOLUTION-END
// ANCHOR_END: hypercall-entry
#endif

#ifdef POK_NEEDS_XEN_PV
// ANCHOR: xen-hypercall-entry
/*
 * Xen-style `int $0x82` from the guest kernel in ring 1: the same frame as the gates above (the CPU
 * switched to SS0:ESP0 because CPL 1 → 0 is a privilege change too), the Swift gate reads the five
 * argument registers from it, and its answer replaces the saved EAX.
 */
    .global pok_xen_hypercall_entry
pok_xen_hypercall_entry:
    cli
    subl $4, %esp
    pusha
    pushl %ds
    pushl %es
    movw $0x10, %ax
    movw %ax, %ds
    movw %ax, %es
    pushl %esp
    call pok_xen_hypercall_gate
    movl %eax, 40(%esp)
    addl $4, %esp
    popl %es
    popl %ds
    popa
    addl $4, %esp
    iret
// ANCHOR_END: xen-hypercall-entry
#endif
