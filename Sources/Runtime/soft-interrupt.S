/*
 * The partition's side of the gates: uint32_t pok_soft_interrupt_N(uint32_t eax, uint32_t ebx).
 * EAX = ID, EBX = partition-relative argument block, `int $N`, result in EAX; EBX is callee-saved
 * in the C ABI, so it is restored. POK: pok_do_syscall, libpok/arch/x86/syscall.c
 */
    .section .text
// ANCHOR: soft-interrupt-42
    .global pok_soft_interrupt_42
pok_soft_interrupt_42:
    pushl %ebx
    movl 8(%esp), %eax
    movl 12(%esp), %ebx
    int $42
    popl %ebx
    ret
// ANCHOR_END: soft-interrupt-42

#ifdef POK_NEEDS_X86_VMM
// ANCHOR: soft-interrupt-45
    .global pok_soft_interrupt_45
pok_soft_interrupt_45:
// SOLUTION-BEGIN step=6 title="The partition side"
    pushl %ebx
    movl 8(%esp), %eax
    movl 12(%esp), %ebx
    int $45
    popl %ebx
    ret
// SOLUTION-ELSE
//     movl $0xFFFFFF06, %eax    /* step 6 is not written yet: no trap, the stub's answer */
//     ret
// SOLUTION-END
// ANCHOR_END: soft-interrupt-45
#endif
