/*
 * Fixed-block pool (mem/pool.h). Design notes in mem/docs/pool.md.
 *
 * Encodings (16-bit quantities; N = block count <= MEM_POOL_MAX_BLOCKS):
 *   head first [15:0]   index of the first free block; N when none is free
 *   head count [31:16]  number of free blocks (0 = empty)
 *   head tag   [63:32]  hosts only: +1 on every successful update (ABA)
 *   links[i] == i       block i is allocated
 *   links[i] == j != i  block i is free and block j follows it (j = N: last)
 *   links[i] >= 0xFF00  block i is being freed (claimed, not yet pushed)
 * No free block links to itself (no cycles), and j <= N < 0xFF00, so the
 * three states never collide.
 *
 * Two implementations of alloc/free share this encoding: hand-scheduled
 * Thumb-2 with LDREX/STREX on Cortex-M (MEM_TARGET_CORTEX_M_EXCLUSIVES), and
 * C11 compare-and-swap elsewhere. init, stats and every failure path are
 * common C code.
 */
#include "mem/pool.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "mem/config.h"

/* Branch hints: keep the success path as straight-line fall-through code. */
#define UNLIKELY(cond) __builtin_expect(!!(cond), 0)

#define FIELD_MASK 0xFFFFu
#define COUNT_ONE 0x10000u
/* limit_ [15:8]; its low 16 bits (0xFF00 | shift) are the "being freed"
 * link value, above every block index and above the end marker N. */
#define LIMIT_BUSY_BITS 0xFF00u

/* Indices are < N <= 0xFF00 and the busy value is 0xFF00 | shift with
 * shift >= 3 (blocks are multiples of 8 bytes): no collision. */
_Static_assert(MEM_POOL_MAX_BLOCKS <= LIMIT_BUSY_BITS && MEM_POOL_ALIGN >= 2u,
               "block indices and the end marker stay below the busy value");

#define ATOMIC_U32(field) ((_Atomic uint32_t *)(void *)&(field))
#define ATOMIC_U32_CONST(field) \
    ((const _Atomic uint32_t *)(const void *)&(field))

_Static_assert(sizeof(_Atomic uint16_t) == sizeof(uint16_t) &&
                   _Alignof(_Atomic uint16_t) == _Alignof(uint16_t),
               "atomic links must overlay uint16_t");
_Static_assert(sizeof(_Atomic uint32_t) == sizeof(uint32_t) &&
                   _Alignof(_Atomic uint32_t) == _Alignof(uint32_t),
               "atomic counters must overlay uint32_t");

static inline uint32_t block_count_of(const mem_pool_t *pool)
{
    return pool->limit_ >> 16;
}

static inline uint32_t busy_value_of(const mem_pool_t *pool)
{
    return pool->limit_ & FIELD_MASK;
}

/* ---- statistics and failures (common to both implementations) ----------- */

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

/* Empty pool: count the failure (saturating) and return NULL. */
__attribute__((used, noinline)) static void *pool_alloc_empty(mem_pool_t *pool)
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

/* `block` is not the start of a block of this pool: classify and report. */
__attribute__((used, noinline)) static mem_status_t
pool_free_rejected(mem_pool_t *pool, void *block)
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

/* Block `index` is not allocated (free, or another free of it is running). */
__attribute__((used, noinline)) static mem_status_t
pool_free_double(mem_pool_t *pool, uint32_t index)
{
    mem_failure_report(MEM_ERR_DOUBLE_FREE, pool,
                       pool->blocks_ + (size_t)index * pool->block_size_);
    return MEM_ERR_DOUBLE_FREE;
}

#if MEM_TARGET_CORTEX_M_EXCLUSIVES
/* ---- Cortex-M: LDREX/STREX, hand-scheduled -------------------------------
 *
 * Why LDREX/STREX is ABA-safe here without a tag: the local exclusive
 * monitor is cleared on every exception entry and return. On one core,
 * anything that changes the pool between our LDREX and STREX runs in a
 * handler that preempted us, so our STREX fails and we start over with fresh
 * values, even if the head word holds its old value again. For the same
 * reason the link read inside an alloc's LDREX/STREX window is consistent
 * with the head it was read with. No DMB: every user of the pool runs on
 * this core, which observes its own accesses in program order (see
 * mem/docs/pool.md for multi-core and DMA).
 *
 * Written in assembly because the instruction budget (alloc <= 20, free
 * <= 20) needs choices the compiler does not make: STREX status written
 * straight into the return register, a saved self pointer to free r0,
 * LDM of three fields, forward CBNZ retries. Register use and the C
 * equivalent of each step are in the comments; mem/docs/pool.md walks
 * through both functions. Field offsets are checked below.
 */
