/*
 * o1heap_heap.c — o1heap (Pavel Kirienko) in the replay's adapter shape.
 * alloc and free are one-branch tail calls (the instance is the handle
 * o1heapInit returned, which lives at the start of the arena), so a
 * measured cost is o1heap's own. o1heap has no realloc (the replay does
 * alloc + copy + free) and no aligned allocation (every block is
 * O1HEAP_ALIGNMENT-aligned).
 */
#include "bench/heap/m7/bench_heap.h"
#include "o1heap.h"
#include "peer_heaps.h"

static void *o1_init(void *arena, size_t bytes)
{
    return o1heapInit(arena, bytes);
}
static void *o1_alloc(void *h, size_t n) { return o1heapAllocate(h, n); }
static void o1_free(void *h, void *p) { o1heapFree(h, p); }
static int o1_check(void *h) { return o1heapDoInvariantsHold(h); }

const bench_heap_t bench_heap_o1heap = {
    .name = "o1heap",
    .state_bytes = 0,
    .arena_max = 0,
    .init = o1_init,
    .alloc = o1_alloc,
    .aligned_alloc = NULL,
    .realloc = NULL,
    .free = o1_free,
    .check = o1_check,
    .natural_alignment = O1HEAP_ALIGNMENT,
};
