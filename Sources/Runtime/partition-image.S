/* The linked partition binary, embedded in the kernel. POK_PARTITION_IMAGE is its path. */
    .section .partition_image, "a"
    .align 16
    .global pok_partition_image_start
pok_partition_image_start:
    .incbin POK_PARTITION_IMAGE
    .global pok_partition_image_end
pok_partition_image_end:

    .section .text
/* void pok_partition_image_bounds(uint32_t *start, uint32_t *end) */
    .global pok_partition_image_bounds
pok_partition_image_bounds:
    movl 4(%esp), %eax
    movl $pok_partition_image_start, (%eax)
    movl 8(%esp), %eax
    movl $pok_partition_image_end, (%eax)
    ret
