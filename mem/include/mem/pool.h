/*
 * mem/pool.h — fixed-block pool: N blocks of S bytes over caller storage,
 * O(1) alloc and free, lock-free and ISR-safe, with release-build detection
 * of double free and foreign or misaligned pointers.
 *
 * DESIGN (details in mem/docs/pool.md)
 *   - Free blocks form a LIFO free list. The links are block indices kept in a
 *     caller-supplied link table (one uint16_t per block) next to the blocks,
 *     not inside the blocks: a stale link read by a preempted allocator can
 *     then never race with the new owner's writes, a use-after-free write
 *     cannot corrupt the free list, and the same table records which blocks
 *     are allocated (an allocated block's link holds its own index, which no
 *     free block's link can), which is how double free is detected.
 *   - The list head is one atomic word: first free index and free count
 *     (plus, on hosts, an ABA tag). Cortex-M (MEM_TARGET_CORTEX_M_EXCLUSIVES):
 *     32 bits updated with LDREX/STREX by hand-scheduled Thumb-2 alloc/free
 *     (18 / 20 instructions on the uncontended path); hosts: 64 bits updated
 *     with C11 compare-and-swap, the upper 32 bits a tag bumped on every
 *     update. Both implement the same encoding (mem/docs/pool.md).
 *   - free(ptr) maps the pointer to a block index with a multiply by the
 *     modular inverse of the block size and a rotate (no division); one
 *     comparison rejects every pointer that is not the start of a block.
 *   - Statistics cost nothing extra on the fast paths: the free count lives
 *     in the head word, the low-water mark is one compare per alloc (written
 *     only when a new minimum is reached).
 *
 * CONTEXTS: alloc, free and stats may be called concurrently from any mix of
 *   threads and ISRs (on Cortex-M: one core; the LDREX/STREX path relies on
 *   exception entry/return clearing the local monitor, so it does not cover
 *   several cores sharing one pool). init and stats_reset must not run
 *   concurrently with anything else on the same pool.
 *
 * LIMITS: 1 .. MEM_POOL_MAX_BLOCKS blocks; block size rounded up to a
 *   multiple of MEM_POOL_ALIGN; total storage below 4 GiB and not wrapping
 *   past the top of the address space.
 *
 * A mem_pool_t must not be copied or moved after init (it records its own
 * address for the Cortex-M fast path).
 */
#ifndef MEM_POOL_H
#define MEM_POOL_H

#include <stddef.h>
#include <stdint.h>

#include "mem/config.h"
#include "mem/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Block alignment and size granularity (bytes). Storage must be aligned to
 * it; every block is. 8 covers every C type on Cortex-M7 (double, uint64_t). */
#define MEM_POOL_ALIGN 8u

/* Most blocks one pool can manage (16-bit links; link values from 0xFF00 up
 * are reserved as the "being freed" marker). */
#define MEM_POOL_MAX_BLOCKS 65280u

/* Block size after rounding up to MEM_POOL_ALIGN. */
#define MEM_POOL_BLOCK_SIZE(block_size) \
    (((block_size) + (MEM_POOL_ALIGN - 1u)) & ~(size_t)(MEM_POOL_ALIGN - 1u))

/* Bytes of block storage needed for `block_count` blocks of `block_size`. */
#define MEM_POOL_STORAGE_SIZE(block_size, block_count) \
    (MEM_POOL_BLOCK_SIZE(block_size) * (size_t)(block_count))

/* Bytes of link-table storage needed (one uint16_t per block). */
#define MEM_POOL_LINKS_SIZE(block_count) \
    (sizeof(uint16_t) * (size_t)(block_count))

/* An aligned array declarator: C wants the alignment specifier before the
 * type, C++ after the name. */
#if defined(__cplusplus)
#define MEM_POOL_ALIGNED_ARRAY_(type, name, length) \
    type name alignas(MEM_POOL_ALIGN)[length]
#else
#define MEM_POOL_ALIGNED_ARRAY_(type, name, length) \
    _Alignas(MEM_POOL_ALIGN) type name[length]
#endif

/*
 * Define a pool object `name` with static block storage and link table:
 *     MEM_POOL_DEFINE(g_packets, sizeof(struct packet), 8);
 *     ...
 *     MEM_POOL_INIT(g_packets);   // returns mem_status_t
 * Expands to three file-scope static objects (name, name##_blocks_,
 * name##_links_). block_count must be 1 .. MEM_POOL_MAX_BLOCKS.
 */
#define MEM_POOL_DEFINE(name, block_size, block_count)                    \
    static MEM_POOL_ALIGNED_ARRAY_(                                        \
        uint8_t, name##_blocks_,                                           \
        MEM_POOL_STORAGE_SIZE(block_size, block_count));                   \
    static uint16_t name##_links_[(block_count) +                          \
                                  0u * sizeof(char[((block_count) >= 1u && \
                                                    (block_count) <=      \
                                                        MEM_POOL_MAX_BLOCKS) \
                                                       ? 1                 \
                                                       : -1])];            \
    static mem_pool_t name

