/*
 * uint64_t pok_read_timestamp(void): the time-stamp counter (`rdtsc`, EDX:EAX). CR4.TSD is clear,
 * so any ring may read it. Under QEMU's -icount the counter is virtual time: 2^shift ns per guest
 * instruction, the same count on every run. POK: none (the course's benchmarks).
 */
    .section .text
    .global pok_read_timestamp
pok_read_timestamp:
    rdtsc
    ret

/* void pok_do_nothing(void): the empty call a benchmark's baseline loop makes. */
    .global pok_do_nothing
pok_do_nothing:
    ret
