/*
 * The SVM hypervisor's instructions (POK_NEEDS_X86_SVM): CPUID, RDMSR/WRMSR, and the world switch.
 * AMD64 APM Vol. 2 §15.5 (VMRUN), §15.6 (#VMEXIT). Palacios: v3_svm_launch, palacios/src/palacios/svm_lowlevel.S
 */
    .section .text
#ifdef POK_NEEDS_X86_SVM
/* void pok_cpuid(uint32_t leaf, uint32_t out[4]): EAX, EBX, ECX, EDX of `cpuid` with ECX = 0. */
    .global pok_cpuid
pok_cpuid:
    pushl %ebx
    pushl %edi
    movl 12(%esp), %eax
    movl 16(%esp), %edi
    xorl %ecx, %ecx
    cpuid
    movl %eax, 0(%edi)
    movl %ebx, 4(%edi)
    movl %ecx, 8(%edi)
    movl %edx, 12(%edi)
    popl %edi
    popl %ebx
    ret

/* uint64_t pok_rdmsr(uint32_t index) */
    .global pok_rdmsr
pok_rdmsr:
    movl 4(%esp), %ecx
    rdmsr
    ret

/* void pok_wrmsr(uint32_t index, uint64_t value) */
    .global pok_wrmsr
pok_wrmsr:
    movl 4(%esp), %ecx
    movl 8(%esp), %eax
    movl 12(%esp), %edx
    wrmsr
    ret

/* uint64_t pok_rdtsc(void): the time-stamp counter, EDX:EAX. */
    .global pok_rdtsc
pok_rdtsc:
    rdtsc
    ret

// ANCHOR: svm-world-switch
/*
 * void pok_svm_run(uint32_t vmcb, struct GuestRegisters *regs), regs = { ebx, ecx, edx, esi, edi, ebp }.
 * VMRUN saves the host's segments, descriptor tables, control registers, EFLAGS, ESP, EAX and
 * the EIP after VMRUN in the host save area, loads the guest's from the VMCB, and runs the guest;
 * #VMEXIT undoes that. It touches no other general register: EBX..EBP come back holding the
 * guest's values. So the host's callee-saved registers go on the host stack, the guest's are
 * loaded from `regs` just before VMRUN and stored into it just after. GIF is cleared around the
 * switch (CLGI) and set again (STGI) once the host's state is whole. The guest never loads FS,
 * GS, TR or LDTR, so VMLOAD/VMSAVE are not needed.
 */
    .global pok_svm_run
pok_svm_run:
    pushl %ebp
    pushl %ebx
    pushl %esi
    pushl %edi
    movl 20(%esp), %eax       /* rAX = the VMCB's physical address */
    movl 24(%esp), %ecx       /* regs */
    pushl %ecx                /* kept: ESP comes back from the host save area */
    clgi
    movl 0(%ecx), %ebx
    movl 8(%ecx), %edx
    movl 12(%ecx), %esi
    movl 16(%ecx), %edi
    movl 20(%ecx), %ebp
    movl 4(%ecx), %ecx        /* last: ECX held the pointer */
    vmrun
    /* #VMEXIT: the host's EAX, ESP, segments and EFLAGS are back; EBX..EBP are the guest's. */
    .global pok_svm_exited    /* where `pokdoc grade` stops to read each exit (EAX: the VMCB) */
pok_svm_exited:
    pushl %ecx
    movl 4(%esp), %ecx        /* regs */
    movl %ebx, 0(%ecx)
    popl 4(%ecx)              /* the guest's ECX */
    movl %edx, 8(%ecx)
    movl %esi, 12(%ecx)
    movl %edi, 16(%ecx)
    movl %ebp, 20(%ecx)
    addl $4, %esp
    stgi
    popl %edi
    popl %esi
    popl %ebx
    popl %ebp
    ret
// ANCHOR_END: svm-world-switch
#endif