/* Initialise a pool defined with MEM_POOL_DEFINE. */
#define MEM_POOL_INIT(name)                                                \
    mem_pool_init(&(name), name##_blocks_, sizeof(name##_blocks_),        \
                  sizeof(name##_blocks_) /                                 \
                      (sizeof(name##_links_) / sizeof(name##_links_[0])), \
                  sizeof(name##_links_) / sizeof(name##_links_[0]),       \
                  name##_links_, sizeof(name##_links_))

/* Pool control block; fields are private (head_, links, low_water_ and
 * failed_allocs_ are accessed atomically inside mem/src). The Cortex-M fast
 * path reads the fields by fixed offsets (mem/src/arch/armv7m/pool_offsets.h,
 * checked by _Static_assert in pool.c): do not reorder. */
typedef struct mem_pool {
    uint8_t *blocks_;        /* first block */
    uint32_t inverse_;       /* inverse of the odd part of block_size_ mod 2^32 */
    uint32_t limit_;         /* [31:16] block count, [15:8] 0xFF, [7:0] shift:
                                trailing zero bits of block_size_ */
    uint16_t *links_;        /* link table */
    struct mem_pool *self_;  /* this pool (lets the fast path free r0) */
#if MEM_TARGET_CORTEX_M_EXCLUSIVES
    uint32_t head_;          /* [15:0] first free index, [31:16] free count */
#else
    uint64_t head_;          /* as above, plus [63:32] ABA tag */
#endif
    uint32_t block_size_;
    uint32_t block_count_;
    uint32_t low_water_;     /* fewest free blocks seen */
    uint32_t failed_allocs_; /* allocs that found the pool empty */
} mem_pool_t;

typedef struct mem_pool_stats {
    size_t block_size;           /* after rounding */
    size_t block_count;
    size_t in_use;               /* blocks allocated now */
    size_t low_water_free;       /* fewest free blocks since init/reset */
    uint32_t failed_allocs;      /* mem_pool_alloc calls that returned NULL
                                    because the pool was empty (saturates) */
} mem_pool_stats_t;

/*
 * Initialise a pool of `block_count` blocks of `block_size` bytes (rounded up
 * to a multiple of MEM_POOL_ALIGN) over caller storage; all blocks free.
 *   storage      — MEM_POOL_ALIGN-aligned, storage_size >=
 *                  MEM_POOL_STORAGE_SIZE(block_size, block_count)
 *   links        — uint16_t-aligned, links_size >=
 *                  MEM_POOL_LINKS_SIZE(block_count); owned by the pool until
 *                  it is no longer used
 * O(block_count) (links the free list). Not ISR-safe: nothing else may use the
 * pool during init.
 * Failures (pool untouched):
 *   MEM_ERR_ARG   pool, storage or links is NULL
 *   MEM_ERR_SIZE  block_size or block_count is 0, block_count >
 *                 MEM_POOL_MAX_BLOCKS, total size overflows or reaches 4 GiB,
 *                 the storage would wrap past the top of the address space,
 *                 storage_size or links_size too small
 *   MEM_ERR_ALIGN storage not MEM_POOL_ALIGN-aligned or links not
 *                 2-byte aligned
 */
mem_status_t mem_pool_init(mem_pool_t *pool, void *storage,
                           size_t storage_size, size_t block_size,
                           size_t block_count, void *links,
                           size_t links_size);

/*
 * Take one block. Returns a MEM_POOL_ALIGN-aligned block of at least
 * block_size bytes (contents unspecified), or NULL when every block is in use
 * (counted in stats.failed_allocs; not reported through the failure hook).
 * O(1); lock-free; ISR-safe and thread-safe (retries only if another context
 * changed the pool in the middle of the call). Cortex-M: 18 Thumb-2
 * instructions when a block is available.
 * Failures: none reported; NULL means empty.
 * The pool pointer is not checked (NULL is undefined behaviour): hot path.
 */
void *mem_pool_alloc(mem_pool_t *pool);

/*
 * Give back a block obtained from mem_pool_alloc on this pool.
 * O(1); lock-free; ISR-safe and thread-safe. Cortex-M: 20 Thumb-2
 * instructions on success. Two racing frees of one block: exactly one
 * succeeds, the other gets MEM_ERR_DOUBLE_FREE.
 * Failures (pool unchanged; all but MEM_ERR_ARG also go to
 * mem_failure_report(status, pool, block)):
 *   MEM_ERR_ARG          block is NULL (pool is not checked: hot path)
 *   MEM_ERR_FOREIGN      block lies outside this pool's storage
 *   MEM_ERR_ALIGN        block is inside the storage but not the start of a
 *                        block
 *   MEM_ERR_DOUBLE_FREE  block is already free
 */
mem_status_t mem_pool_free(mem_pool_t *pool, void *block);

/*
 * Snapshot of the counters. O(1); ISR-safe and thread-safe (each field is
 * read atomically; fields may come from slightly different moments).
 * Failures: MEM_ERR_ARG pool or stats is NULL.
 */
mem_status_t mem_pool_stats(const mem_pool_t *pool,
                            mem_pool_stats_t *stats);

/*
 * Restart the low-water mark at the current free count and zero
 * failed_allocs. O(1). Call when nothing else uses the pool (or accept that
 * a concurrent alloc may be missed by the new mark).
 * Failures: MEM_ERR_ARG pool is NULL.
 */
mem_status_t mem_pool_stats_reset(mem_pool_t *pool);

#ifdef __cplusplus
}
#endif

#endif /* MEM_POOL_H */
