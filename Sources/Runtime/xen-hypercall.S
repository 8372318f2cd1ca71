/*
 * A Xen-style guest's side of the hypercall (POK_NEEDS_XEN_PV). Linked into every partition,
 * empty without the flag.
 * Xen: the x86_32 calling convention of public/arch-x86/xen-x86_32.h; Linux's _hypercallN macros.
 */
    .section .text
#ifdef POK_NEEDS_XEN_PV
// ANCHOR: xen-hypercall-call
/*
 * int32_t pok_xen_hypercall(uint32_t n, a1, a2, a3, a4, a5): the arguments into EBX, ECX, EDX,
 * ESI, EDI, then `call pok_hypercall_page + 32*n`, where the kernel wrote `mov $n,%eax; int $0x82;
 * ret`. EBX, ESI and EDI are callee-saved in the C ABI, so they are kept around the call.
 */
    .global pok_xen_hypercall
pok_xen_hypercall:
    pushl %ebx
    pushl %esi
    pushl %edi
    movl 16(%esp), %eax       /* n */
    movl 20(%esp), %ebx
    movl 24(%esp), %ecx
    movl 28(%esp), %edx
    movl 32(%esp), %esi
    movl 36(%esp), %edi
    shll $5, %eax             /* 32-byte slots */
    addl $pok_hypercall_page, %eax
    call *%eax
    popl %edi
    popl %esi
    popl %ebx
    ret
// ANCHOR_END: xen-hypercall-call

/*
 * void pok_xen_trap82(uint32_t regs[6]): a raw `int $0x82` with EAX, EBX, ECX, EDX, ESI, EDI from
 * regs[0..5]; regs[0] gets EAX back. For the chapter's probe, which checks the gate without the page.
 */
    .global pok_xen_trap82
pok_xen_trap82:
    pushl %ebx
    pushl %esi
    pushl %edi
    movl 16(%esp), %eax
    pushl %eax
    movl 4(%eax), %ebx
    movl 8(%eax), %ecx
    movl 12(%eax), %edx
    movl 16(%eax), %esi
    movl 20(%eax), %edi
    movl 0(%eax), %eax
    int $0x82
    popl %ecx
    movl %eax, 0(%ecx)
    popl %edi
    popl %esi
    popl %ebx
    ret

/* uint32_t pok_current_privilege_level(void): the RPL of CS, which is the CPL. */
    .global pok_current_privilege_level
pok_current_privilege_level:
    movl %cs, %eax
    andl $3, %eax
    ret

// ANCHOR: xen-enter-ring3
/*
 * void pok_xen_enter_ring3(void (*entry)(void), uint32_t cs, uint32_t ss): what a guest kernel
 * does to start one of its own programs: load the ring-3 data selector into DS and ES, then iret
 * to `entry` at CPL 3 on the current stack. Does not return.
 */
    .global pok_xen_enter_ring3
pok_xen_enter_ring3:
    movl 4(%esp), %ecx        /* entry */
    movl 8(%esp), %edx        /* cs, RPL 3 */
    movl 12(%esp), %eax       /* ss, RPL 3 */
    movw %ax, %ds
    movw %ax, %es
    movl %esp, %ebx
    pushl %eax                /* ss */
    pushl %ebx                /* esp */
    pushfl                    /* eflags */
    pushl %edx                /* cs */
    pushl %ecx                /* eip */
    iret
// ANCHOR_END: xen-enter-ring3
#endif
