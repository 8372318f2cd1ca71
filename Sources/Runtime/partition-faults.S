/*
 * Instructions a test partition executes to fault on purpose. Swift cannot spell them: its own
 * `/` by zero traps with ud2 before any `div` runs. POK: none (the course's test programs).
 */
    .section .text
    .global pok_fault_invalid_opcode
pok_fault_invalid_opcode:      /* #UD, vector 6 */
    ud2
    ret

    .global pok_fault_divide_error
pok_fault_divide_error:        /* #DE, vector 0: edx:eax / 0 */
    xorl %eax, %eax
    xorl %edx, %edx
    xorl %ecx, %ecx
    divl %ecx
    ret

    .global pok_fault_privileged_instruction
pok_fault_privileged_instruction: /* #GP(0), vector 13: hlt at CPL 3 */
    hlt
    ret
