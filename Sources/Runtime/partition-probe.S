/*
 * void pok_probe_trap45(uint32_t regs[9])
 * The conformance probe's raw hypercall, independent of Libpok: loads EAX, EBX, ECX, EDX, ESI, EDI
 * and EBP from regs[0..6], executes `int $45`, and stores into regs[0..8] what EAX, EBX, ECX, EDX,
 * ESI, EDI, EBP, DS and ES hold when the gate returns. DS is read before it is used, and reloaded
 * from SS (the partition's data selector), so a stub that loses DS is reported, not fatal here.
 * POK: none (the course's ABI probe).
 */
    .section .text
    .global pok_probe_trap45
pok_probe_trap45:
    pushl %ebp
    pushl %ebx
    pushl %esi
    pushl %edi
    movl 20(%esp), %eax       /* regs */
    pushl %eax                /* kept at 12(%esp) once three more words are pushed below */
    movl 4(%eax), %ebx
    movl 8(%eax), %ecx
    movl 12(%eax), %edx
    movl 16(%eax), %esi
    movl 20(%eax), %edi
    movl 24(%eax), %ebp
    movl 0(%eax), %eax
    int $45
    pushl %eax                /* 8(%esp): the result */
    pushl %ds                 /* 4(%esp): DS as the gate left it */
    pushl %es                 /* 0(%esp): ES as the gate left it */
    movw %ss, %ax
    movw %ax, %ds
    movw %ax, %es
    movl 12(%esp), %eax       /* regs */
    movl %ebx, 4(%eax)
    movl %ecx, 8(%eax)
    movl %edx, 12(%eax)
    movl %esi, 16(%eax)
    movl %edi, 20(%eax)
    movl %ebp, 24(%eax)
    popl %ecx
    movzwl %cx, %ecx
    movl %ecx, 32(%eax)       /* es */
    popl %ecx
    movzwl %cx, %ecx
    movl %ecx, 28(%eax)       /* ds */
    popl %ecx
    movl %ecx, 0(%eax)        /* eax */
    addl $4, %esp             /* drop the saved regs pointer */
    popl %edi
    popl %esi
    popl %ebx
    popl %ebp
    ret

/* uint32_t pok_probe_data_selector(void): the DS the partition runs with. */
    .global pok_probe_data_selector
pok_probe_data_selector:
    xorl %eax, %eax
    movw %ds, %ax
    ret

/*
 * void pok_grader_libpok_result(uint32_t call, uint32_t result)
 * Does nothing: the grader's Libpok probe calls it after each Libpok call, and the grader, stopped
 * at its first instruction, reads both arguments from the stack (cdecl). POK: none (the grader's).
 */
    .global pok_grader_libpok_result
pok_grader_libpok_result:
    ret

/*
 * void pok_grader_report(uint32_t tag, uint32_t w0, ..., uint32_t w6)
 * Does nothing: Chapter 5's grader probe calls it with a tag and seven words after each thing it
 * tries, and the grader, stopped at its first instruction, reads the eight arguments from the stack
 * (cdecl). POK: none (the grader's).
 */
    .global pok_grader_report
pok_grader_report:
    ret
