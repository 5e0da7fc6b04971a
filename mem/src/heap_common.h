/*
 * Private to //mem: the logic the TLSF (tlsf.c) and first-fit (llff.c)
 * heaps share word for word — block sizing, counters, the out-of-memory
 * path, calloc's overflow check, integrity-fault reporting, poison checks —
 * and the statistics copy heap_locked.c and malloc_retarget.c both need.
 * Everything is static inline (or a macro) so each user stays one object
 * file with no extra symbols.
 * Not a public header: include it only from mem/src.
 */
#ifndef MEM_SRC_HEAP_COMMON_H
#define MEM_SRC_HEAP_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mem/config.h"
#include "mem/status.h"

#define HEAP_HDR 8u        /* bytes of header in every block */
#define HEAP_MIN_BLOCK 16u /* smallest block: header + two words */
#define HEAP_ALIGN 8u      /* alignment of every payload */

/* Same function type as mem_tlsf_oom_hook_t and mem_llff_oom_hook_t. */
typedef void (*heap_oom_hook_t)(const void *heap, size_t size,
                                size_t alignment, void *context);

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
                                    heap_oom_hook_t hook, void *context,
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

/* Copy the fields every heap's statistics share (mem_tlsf_stats_t,
 * mem_llff_stats_t) into a mem_heap_locked_stats_t. A macro because the
 * source types differ while the fields are the same. */
#define HEAP_STATS_COPY(out, in)                          \
    do {                                                  \
        (out)->arena_bytes = (in).arena_bytes;            \
        (out)->bytes_in_use = (in).bytes_in_use;          \
        (out)->peak_bytes_in_use = (in).peak_bytes_in_use; \
        (out)->free_bytes = (in).free_bytes;              \
        (out)->largest_free_block = (in).largest_free_block; \
        (out)->live_blocks = (in).live_blocks;            \
        (out)->alloc_count = (in).alloc_count;            \
        (out)->failed_allocs = (in).failed_allocs;        \
    } while (0)

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
