/*
 * Byte offsets of the mem_pool_t fields (mem/pool.h) that the Cortex-M fast
 * path (pool.S in this directory) addresses directly. Plain #defines so the
 * assembler can include this file; pool.c checks every one of them against
 * offsetof() with _Static_assert, so the assembly cannot drift from the
 * struct.
 */
#ifndef MEM_SRC_ARCH_ARMV7M_POOL_OFFSETS_H
#define MEM_SRC_ARCH_ARMV7M_POOL_OFFSETS_H

#define POOL_OFF_BLOCKS 0      /* uint8_t *blocks_ */
#define POOL_OFF_INVERSE 4     /* uint32_t inverse_ (LDM with blocks, limit) */
#define POOL_OFF_LIMIT 8       /* uint32_t limit_ */
#define POOL_OFF_LINKS 12      /* uint16_t *links_ */
#define POOL_OFF_SELF 16       /* mem_pool_t *self_ (LDRD with links) */
#define POOL_OFF_HEAD 20       /* uint32_t head_ */
#define POOL_OFF_BLOCK_SIZE 24 /* uint32_t block_size_ */
#define POOL_OFF_LOW_WATER 32  /* uint32_t low_water_ */

#endif
