/* A partition's first instruction: offset 0 of its image. POK: libpok/arch/x86/entry.c */
    .section .text.partition_entry, "ax"
    .global pok_partition_entry
pok_partition_entry:
    call pok_partition_main   /* the chapter's program */
    call pok_partition_exit   /* Libpok: how a partition says it is done */
1:  jmp 1b
