/*
 * The do-nothing Multiboot kernel: the baseline for "boot-to-verdict within 1.3x of a kernel
 * that does nothing" (docs/ARCHITECTURE.md, "Benchmarks"). It reads the run's nonce from the Multiboot command
 * line (`nonce=<hex>`, passed with QEMU's -append), speaks the minimum of the protocol
 *
 *     POK BOOT <nonce>
 *     POK END <nonce> done
 *
 * and leaves through isa-debug-exit with the success code 0x10 (QEMU exit status 33).
 * Build: clang --target=i686-unknown-none-elf -c, ld.lld -m elf_i386 -N --image-base=0x100000
 * -Ttext=0x100000 -e _start.
 */
#define COM1            0x3F8
#define DEBUG_EXIT      0xF4
#define MULTIBOOT_MAGIC 0x1BADB002
#define MAX_NONCE       64

    .section .text
    .align 4
multiboot_header:                   /* must sit in the first 8 KiB of the file */
    .long MULTIBOOT_MAGIC
    .long 0
    .long -MULTIBOOT_MAGIC

    .global _start
_start:
    cli
    cld
    movl $stack_top, %esp
    cmpl $0x2BADB002, %eax          /* loaded by a Multiboot loader? */
    jne no_nonce
    testl $(1 << 2), (%ebx)         /* flags bit 2: cmdline field is valid */
    jz no_nonce
    movl 16(%ebx), %esi             /* cmdline: "<kernel path> nonce=<hex> ..." */

    /* Find "nonce=" at the start of a word. %bl holds the previous character. */
    movb $' ', %bl
find:
    movb (%esi), %al
    testb %al, %al
    jz no_nonce
    cmpb $' ', %bl
    jne 1f
    pushl %esi
    movl $nonce_key, %edi
    movl $6, %ecx
    repe cmpsb
    popl %esi                       /* pop leaves the flags of cmpsb alone */
    je found
1:  movb (%esi), %bl
    incl %esi
    jmp find

found:
    addl $6, %esi
    movl $nonce, %edi
    movl $MAX_NONCE, %ecx
copy:                               /* the nonce runs to the next space or the end */
    movb (%esi), %al
    testb %al, %al
    jz copied
    cmpb $' ', %al
    je copied
    movb %al, (%edi)
    incl %esi
    incl %edi
    loop copy
copied:
    movb $0, (%edi)
    cmpl $nonce, %edi
    je no_nonce

    movl $boot_prefix, %esi
    call puts
    movl $nonce, %esi
    call puts
    movl $end_prefix, %esi
    call puts
    movl $nonce, %esi
    call puts
    movl $end_suffix, %esi
    call puts
    movl $0x10, %eax
    jmp exit_qemu

no_nonce:
    movl $no_nonce_line, %esi
    call puts
    movl $0x11, %eax

exit_qemu:
    movw $DEBUG_EXIT, %dx
    outl %eax, %dx
1:  cli
    hlt
    jmp 1b

/* puts: writes the NUL-terminated string at %esi to COM1. */
puts:
    movw $COM1, %dx
1:  lodsb
    testb %al, %al
    jz 2f
    outb %al, %dx
    jmp 1b
2:  ret

nonce_key:      .ascii "nonce="
boot_prefix:    .asciz "POK BOOT "
end_prefix:     .asciz "\nPOK END "
end_suffix:     .asciz " done\n"
no_nonce_line:  .asciz "do-nothing: no nonce=<hex> on the Multiboot command line\n"

    .section .bss
    .align 16
nonce:
    .skip MAX_NONCE + 1
    .align 16
    .skip 1024
stack_top:
