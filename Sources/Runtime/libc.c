/*
 * What Embedded Swift expects from its environment. POK: kernel/libc/.
 * The allocator is a bump allocator for boot time: interrupt paths never allocate.
 */
typedef unsigned int size_t;
typedef unsigned int uint32_t;
typedef unsigned char uint8_t;

void *memset(void *dst, int value, size_t n) {
    uint8_t *d = dst;
    while (n--) *d++ = (uint8_t)value;
    return dst;
}

void *memcpy(void *dst, const void *src, size_t n) {
    uint8_t *d = dst;
    const uint8_t *s = src;
    while (n--) *d++ = *s++;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
    uint8_t *d = dst;
    const uint8_t *s = src;
    if (d < s) { while (n--) *d++ = *s++; }
    else { d += n; s += n; while (n--) *--d = *--s; }
    return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
    const uint8_t *x = a, *y = b;
    for (; n; n--, x++, y++) if (*x != *y) return *x - *y;
    return 0;
}

size_t strlen(const char *s) {
    size_t n = 0;
    while (s[n]) n++;
    return n;
}

#ifndef POK_HEAP_SIZE
#define POK_HEAP_SIZE (64 * 1024)
#endif
static uint8_t pok_heap[POK_HEAP_SIZE] __attribute__((aligned(16)));
static size_t pok_heap_used;

int posix_memalign(void **out, size_t alignment, size_t size) {
    if (alignment < 4) alignment = 4;
    size_t start = (pok_heap_used + alignment - 1) & ~(alignment - 1);
    if (start + size > POK_HEAP_SIZE) return 12; /* ENOMEM */
    pok_heap_used = start + size;
    *out = &pok_heap[start];
    return 0;
}

void *malloc(size_t size) {
    void *p = 0;
    return posix_memalign(&p, 16, size) == 0 ? p : 0;
}

void free(void *p) { (void)p; }

void arc4random_buf(void *buf, size_t n) {
    static uint32_t state = 0x2545F491u;
    uint8_t *b = buf;
    while (n--) { state ^= state << 13; state ^= state >> 17; state ^= state << 5; *b++ = (uint8_t)state; }
}

#ifndef POK_PARTITION
extern void pok_putchar(uint8_t c);
int putchar(int c) { pok_putchar((uint8_t)c); return c; }
#else
int putchar(int c) { return c; }
#endif

void abort(void) { for (;;) __asm__ volatile("cli; hlt"); }

/* 64-bit division helpers that i386 code calls for UInt64 `/` and `%` (compiler-rt's names). */
typedef unsigned long long uint64_t;

static uint64_t pok_udivmod64(uint64_t n, uint64_t d, uint64_t *rem) {
    uint64_t q = 0, r = 0;
    if (d == 0) { __builtin_trap(); }
    for (int i = 63; i >= 0; i--) {
        r = (r << 1) | ((n >> i) & 1);
        if (r >= d) { r -= d; q |= 1ULL << i; }
    }
    if (rem) *rem = r;
    return q;
}

uint64_t __udivdi3(uint64_t n, uint64_t d) { return pok_udivmod64(n, d, 0); }
uint64_t __umoddi3(uint64_t n, uint64_t d) { uint64_t r; pok_udivmod64(n, d, &r); return r; }
