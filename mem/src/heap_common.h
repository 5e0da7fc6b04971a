/*
 * Private to //mem: the logic the TLSF (tlsf.c) and first-fit (llff.c)
 * heaps share word for word — block sizing, counters, the out-of-memory
 * path, calloc's overflow check, integrity-fault reporting, poison checks —
 * and the mem/heap.h operations table each exports (HEAP_DEFINE_OPS).
 * Everything is static inline (or a macro) so each user stays one object
 * file.
 * Not a public header: include it only from mem/src.
 */
#ifndef MEM_SRC_HEAP_COMMON_H
#define MEM_SRC_HEAP_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mem/config.h"
#include "mem/heap.h"
#include "mem/status.h"

#define HEAP_HDR 8u        /* bytes of header in every block */
#define HEAP_MIN_BLOCK 16u /* smallest block: header + two words */
#define HEAP_ALIGN 8u      /* alignment of every payload */


/* Block bytes (header included, multiple of 8, >= HEAP_MIN_BLOCK) for a
 * payload of `size` bytes, or 0 when it exceeds `limit` (limit < 2^31). */
static inline uint32_t heap_block_size_for(size_t size, size_t limit)
{
    if (size > limit) {
        return 0u;
    }
    uint32_t bsize = ((uint32_t)size + HEAP_HDR + 7u) & ~7u;
    return bsize < HEAP_MIN_BLOCK ? HEAP_MIN_BLOCK : bsize;
}

/* Count `bytes` more in use and keep the high-water mark. */
static inline void heap_count_use(size_t *in_use, size_t *peak, size_t bytes)
{
    size_t now = *in_use + bytes;
    *in_use = now;
    if (now > *peak) {
        *peak = now;
    }
}

/* The failed-allocation path: count it, call the hook, return NULL. */
static inline void *heap_fail_alloc(const void *heap, uint32_t *failed,
                                    mem_heap_oom_hook_t hook, void *context,
                                    size_t size, size_t alignment)
{
    (*failed)++;
    if (hook != NULL) {
        hook(heap, size, alignment, context);
    }
    return NULL;
}

/* count*size for calloc; false when it overflows size_t. */
static inline int heap_calloc_total(size_t count, size_t size, size_t *total)
{
    return !__builtin_mul_overflow(count, size, total);
}

/* Integrity-walk failure: fill the caller's fault record (reason, block;
 * either pointer may be NULL), report MEM_ERR_CORRUPT, return it. */
static inline mem_status_t heap_corrupt(const void *heap, const char **reason,
                                        const void **block_out,
                                        const char *why, const void *block)
{
    if (reason != NULL) {
        *reason = why;
        *block_out = block;
    }
    mem_failure_report(MEM_ERR_CORRUPT, heap, block);
    return MEM_ERR_CORRUPT;
}

/*
 * Define `const mem_heap_ops_t prefix##_ops` for a heap whose functions are
 * `init` (usually prefix##_init) and prefix##_alloc, ... over state type
 * `type`. The entries are small forwarding functions (not casts of the
 * public functions: calling through a pointer of another type is
 * undefined); each compiles to one tail branch.
 */
#define HEAP_DEFINE_OPS(prefix, type, init, label, min, max)                 \
    static mem_status_t prefix##_op_init(void *h, void *a, size_t n)         \
    { return init((type *)h, a, n); }                                        \
    static void *prefix##_op_alloc(void *h, size_t n)                        \
    { return prefix##_alloc((type *)h, n); }                                 \
    static void *prefix##_op_aligned_alloc(void *h, size_t al, size_t n)     \
    { return prefix##_aligned_alloc((type *)h, al, n); }                     \
    static void *prefix##_op_calloc(void *h, size_t c, size_t n)             \
    { return prefix##_calloc((type *)h, c, n); }                             \
    static void *prefix##_op_realloc(void *h, void *p, size_t n)             \
    { return prefix##_realloc((type *)h, p, n); }                            \
    static mem_status_t prefix##_op_free(void *h, void *p)                   \
    { return prefix##_free((type *)h, p); }                                  \
    static size_t prefix##_op_usable_size(const void *h, const void *p)      \
    { return prefix##_usable_size((const type *)h, p); }                     \
    static void prefix##_op_oom_hook_set(void *h, mem_heap_oom_hook_t f,     \
                                         void *c)                            \
    { prefix##_oom_hook_set((type *)h, f, c); }                              \
    static mem_status_t prefix##_op_stats(const void *h,                     \
                                          mem_heap_stats_t *o)               \
    { return prefix##_stats((const type *)h, o); }                           \
    static mem_status_t prefix##_op_check(const void *h,                     \
                                          mem_heap_fault_t *f)               \
    { return prefix##_check((const type *)h, f); }                           \
    const mem_heap_ops_t prefix##_ops = {                                    \
        label, sizeof(type), (min), (max), prefix##_op_init,                 \
        prefix##_op_alloc, prefix##_op_aligned_alloc, prefix##_op_calloc,    \
        prefix##_op_realloc, prefix##_op_free, prefix##_op_usable_size,      \
        prefix##_op_oom_hook_set, prefix##_op_stats, prefix##_op_check,      \
    }

#if MEM_CONFIG_POISON
/* Offset of the first byte in [from, size) of the block at `b` that does not
 * hold MEM_POISON_BYTE, or 0 when all do. */
static inline uint32_t heap_poison_damage(const void *b, uint32_t from,
                                          uint32_t size)
{
    const unsigned char *p = (const unsigned char *)b;
    for (uint32_t i = from; i < size; i++) {
        if (p[i] != (unsigned char)MEM_POISON_BYTE) {
            return i;
        }
    }
    return 0u;
}
#endif

#endif /* MEM_SRC_HEAP_COMMON_H */
