/*
 * tidemark_heaps.c — tidemark's TLSF and llff in the replay's adapter shape
 * (bench_heap.h). Every entry is a one-branch tail call to the heap's own
 * function (the same shape as the empty call the replay subtracts), so a
 * measured cost is the heap function's instructions. Both heaps have the
 * same API under their own prefix (mem/heap.h), so one macro writes the
 * adapter of each: mem_<heap>_* and MEM_<HEAP>_ARENA_MAX.
 */
#include "tidemark_heaps.h"

#include "mem/llff.h"
#include "mem/tlsf.h"

#define TIDEMARK_BENCH_HEAP(heap, HEAP)                                        \
    static mem_##heap##_t heap;                                                \
    static void *heap##_init_v(void *arena, size_t bytes)                      \
    {                                                                          \
        return mem_##heap##_init(&heap, arena, bytes) == MEM_OK ? &heap : NULL; \
    }                                                                          \
    static void *heap##_alloc_v(void *h, size_t n)                             \
    {                                                                          \
        return mem_##heap##_alloc(h, n);                                       \
    }                                                                          \
    static void *heap##_aligned_v(void *h, size_t a, size_t n)                 \
    {                                                                          \
        return mem_##heap##_aligned_alloc(h, a, n);                            \
    }                                                                          \
    static void *heap##_realloc_v(void *h, void *p, size_t n)                  \
    {                                                                          \
        return mem_##heap##_realloc(h, p, n);                                  \
    }                                                                          \
    static void heap##_free_v(void *h, void *p) { (void)mem_##heap##_free(h, p); } \
    static int heap##_check_v(void *h)                                         \
    {                                                                          \
        return mem_##heap##_check(h, NULL) == MEM_OK;                          \
    }                                                                          \
    const bench_heap_t bench_heap_##heap = {                                   \
        .name = #heap,                                                         \
        .state_bytes = sizeof(mem_##heap##_t),                                 \
        .arena_max = MEM_##HEAP##_ARENA_MAX,                                   \
        .init = heap##_init_v,                                                 \
        .alloc = heap##_alloc_v,                                               \
        .aligned_alloc = heap##_aligned_v,                                     \
        .realloc = heap##_realloc_v,                                           \
        .free = heap##_free_v,                                                 \
        .check = heap##_check_v,                                               \
        .natural_alignment = 8,                                                \
    }

TIDEMARK_BENCH_HEAP(tlsf, TLSF);
TIDEMARK_BENCH_HEAP(llff, LLFF);