_Static_assert(offsetof(mem_pool_t, blocks_) == 0, "asm offset");
_Static_assert(offsetof(mem_pool_t, inverse_) == 4, "asm offset");
_Static_assert(offsetof(mem_pool_t, limit_) == 8, "asm offset");
_Static_assert(offsetof(mem_pool_t, links_) == 12, "asm offset");
_Static_assert(offsetof(mem_pool_t, self_) == 16, "asm offset");
_Static_assert(offsetof(mem_pool_t, head_) == 20, "asm offset");
_Static_assert(offsetof(mem_pool_t, block_size_) == 24, "asm offset");
_Static_assert(offsetof(mem_pool_t, low_water_) == 32, "asm offset");

/* clang-format off */
__asm__(
    "	.pushsection .text.mem_pool_alloc,\"ax\",%progbits\n"
    "	.syntax unified\n"
    "	.thumb\n"
    "	.p2align 2\n"
    "	.global mem_pool_alloc\n"
    "	.type mem_pool_alloc, %function\n"
    "	.thumb_func\n"
    "mem_pool_alloc:\n"                      /* r0 = pool */
    "	ldr	ip, [r0, #12]\n"             /* ip = links */
    "1:	ldrex	r1, [r0, #20]\n"             /* r1 = head */
    "	lsrs	r2, r1, #16\n"               /* free count */
    "	beq	.Lpool_alloc_empty\n"
    "	uxth	r2, r1\n"                    /* r2 = index of first free */
    "	ldrh	r3, [ip, r2, lsl #1]\n"      /* r3 = next free */
    "	sub	r1, r1, #0x10000\n"          /* count - 1 */
    "	bfi	r1, r3, #0, #16\n"           /* first = next */
    "	strex	r3, r1, [r0, #20]\n"
    "	cbnz	r3, .Lpool_alloc_retry\n"    /* preempted: start over */
    "	strh	r2, [ip, r2, lsl #1]\n"      /* links[i] = i: allocated */
    "	ldr	r3, [r0, #32]\n"             /* low-water mark */
    "	cmp	r3, r1, lsr #16\n"
    "	bhi	.Lpool_alloc_lower\n"        /* new minimum (rare) */
    ".Lpool_alloc_address:\n"
    "	ldr	r3, [r0, #24]\n"             /* block size */
    "	ldr	r0, [r0]\n"                  /* blocks */
    "	mla	r0, r2, r3, r0\n"            /* blocks + index * size */
    "	bx	lr\n"
    ".Lpool_alloc_retry:\n"
    "	b	1b\n"
    ".Lpool_alloc_lower:\n"                  /* atomic minimum, r1 = free */
    "	lsrs	r1, r1, #16\n"
    "2:	ldrex	ip, [r0, #32]\n"
    "	cmp	ip, r1\n"
    "	bls	3f\n"
    "	strex	ip, r1, [r0, #32]\n"
    "	cmp	ip, #0\n"
    "	bne	2b\n"
    "	b	.Lpool_alloc_address\n"
    "3:	clrex\n"
    "	b	.Lpool_alloc_address\n"
    ".Lpool_alloc_empty:\n"
    "	clrex\n"
    "	b	pool_alloc_empty\n"
    "	.size mem_pool_alloc, .-mem_pool_alloc\n"
    "	.popsection\n"

    "	.pushsection .text.mem_pool_free,\"ax\",%progbits\n"
    "	.syntax unified\n"
    "	.thumb\n"
    "	.p2align 2\n"
    "	.global mem_pool_free\n"
    "	.type mem_pool_free, %function\n"
    "	.thumb_func\n"
    "mem_pool_free:\n"                       /* r0 = pool, r1 = block */
    "	ldm	r0, {r2, r3, ip}\n"          /* blocks, inverse, limit */
    "	subs	r2, r1, r2\n"                /* offset */
    "	mul	r2, r2, r3\n"
    "	ror	r2, r2, ip\n"                /* index if a block start */
    "	cmp	r2, ip, lsr #16\n"           /* < block count? */
    "	bcs	.Lpool_free_reject\n"
    "	ldrd	r3, r1, [r0, #12]\n"         /* r3 = links, r1 = pool */
    "	add	r3, r3, r2, lsl #1\n"        /* r3 = &links[index] */
    "1:	ldrexh	r0, [r3]\n"                  /* claim: links[i] must be i */
    "	cmp	r0, r2\n"
    "	bne	.Lpool_free_double\n"
    "	strexh	r0, ip, [r3]\n"              /* links[i] = busy (0xFF00|s) */
    "	cbnz	r0, .Lpool_free_claim_retry\n"
    "2:	ldrex	ip, [r1, #20]\n"             /* push: ip = head */
    "	strh	ip, [r3]\n"                  /* links[i] = first */
    "	add	ip, ip, #0x10000\n"          /* count + 1 */
    "	bfi	ip, r2, #0, #16\n"           /* first = i */
    "	strex	r0, ip, [r1, #20]\n"         /* r0 = 0 = MEM_OK on success */
    "	cbnz	r0, .Lpool_free_push_retry\n"
    "	bx	lr\n"
    ".Lpool_free_claim_retry:\n"
    "	b	1b\n"
    ".Lpool_free_push_retry:\n"
    "	b	2b\n"
    ".Lpool_free_double:\n"
    "	clrex\n"
    "	mov	r0, r1\n"
    "	mov	r1, r2\n"
    "	b	pool_free_double\n"
    ".Lpool_free_reject:\n"
    "	b	pool_free_rejected\n"
    "	.size mem_pool_free, .-mem_pool_free\n"
    "	.popsection\n");
