/* Multiboot v1 entry. POK: kernel/arch/x86/x86-qemu/entry.S */
#define MULTIBOOT_MAGIC 0x1BADB002
#define MULTIBOOT_FLAGS 0x00000000

    .section .multiboot, "a"
    .align 4
    .long MULTIBOOT_MAGIC
    .long MULTIBOOT_FLAGS
    .long -(MULTIBOOT_MAGIC + MULTIBOOT_FLAGS)

    .section .bss
    .align 16
pok_boot_stack_bottom:
    .skip 32768
    .global pok_boot_stack_top
pok_boot_stack_top:

    .section .text
    .global _start
_start:
    cli
    movl $pok_boot_stack_top, %esp
    xorl %ebp, %ebp
    pushl %ebx                /* Multiboot information structure */
    pushl %eax                /* Multiboot magic (0x2BADB002) */
    call pok_boot
1:  cli
    hlt
    jmp 1b
