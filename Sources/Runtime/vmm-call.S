/*
 * A hardware-virtualised guest's side of the hypercall (POK_NEEDS_X86_SVM): VMMCALL (AMD) or
 * VMCALL (Intel) with EAX = ID and EBX, ECX, EDX, ESI = arguments, as KVM and Palacios's guests do.
 * Linked into every partition, empty without the flag.
 * KVM: Documentation/virt/kvm/x86/hypercalls.rst; Palacios: guest/linux/hypercall/hcall.h
 */
    .section .text
#ifdef POK_NEEDS_X86_SVM
/* A program that has no SVM guest side: the guest halts at once. */
    .weak pok_svm_guest_main
pok_svm_guest_main:
    ret

/*
 * void pok_vmmcall(uint32_t regs[5]) and pok_vmcall(uint32_t regs[5]): EAX, EBX, ECX, EDX, ESI
 * from regs[0..4], the instruction, and the five registers stored back: the handler may have
 * written any of them. A Palacios handler may write EDI and EBP too (TEST_HCALL sets RDI), and
 * both are callee-saved in the C ABI, so they are kept on the stack with EBX and ESI.
 */
.macro GUEST_CALL name, b0, b1, b2
    .global \name
\name:
    pushl %ebp
    pushl %edi
    pushl %ebx
    pushl %esi
    movl 20(%esp), %eax
    pushl %eax                /* regs, for after the call */
    movl 4(%eax), %ebx
    movl 8(%eax), %ecx
    movl 12(%eax), %edx
    movl 16(%eax), %esi
    movl 0(%eax), %eax
    .byte \b0, \b1, \b2
    pushl %eax
    movl 4(%esp), %eax        /* regs */
    popl 0(%eax)
    movl %ebx, 4(%eax)
    movl %ecx, 8(%eax)
    movl %edx, 12(%eax)
    movl %esi, 16(%eax)
    addl $4, %esp
    popl %esi
    popl %ebx
    popl %edi
    popl %ebp
    ret
.endm

// ANCHOR: vmmcall
    GUEST_CALL pok_vmmcall, 0x0f, 0x01, 0xd9   /* VMMCALL */
    GUEST_CALL pok_vmcall, 0x0f, 0x01, 0xc1    /* VMCALL: #UD on AMD, which our hypervisor intercepts */
// ANCHOR_END: vmmcall
#endif
