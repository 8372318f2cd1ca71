/*
 * uint32_t pok_probe_int45(uint32_t eax, uint32_t ebx, uint32_t *after)
 * The conformance probe's raw hypercall: loads EAX and EBX as given and every other general
 * register with a known pattern, executes `int $45`, and stores what ECX, EDX, ESI, EDI, EBP and
 * EBX hold afterwards in after[0..5], so the caller can check the gate preserved them.
 * POK: none (the course's ABI probe).
 */
    .section .text
    .global pok_probe_int45
pok_probe_int45:
    pushl %ebp
    pushl %ebx
    pushl %esi
    pushl %edi
    movl 20(%esp), %eax
    movl 24(%esp), %ebx
    movl $0xC1C1C1C1, %ecx
    movl $0xD1D1D1D1, %edx
    movl $0x51515151, %esi
    movl $0xD2D2D2D2, %edi
    movl $0xB1B1B1B1, %ebp
    int $45
    pushl %eax
    movl 32(%esp), %eax
    movl %ecx, 0(%eax)
    movl %edx, 4(%eax)
    movl %esi, 8(%eax)
    movl %edi, 12(%eax)
    movl %ebp, 16(%eax)
    movl %ebx, 20(%eax)
    popl %eax
    popl %edi
    popl %esi
    popl %ebx
    popl %ebp
    ret
