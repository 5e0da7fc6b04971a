/*
 * umm_heap.c — umm_malloc (Ralph Hempel) in the replay's adapter shape,
 * through its multi-heap API so the instance is an argument: every timed
 * entry is a one-branch tail call. umm_malloc numbers its 8-byte blocks
 * with 15 bits, so it cannot manage more than 32767 blocks; larger arenas
 * are refused (reported n/a) instead of corrupting silently.
 */
#include <stdint.h>

#include "bench/heap/m7/bench_heap.h"
#include "peer_heaps.h"
#include "umm_malloc.h"

#define UMM_BLOCK_BYTES 8u
#define UMM_MAX_BLOCKS 32767u

/* umm_init() (not used) names a default heap; the link wants them. */
void *UMM_MALLOC_CFG_HEAP_ADDR;
uint32_t UMM_MALLOC_CFG_HEAP_SIZE;

static umm_heap umm;

static void *umm_init_v(void *arena, size_t bytes)
{
    if (bytes / UMM_BLOCK_BYTES > UMM_MAX_BLOCKS) {
        return NULL;
    }
    umm_multi_init_heap(&umm, arena, bytes);
    return &umm;
}
static void *umm_alloc_v(void *h, size_t n) { return umm_multi_malloc(h, n); }
static void *umm_realloc_v(void *h, void *p, size_t n)
{
    return umm_multi_realloc(h, p, n);
}
static void umm_free_v(void *h, void *p) { umm_multi_free(h, p); }

const bench_heap_t bench_heap_umm = {
    .name = "umm_malloc",
    .state_bytes = sizeof(umm_heap),
    .arena_max = UMM_MAX_BLOCKS * UMM_BLOCK_BYTES,
    .init = umm_init_v,
    .alloc = umm_alloc_v,
    .aligned_alloc = NULL,
    .realloc = umm_realloc_v,
    .free = umm_free_v,
    .check = NULL,
    .natural_alignment = 4,
};
