/*
 * heap4_heap.c — FreeRTOS heap_4 in the replay's adapter shape.
 *
 * heap_4 has one static heap, ucHeap[configTOTAL_HEAP_SIZE] (16 MiB, placed
 * at the emulator's PSRAM by this target's link options; see
 * port/FreeRTOSConfig.h). For an arena of `bytes`, init resets heap_4
 * (vPortHeapResetState) and takes one block from the bottom of ucHeap that
 * is never freed, sized so that the single free block left is exactly the
 * one heap_4 would start with over a `bytes`-byte heap: heap_4 keeps
 * nothing else about the memory below its free list, so it then behaves as
 * a heap of `bytes` bytes. alloc and free cost one instruction of adapter
 * each (moving the argument past the unused instance) before the branch.
 * heap_4 has no realloc (the replay does alloc + copy + free), no aligned
 * allocation (portBYTE_ALIGNMENT = 8) and no integrity walk.
 */
#include <stdint.h>

#include "bench/heap/m7/bench_heap.h"
#include "peer_heaps.h"

/* heap_4's API (FreeRTOS include/portable.h). */
void *pvPortMalloc(size_t xWantedSize);
void vPortFree(void *pv);
void vPortHeapResetState(void);

#define HEAP4_TOTAL ((size_t)16u * 1024u * 1024u) /* configTOTAL_HEAP_SIZE */
#define HEAP4_LINK 8u /* heap_4's block header, rounded to its alignment */

static void *h4_init(void *arena, size_t bytes)
{
    (void)arena; /* heap_4 works in ucHeap, which is the same PSRAM */
    bytes &= ~(size_t)7u;
    if (bytes < 4u * HEAP4_LINK || bytes > HEAP4_TOTAL) {
        return NULL;
    }
    vPortHeapResetState();
    if (bytes + 2u * HEAP4_LINK <= HEAP4_TOTAL) {
        /* The block takes its request plus one header from the bottom. */
        if (pvPortMalloc(HEAP4_TOTAL - bytes - HEAP4_LINK) == NULL) {
            return NULL;
        }
    }
    return (void *)1; /* heap_4 has no instance; any non-NULL will do */
}
static void *h4_alloc(void *h, size_t n)
{
    (void)h;
    return pvPortMalloc(n);
}
static void h4_free(void *h, void *p)
{
    (void)h;
    vPortFree(p);
}

const bench_heap_t bench_heap_heap4 = {
    .name = "heap_4",
    .state_bytes = 0,
    .arena_max = HEAP4_TOTAL,
    .init = h4_init,
    .alloc = h4_alloc,
    .aligned_alloc = NULL,
    .realloc = NULL,
    .free = h4_free,
    .check = NULL,
    .natural_alignment = 8,
};
