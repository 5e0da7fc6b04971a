/*
 * Fixed-block pool (mem/pool.h). Design notes in mem/docs/pool.md.
 *
 * Encodings (all 16-bit quantities, so at most 65534 blocks):
 *   head field [15:0]   0 = no free block, else index of first free block + 1
 *   head count [31:16]  number of free blocks
 *   head tag   [63:32]  hosts only: +1 on every successful update (ABA)
 *   links[i]            0 = block i is allocated (or being freed);
 *                       else block i is free and links[i] - 1 is the head
 *                       field value that follows it (0 = end of list)
 */
#include "mem/pool.h"

#include <stdatomic.h>
#include <stdbool.h>

#include "mem/config.h"

/* Branch hints: keep the success path as straight-line fall-through code. */
#define UNLIKELY(cond) __builtin_expect(!!(cond), 0)

#define FIELD_MASK 0xFFFFu
#define COUNT_ONE 0x10000u

#define ATOMIC_LINK(pool, index) \
    ((_Atomic uint16_t *)(void *)&(pool)->links_[(index)])
#define ATOMIC_U32(field) ((_Atomic uint32_t *)(void *)&(field))
#define ATOMIC_U32_CONST(field) \
    ((const _Atomic uint32_t *)(const void *)&(field))

_Static_assert(sizeof(_Atomic uint16_t) == sizeof(uint16_t) &&
                   _Alignof(_Atomic uint16_t) == _Alignof(uint16_t),
               "atomic links must overlay uint16_t");
_Static_assert(sizeof(_Atomic uint32_t) == sizeof(uint32_t) &&
                   _Alignof(_Atomic uint32_t) == _Alignof(uint32_t),
               "atomic counters must overlay uint32_t");

/* ---- the head word ------------------------------------------------------
 * head_load / head_update hide the two ways of changing the head word
 * atomically. Usage in both: w = head_begin(); ...compute new...;
 * if (head_commit(&w, new)) done, else w holds a fresh value, retry. */
#if MEM_TARGET_CORTEX_M_EXCLUSIVES

/*
 * Cortex-M: LDREX/STREX on the 32-bit head word, no tag needed.
 * Why this is ABA-safe: the architecture clears the local exclusive monitor
 * on every exception entry and return. Anything that can change the list
 * between our LDREX and STREX on a single core has to be code running in an
 * exception handler that preempted us; its entry or return clears the
 * monitor, so our STREX fails and we start over with fresh values, even if
 * the head word happens to hold its old value again (the A-B-A case that
 * defeats a plain compare-and-swap). For the same reason the block link read
 * between LDREX and STREX is consistent with the head we loaded.
 * No DMB: all users of a pool run on this one core, which observes its own
 * memory accesses in program order; the "memory" clobbers keep the compiler
 * from moving accesses across LDREX/STREX.
 */
typedef uint32_t head_word_t;
#define TAG_ONE 0u

static inline uint32_t ldrex_word(uint32_t *address)
{
    uint32_t value;
    __asm__ volatile("ldrex %0, [%1]" : "=r"(value) : "r"(address) : "memory");
    return value;
}

/* Returns 0 on success. */
static inline uint32_t strex_word(uint32_t *address, uint32_t value)
{
    uint32_t failed;
    __asm__ volatile("strex %0, %2, [%1]"
                     : "=&r"(failed)
                     : "r"(address), "r"(value)
                     : "memory");
    return failed;
}

static inline uint32_t ldrex_half(uint16_t *address)
{
    uint32_t value;
    __asm__ volatile("ldrexh %0, [%1]" : "=r"(value) : "r"(address) : "memory");
    return value;
}

static inline uint32_t strex_half(uint16_t *address, uint32_t value)
{
    uint32_t failed;
    __asm__ volatile("strexh %0, %2, [%1]"
                     : "=&r"(failed)
                     : "r"(address), "r"(value)
                     : "memory");
    return failed;
}

static inline void clear_exclusive(void)
{
    __asm__ volatile("clrex" ::: "memory");
}

static inline head_word_t head_begin(mem_pool_t *pool)
{
    return ldrex_word(&pool->head_);
}

static inline bool head_commit(mem_pool_t *pool, head_word_t *seen,
                               head_word_t desired, bool acquire)
{
    (void)acquire;
    if (strex_word(&pool->head_, desired) == 0u) {
        return true;
    }
    *seen = ldrex_word(&pool->head_);
    return false;
}

