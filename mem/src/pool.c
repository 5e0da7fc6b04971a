/*
 * Fixed-block pool (mem/pool.h): init, stats and the failure exits, common
 * to both implementations of alloc/free. Design notes in mem/docs/pool.md;
 * encodings in pool_internal.h.
 *
 * mem_pool_alloc / mem_pool_free come from one of two files, chosen per
 * platform in mem/BUILD:
 *   arch/armv7m/pool.S  Cortex-M (Armv7-M/Armv7E-M): LDREX/STREX,
 *                       hand-scheduled Thumb-2 (MEM_TARGET_CORTEX_M_EXCLUSIVES)
 *   pool_cas.c          everything else: the C11 reference implementation,
 *                       64-bit compare-and-swap with an ABA tag
 */
#include "mem/pool.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "mem/config.h"
#include "pool_internal.h"

/* Indices are < N <= 0xFF00 and the busy value is 0xFF00 | shift with
 * shift >= 3 (blocks are multiples of 8 bytes): no collision. */
_Static_assert(MEM_POOL_MAX_BLOCKS <= LIMIT_BUSY_BITS && MEM_POOL_ALIGN >= 2u,
               "block indices and the end marker stay below the busy value");

_Static_assert(sizeof(_Atomic uint16_t) == sizeof(uint16_t) &&
                   _Alignof(_Atomic uint16_t) == _Alignof(uint16_t),
               "atomic links must overlay uint16_t");
_Static_assert(sizeof(_Atomic uint32_t) == sizeof(uint32_t) &&
                   _Alignof(_Atomic uint32_t) == _Alignof(uint32_t),
               "atomic counters must overlay uint32_t");

#if MEM_TARGET_CORTEX_M_EXCLUSIVES
/* The assembly (arch/armv7m/pool.S) addresses these fields by the offsets
 * in pool_offsets.h; LDM/LDRD there also need blocks_, inverse_, limit_ and
 * links_, self_ adjacent, which these equalities imply. */
#include "arch/armv7m/pool_offsets.h"
_Static_assert(offsetof(mem_pool_t, blocks_) == POOL_OFF_BLOCKS, "asm offset");
_Static_assert(offsetof(mem_pool_t, inverse_) == POOL_OFF_INVERSE,
               "asm offset");
_Static_assert(offsetof(mem_pool_t, limit_) == POOL_OFF_LIMIT, "asm offset");
_Static_assert(offsetof(mem_pool_t, links_) == POOL_OFF_LINKS, "asm offset");
_Static_assert(offsetof(mem_pool_t, self_) == POOL_OFF_SELF, "asm offset");
_Static_assert(offsetof(mem_pool_t, head_) == POOL_OFF_HEAD, "asm offset");
_Static_assert(offsetof(mem_pool_t, block_size_) == POOL_OFF_BLOCK_SIZE,
               "asm offset");
_Static_assert(offsetof(mem_pool_t, low_water_) == POOL_OFF_LOW_WATER,
               "asm offset");
_Static_assert(POOL_OFF_INVERSE == POOL_OFF_BLOCKS + 4 &&
                   POOL_OFF_LIMIT == POOL_OFF_INVERSE + 4 &&
                   POOL_OFF_SELF == POOL_OFF_LINKS + 4,
               "LDM/LDRD in pool.S load adjacent fields");
#endif

/* ---- failure exits (declared in pool_internal.h) ------------------------- */

void *mem_pool_alloc_empty_(mem_pool_t *pool)
{
    _Atomic uint32_t *failed = ATOMIC_U32(pool->failed_allocs_);
    uint32_t seen = atomic_load_explicit(failed, memory_order_relaxed);
    while (seen != UINT32_MAX &&
           !atomic_compare_exchange_weak_explicit(failed, &seen, seen + 1u,
                                                  memory_order_relaxed,
                                                  memory_order_relaxed)) {
    }
    return NULL;
}

mem_status_t mem_pool_free_rejected_(mem_pool_t *pool, void *block)
{
    if (block == NULL) {
        return MEM_ERR_ARG;
    }
    /* block_count * block_size < 2^32 (checked by init) */
    uintptr_t total = (uintptr_t)block_count_of(pool) * pool->block_size_;
    mem_status_t status =
        (uintptr_t)block - (uintptr_t)pool->blocks_ >= total ? MEM_ERR_FOREIGN
                                                             : MEM_ERR_ALIGN;
    mem_failure_report(status, pool, block);
    return status;
}