/* clang-format on */

static inline uint32_t free_count_now(const mem_pool_t *pool)
{
    return (*(const volatile uint32_t *)&pool->head_ >> 16) & FIELD_MASK;
}

static inline void head_init(mem_pool_t *pool, uint32_t head)
{
    pool->head_ = head;
}

static inline void link_init(mem_pool_t *pool, uint32_t index, uint32_t v)
{
    pool->links_[index] = (uint16_t)v;
}

#else /* ---- hosts: 64-bit compare-and-swap with an ABA tag -------------- */

#if ATOMIC_LLONG_LOCK_FREE != 2
#error "mem/pool: needs LDREX/STREX or a lock-free 64-bit compare-and-swap"
#endif

_Static_assert(sizeof(_Atomic uint64_t) == sizeof(uint64_t) &&
                   _Alignof(_Atomic uint64_t) == _Alignof(uint64_t),
               "atomic head must overlay uint64_t");

#define TAG_ONE ((uint64_t)1u << 32)
#define ATOMIC_HEAD(pool) ((_Atomic uint64_t *)(void *)&(pool)->head_)
#define ATOMIC_HEAD_CONST(pool) \
    ((const _Atomic uint64_t *)(const void *)&(pool)->head_)
#define ATOMIC_LINK(pool, index) \
    ((_Atomic uint16_t *)(void *)&(pool)->links_[(index)])

static inline uint32_t link_load(const mem_pool_t *pool, uint32_t index)
{
    return atomic_load_explicit(
        (const _Atomic uint16_t *)(const void *)&pool->links_[index],
        memory_order_relaxed);
}

static inline void link_init(mem_pool_t *pool, uint32_t index, uint32_t v)
{
    atomic_store_explicit(ATOMIC_LINK(pool, index), (uint16_t)v,
                          memory_order_relaxed);
}

static inline uint32_t free_count_now(const mem_pool_t *pool)
{
    return (uint32_t)(atomic_load_explicit(ATOMIC_HEAD_CONST(pool),
                                           memory_order_relaxed) >>
                      16) &
           FIELD_MASK;
}

static inline void head_init(mem_pool_t *pool, uint32_t head)
{
    atomic_store_explicit(ATOMIC_HEAD(pool), head, memory_order_release);
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
            return pool_alloc_empty(pool);
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
        return pool_free_rejected(pool, block);
    }
    /* Claim the link (i -> busy): of two racing frees of one block only one
     * gets past this point. */
    uint16_t expected = (uint16_t)index;
    if (UNLIKELY(!atomic_compare_exchange_strong_explicit(
            ATOMIC_LINK(pool, index), &expected,
            (uint16_t)busy_value_of(pool), memory_order_relaxed,
            memory_order_relaxed))) {
        return pool_free_double(pool, index);
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

#endif

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

mem_status_t mem_pool_stats_get(const mem_pool_t *pool,
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