static inline void head_abandon(void)
{
    clear_exclusive();
}

static inline head_word_t head_peek(const mem_pool_t *pool)
{
    return *(const volatile uint32_t *)&pool->head_;
}

/* Mark block `index` as being freed (link 0 -> 1). False if it was free. */
static inline bool claim_block(mem_pool_t *pool, uint32_t index)
{
    uint16_t *link = &pool->links_[index];
    for (;;) {
        if (UNLIKELY(ldrex_half(link) != 0u)) {
            clear_exclusive();
            return false;
        }
        if (strex_half(link, 1u) == 0u) {
            return true;
        }
    }
}

static inline void link_store(mem_pool_t *pool, uint32_t index, uint32_t v)
{
    pool->links_[index] = (uint16_t)v;
}

static inline uint32_t link_load(const mem_pool_t *pool, uint32_t index)
{
    return pool->links_[index];
}

#else /* hosts: 64-bit compare-and-swap with an ABA tag */

#if ATOMIC_LLONG_LOCK_FREE != 2
#error "mem/pool: needs LDREX/STREX or a lock-free 64-bit compare-and-swap"
#endif

_Static_assert(sizeof(_Atomic uint64_t) == sizeof(uint64_t) &&
                   _Alignof(_Atomic uint64_t) == _Alignof(uint64_t),
               "atomic head must overlay uint64_t");

typedef uint64_t head_word_t;
#define TAG_ONE ((uint64_t)1u << 32)
#define ATOMIC_HEAD(pool) ((_Atomic uint64_t *)(void *)&(pool)->head_)

static inline head_word_t head_begin(mem_pool_t *pool)
{
    return atomic_load_explicit(ATOMIC_HEAD(pool), memory_order_acquire);
}

/* acquire: alloc (takes a block another context released);
 * otherwise release: free (hands the block's link and contents over). */
static inline bool head_commit(mem_pool_t *pool, head_word_t *seen,
                               head_word_t desired, bool acquire)
{
    if (acquire) {
        return atomic_compare_exchange_weak_explicit(
            ATOMIC_HEAD(pool), seen, desired, memory_order_acquire,
            memory_order_acquire);
    }
    return atomic_compare_exchange_weak_explicit(ATOMIC_HEAD(pool), seen,
                                                 desired, memory_order_release,
                                                 memory_order_relaxed);
}

static inline void head_abandon(void)
{
}

static inline head_word_t head_peek(const mem_pool_t *pool)
{
    return atomic_load_explicit(
        (const _Atomic uint64_t *)(const void *)&pool->head_,
        memory_order_relaxed);
}

static inline bool claim_block(mem_pool_t *pool, uint32_t index)
{
    uint16_t expected = 0u;
    return atomic_compare_exchange_strong_explicit(
        ATOMIC_LINK(pool, index), &expected, 1u, memory_order_relaxed,
        memory_order_relaxed);
}

static inline void link_store(mem_pool_t *pool, uint32_t index, uint32_t v)
{
    atomic_store_explicit(ATOMIC_LINK(pool, index), (uint16_t)v,
                          memory_order_relaxed);
}

static inline uint32_t link_load(const mem_pool_t *pool, uint32_t index)
{
    return atomic_load_explicit(
        (const _Atomic uint16_t *)(const void *)&pool->links_[index],
        memory_order_relaxed);
}

#endif

static inline uint32_t free_count_of(head_word_t word)
{
    return (uint32_t)(word >> 16) & FIELD_MASK;
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
        links_size < MEM_POOL_LINKS_SIZE(block_count)) {
        return MEM_ERR_SIZE;
    }
    if (((uintptr_t)storage & (MEM_POOL_ALIGN - 1u)) != 0u ||
        ((uintptr_t)links & (_Alignof(uint16_t) - 1u)) != 0u) {
        return MEM_ERR_ALIGN;
    }

    uint32_t size = (uint32_t)rounded;
    uint32_t shift = 0u;
    while (((size >> shift) & 1u) == 0u) {
        ++shift;
    }
    pool->blocks_ = (uint8_t *)storage;
    pool->links_ = (uint16_t *)links;
    pool->block_size_ = size;
    pool->block_count_ = (uint32_t)block_count;
    pool->shift_ = shift;
    pool->inverse_ = inverse_mod_2_32(size >> shift);
    pool->failed_allocs_ = 0u;
    pool->low_water_ = (uint32_t)block_count;

    /* Free list in address order: block i links to block i + 1. */
    uint32_t count = (uint32_t)block_count;
    for (uint32_t i = 0u; i < count; ++i) {
        uint32_t next_field = (i + 1u < count) ? i + 2u : 0u;
        link_store(pool, i, next_field + 1u);
    }
    head_word_t head = ((head_word_t)count << 16) | 1u;
