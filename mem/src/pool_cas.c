/*
 * mem_pool_alloc and mem_pool_free in portable C11: the reference
 * implementation, used on hosts and every target without LDREX/STREX
 * (mem/BUILD selects arch/armv7m/pool.S on Armv7E-M instead). Same
 * encodings and failure exits as the assembly (pool_internal.h); the head
 * is 64 bits wide here, and its upper half is a tag bumped on every update,
 * because a compare-and-swap, unlike STREX, cannot tell that the head was
 * changed and changed back (ABA) between our load and our update.
 */
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "mem/config.h"
#include "mem/pool.h"
#include "pool_internal.h"

#if MEM_TARGET_CORTEX_M_EXCLUSIVES
#error "Cortex-M with LDREX/STREX: build mem/src/arch/armv7m/pool.S instead"
#endif

#if ATOMIC_LLONG_LOCK_FREE != 2
#error "mem/pool: needs LDREX/STREX or a lock-free 64-bit compare-and-swap"
#endif

#define TAG_ONE ((uint64_t)1u << 32)

static inline uint32_t link_load(const mem_pool_t *pool, uint32_t index)
{
    return atomic_load_explicit(
        (const _Atomic uint16_t *)(const void *)&pool->links_[index],
        memory_order_relaxed);
}

static inline uint32_t busy_value_of(const mem_pool_t *pool)
{
    return pool->limit_ & FIELD_MASK;
}

/* Lower the low-water mark to `free_now` if it is lower (atomic minimum). */
static inline void note_free_count(mem_pool_t *pool, uint32_t free_now)
{
    _Atomic uint32_t *mark = ATOMIC_U32(pool->low_water_);
    uint32_t seen = atomic_load_explicit(mark, memory_order_relaxed);
    while (UNLIKELY(free_now < seen) &&
           !atomic_compare_exchange_weak_explicit(mark, &seen, free_now,
                                                  memory_order_relaxed,
                                                  memory_order_relaxed)) {
    }
}

void *mem_pool_alloc(mem_pool_t *pool)
{
    /* acquire: the previous owner's writes to the block (released by its
     * free) happen-before ours. */
    uint64_t seen = atomic_load_explicit(ATOMIC_HEAD(pool),
                                         memory_order_acquire);
    uint64_t desired;
    uint32_t index;
    do {
        if (UNLIKELY((seen & ((uint64_t)FIELD_MASK << 16)) == 0u)) {
            return mem_pool_alloc_empty_(pool);
        }
        index = (uint32_t)seen & FIELD_MASK;
        /* If another context takes this block meanwhile, its link may read
         * as anything; the tag makes the update below fail and we retry. */
        uint32_t next = link_load(pool, index);
        desired = ((seen & ~(uint64_t)FIELD_MASK) | next) - COUNT_ONE +
                  TAG_ONE;
    } while (UNLIKELY(!atomic_compare_exchange_weak_explicit(
        ATOMIC_HEAD(pool), &seen, desired, memory_order_acquire,
        memory_order_acquire)));

    link_init(pool, index, index); /* allocated */
    uint32_t free_now = (uint32_t)(desired >> 16) & FIELD_MASK;
    if (UNLIKELY(free_now < atomic_load_explicit(
                                ATOMIC_U32(pool->low_water_),
                                memory_order_relaxed))) {
        note_free_count(pool, free_now);
    }
    return pool->blocks_ + (size_t)index * pool->block_size_;
}

mem_status_t mem_pool_free(mem_pool_t *pool, void *block)
{
    uintptr_t offset = (uintptr_t)block - (uintptr_t)pool->blocks_;
    /*
     * Exact division test without dividing: with block size d = o * 2^s
     * (o odd) and o * inverse == 1 mod 2^32, rotr(offset * inverse, s)
     * equals offset / d when d divides offset, and is larger than
     * (2^32 - 1) / d >= block_count otherwise. Since block_count * d < 2^32,
     * "index < block_count" accepts exactly the block starts inside the pool
     * (on 64-bit hosts the high half of the offset is checked as well).
     */
    uint32_t product = (uint32_t)offset * pool->inverse_;
    uint32_t shift = pool->limit_ & 31u;
    uint32_t index = (product >> shift) | (product << ((32u - shift) & 31u));
    if (UNLIKELY(index >= block_count_of(pool) ||
                 (sizeof(uintptr_t) > sizeof(uint32_t) &&
                  (uint64_t)offset > UINT32_MAX))) {
        return mem_pool_free_rejected_(pool, block);
    }
    /* Claim the link (i -> busy): of two racing frees of one block only one
     * gets past this point. */
    uint16_t expected = (uint16_t)index;
    if (UNLIKELY(!atomic_compare_exchange_strong_explicit(
            ATOMIC_LINK(pool, index), &expected,
            (uint16_t)busy_value_of(pool), memory_order_relaxed,
            memory_order_relaxed))) {
        return mem_pool_free_double_(pool, index);
    }
    uint64_t seen = atomic_load_explicit(ATOMIC_HEAD(pool),
                                         memory_order_relaxed);
    uint64_t desired;
    do {
        link_init(pool, index, (uint32_t)seen & FIELD_MASK);
        desired = (seen & ~(uint64_t)FIELD_MASK) + COUNT_ONE + index +
                  TAG_ONE;
        /* release: our writes to the block and its link are visible to the
         * context that allocates it next. */
    } while (UNLIKELY(!atomic_compare_exchange_weak_explicit(
        ATOMIC_HEAD(pool), &seen, desired, memory_order_release,
        memory_order_relaxed)));
    return MEM_OK;
}
