/*
 * Private to mem/src: what the pool's two alloc/free implementations (the
 * LDREX/STREX assembly in arch/armv7m/pool.S and the C11 reference in
 * pool_cas.c) share with the common code in pool.c: the encodings, small
 * accessors, and the out-of-line failure exits both implementations branch
 * to. Encodings (16-bit quantities; N = block count <= MEM_POOL_MAX_BLOCKS):
 *   head first [15:0]   index of the first free block; N when none is free
 *   head count [31:16]  number of free blocks (0 = empty)
 *   head tag   [63:32]  hosts only: +1 on every successful update (ABA)
 *   links[i] == i       block i is allocated
 *   links[i] == j != i  block i is free and block j follows it (j = N: last)
 *   links[i] >= 0xFF00  block i is being freed (claimed, not yet pushed)
 * No free block links to itself (no cycles), and j <= N < 0xFF00, so the
 * three states never collide.
 */
#ifndef MEM_SRC_POOL_INTERNAL_H
#define MEM_SRC_POOL_INTERNAL_H

#include <stdatomic.h>
#include <stdint.h>

#include "mem/config.h"
#include "mem/pool.h"

/* Branch hints: keep the success path as straight-line fall-through code. */
#define UNLIKELY(cond) __builtin_expect(!!(cond), 0)

#define FIELD_MASK 0xFFFFu
#define COUNT_ONE 0x10000u
/* limit_ [15:8]; its low 16 bits (0xFF00 | shift) are the "being freed"
 * link value, above every block index and above the end marker N. */
#define LIMIT_BUSY_BITS 0xFF00u

#define ATOMIC_U32(field) ((_Atomic uint32_t *)(void *)&(field))
#define ATOMIC_U32_CONST(field) \
    ((const _Atomic uint32_t *)(const void *)&(field))

static inline uint32_t block_count_of(const mem_pool_t *pool)
{
    return pool->limit_ >> 16;
}

/* ---- head and link access: the head word's width follows mem_pool_t --------
 * Cortex-M (MEM_TARGET_CORTEX_M_EXCLUSIVES): a 32-bit head updated with
 * LDREX/STREX by the assembly, plain accesses here. Hosts: a 64-bit head with
 * an ABA tag, and 16-bit links, updated with C11 atomics. */
#if MEM_TARGET_CORTEX_M_EXCLUSIVES

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

#else

_Static_assert(sizeof(_Atomic uint64_t) == sizeof(uint64_t) &&
                   _Alignof(_Atomic uint64_t) == _Alignof(uint64_t),
               "atomic head must overlay uint64_t");

#define ATOMIC_HEAD(pool) ((_Atomic uint64_t *)(void *)&(pool)->head_)
#define ATOMIC_HEAD_CONST(pool) \
    ((const _Atomic uint64_t *)(const void *)&(pool)->head_)
#define ATOMIC_LINK(pool, index) \
    ((_Atomic uint16_t *)(void *)&(pool)->links_[(index)])

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

#endif

/* ---- failure exits (pool.c) ----------------------------------------------
 * Out of line so the success paths stay short; the assembly tail-calls them
 * with the arguments already in r0/r1, so keep the parameter order. */

/* Empty pool: counts the failure (saturating) and returns NULL. */
void *mem_pool_alloc_empty_(mem_pool_t *pool);

/* `block` is not the start of a block of this pool: classify and report. */
mem_status_t mem_pool_free_rejected_(mem_pool_t *pool, void *block);

/* Block `index` is not allocated (free, or another free of it is running). */
mem_status_t mem_pool_free_double_(mem_pool_t *pool, uint32_t index);

#endif