mem_status_t mem_pool_free_double_(mem_pool_t *pool, uint32_t index)
{
    mem_failure_report(MEM_ERR_DOUBLE_FREE, pool,
                       pool->blocks_ + (size_t)index * pool->block_size_);
    return MEM_ERR_DOUBLE_FREE;
}

/* ---- init ---------------------------------------------------------------- */

/* Inverse of an odd number modulo 2^32 (Newton: each step doubles the
 * number of correct low bits; odd * odd == 1 mod 8 gives 3 to start). */
static uint32_t inverse_mod_2_32(uint32_t odd)
{
    uint32_t inverse = odd;
    for (int step = 0; step < 4; ++step) {
        inverse *= 2u - odd * inverse;
    }
    return inverse;
}

mem_status_t mem_pool_init(mem_pool_t *pool, void *storage,
                           size_t storage_size, size_t block_size,
                           size_t block_count, void *links,
                           size_t links_size)
{
    if (pool == NULL || storage == NULL || links == NULL) {
        return MEM_ERR_ARG;
    }
    if (block_size == 0u || block_count == 0u ||
        block_count > MEM_POOL_MAX_BLOCKS ||
        block_size > UINT32_MAX - (MEM_POOL_ALIGN - 1u)) {
        return MEM_ERR_SIZE;
    }
    uint64_t rounded = MEM_POOL_BLOCK_SIZE((uint64_t)block_size);
    uint64_t total = rounded * (uint64_t)block_count;
    if (total > UINT32_MAX || total > SIZE_MAX || storage_size < total ||
        (uintptr_t)storage > UINTPTR_MAX - (uintptr_t)total ||
        links_size < MEM_POOL_LINKS_SIZE(block_count)) {
        return MEM_ERR_SIZE;
    }
    if (((uintptr_t)storage & (MEM_POOL_ALIGN - 1u)) != 0u ||
        ((uintptr_t)links & (_Alignof(uint16_t) - 1u)) != 0u) {
        return MEM_ERR_ALIGN;
    }

    uint32_t size = (uint32_t)rounded;
    uint32_t shift = (uint32_t)__builtin_ctz(size); /* size != 0 */
    uint32_t count = (uint32_t)block_count;
    pool->blocks_ = (uint8_t *)storage;
    pool->inverse_ = inverse_mod_2_32(size >> shift);
    pool->limit_ = (count << 16) | LIMIT_BUSY_BITS | shift;
    pool->links_ = (uint16_t *)links;
    pool->self_ = pool;
    pool->block_size_ = size;
    pool->block_count_ = count;
    pool->failed_allocs_ = 0u;
    pool->low_water_ = count;

    /* Free list in address order: block i links to block i + 1, the last
     * one to N (end). */
    for (uint32_t i = 0u; i < count; ++i) {
        link_init(pool, i, i + 1u);
    }
    head_init(pool, count << 16); /* first = 0, count = N */
    return MEM_OK;
}

/* ---- stats --------------------------------------------------------------- */

mem_status_t mem_pool_stats(const mem_pool_t *pool,
                            mem_pool_stats_t *stats)
{
    if (pool == NULL || stats == NULL) {
        return MEM_ERR_ARG;
    }
    uint32_t free_now = free_count_now(pool);
    stats->block_size = pool->block_size_;
    stats->block_count = pool->block_count_;
    stats->in_use = pool->block_count_ - free_now;
    stats->low_water_free = atomic_load_explicit(
        ATOMIC_U32_CONST(pool->low_water_), memory_order_relaxed);
    stats->failed_allocs = atomic_load_explicit(
        ATOMIC_U32_CONST(pool->failed_allocs_), memory_order_relaxed);
    return MEM_OK;
}

mem_status_t mem_pool_stats_reset(mem_pool_t *pool)
{
    if (pool == NULL) {
        return MEM_ERR_ARG;
    }
    atomic_store_explicit(ATOMIC_U32(pool->low_water_), free_count_now(pool),
                          memory_order_relaxed);
    atomic_store_explicit(ATOMIC_U32(pool->failed_allocs_), 0u,
                          memory_order_relaxed);
    return MEM_OK;
}
