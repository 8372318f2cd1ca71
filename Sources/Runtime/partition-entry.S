/* A partition's first instruction: offset 0 of its image. POK: libpok/arch/x86/entry.c */
    .section .text.partition_entry, "ax"
    .global pok_partition_entry
pok_partition_entry:
    call pok_partition_main   /* the chapter's program */
    call pok_partition_exit   /* Libpok: how a partition says it is done */
1:  jmp 1b

#ifdef POK_NEEDS_X86_SVM
/*
 * The same image's second entry, for the SVM hypervisor of Chapter 5: at offset 16 (the kernel's
 * SecureVirtualMachine.guestEntry), it runs the program's guest side and halts, which the
 * hypervisor intercepts as "the guest is done".
 */
    .org 16
    .global pok_svm_guest_entry
pok_svm_guest_entry:
    call pok_svm_guest_main
    hlt
1:  jmp 1b
#endif