#if MEM_TARGET_CORTEX_M_EXCLUSIVES
    pool->head_ = head;
#else
    atomic_store_explicit(ATOMIC_HEAD(pool), head, memory_order_release);
#endif
    return MEM_OK;
}

/* ---- alloc --------------------------------------------------------------- */

static void *alloc_failed(mem_pool_t *pool)
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
    head_word_t seen = head_begin(pool);
    head_word_t desired;
    uint32_t field;
    do {
        field = (uint32_t)seen & FIELD_MASK;
        if (UNLIKELY(field == 0u)) {
            head_abandon();
            return alloc_failed(pool);
        }
        /* If another context takes this block meanwhile, its link may read
         * as anything; the head update below then fails and we retry. */
        uint32_t next_field = link_load(pool, field - 1u) - 1u;
        desired = seen - field - COUNT_ONE + next_field + TAG_ONE;
    } while (UNLIKELY(!head_commit(pool, &seen, desired, true)));

    uint32_t index = field - 1u;
    link_store(pool, index, 0u); /* allocated */
    note_free_count(pool, free_count_of(desired));
    return pool->blocks_ + (size_t)index * pool->block_size_;
}

/* ---- free ---------------------------------------------------------------- */

static mem_status_t free_rejected(mem_pool_t *pool, const void *block,
                                  mem_status_t status)
{
    mem_failure_report(status, pool, block);
    return status;
}

mem_status_t mem_pool_free(mem_pool_t *pool, void *block)
{
    uintptr_t offset = (uintptr_t)block - (uintptr_t)pool->blocks_;
    /*
     * Exact division test without dividing: with block size d = o * 2^s
     * (o odd) and o * inverse == 1 mod 2^32, rotr(offset * inverse, s)
     * equals offset / d when d divides offset, and is larger than
     * (2^32 - 1) / d >= block_count otherwise. Since block_count * d < 2^32,
     * "index < block_count" accepts exactly the block starts inside the pool.
     */
    uint32_t product = (uint32_t)offset * pool->inverse_;
    uint32_t shift = pool->shift_;
    uint32_t index = (product >> shift) | (product << ((32u - shift) & 31u));
    uint64_t total = (uint64_t)pool->block_count_ * pool->block_size_;
    if (UNLIKELY(index >= pool->block_count_ ||
                 (sizeof(uintptr_t) > sizeof(uint32_t) &&
                  (uint64_t)offset >= total))) {
        /* Rare path: NULL (checked here, off the hot path), outside, or
         * inside but not at a block start. */
        if (block == NULL) {
            return MEM_ERR_ARG;
        }
        return free_rejected(pool, block,
                             (uint64_t)offset >= total ? MEM_ERR_FOREIGN
                                                       : MEM_ERR_ALIGN);
    }
    /* Take ownership of the link atomically: two racing frees of one block
     * cannot both get past this point. */
    if (UNLIKELY(!claim_block(pool, index))) {
        return free_rejected(pool, block, MEM_ERR_DOUBLE_FREE);
    }
    head_word_t seen = head_begin(pool);
    head_word_t desired;
    do {
        link_store(pool, index, ((uint32_t)seen & FIELD_MASK) + 1u);
        desired = (seen & ~(head_word_t)FIELD_MASK) + COUNT_ONE +
                  (index + 1u) + TAG_ONE;
    } while (UNLIKELY(!head_commit(pool, &seen, desired, false)));
    return MEM_OK;
}

/* ---- stats --------------------------------------------------------------- */

mem_status_t mem_pool_stats_get(const mem_pool_t *pool,
                                mem_pool_stats_t *stats)
{
    if (pool == NULL || stats == NULL) {
        return MEM_ERR_ARG;
    }
    uint32_t free_now = free_count_of(head_peek(pool));
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
    atomic_store_explicit(ATOMIC_U32(pool->low_water_),
                          free_count_of(head_peek(pool)),
                          memory_order_relaxed);
    atomic_store_explicit(ATOMIC_U32(pool->failed_allocs_), 0u,
                          memory_order_relaxed);
    return MEM_OK;
}
