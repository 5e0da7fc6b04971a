/*
 * tidemark_heaps.c — tidemark's TLSF and llff in the replay's adapter shape
 * (bench_heap.h). Every entry is a one-branch tail call to the heap's own
 * function (the same shape as the empty call the replay subtracts), so a
 * measured cost is the heap function's instructions.
 */
#include "tidemark_heaps.h"

#include "mem/llff.h"
#include "mem/tlsf.h"

static mem_tlsf_t tlsf;
static mem_llff_t llff;

static void *tlsf_init_v(void *arena, size_t bytes)
{
    return mem_tlsf_init(&tlsf, arena, bytes) == MEM_OK ? &tlsf : NULL;
}
static void *tlsf_alloc_v(void *h, size_t n) { return mem_tlsf_alloc(h, n); }
static void *tlsf_aligned_v(void *h, size_t a, size_t n)
{
    return mem_tlsf_aligned_alloc(h, a, n);
}
static void *tlsf_realloc_v(void *h, void *p, size_t n)
{
    return mem_tlsf_realloc(h, p, n);
}
static void tlsf_free_v(void *h, void *p) { (void)mem_tlsf_free(h, p); }
static int tlsf_check_v(void *h) { return mem_tlsf_check(h, NULL) == MEM_OK; }

const bench_heap_t bench_heap_tlsf = {
    .name = "tlsf",
    .state_bytes = sizeof(mem_tlsf_t),
    .arena_max = MEM_TLSF_ARENA_MAX,
    .init = tlsf_init_v,
    .alloc = tlsf_alloc_v,
    .aligned_alloc = tlsf_aligned_v,
    .realloc = tlsf_realloc_v,
    .free = tlsf_free_v,
    .check = tlsf_check_v,
    .natural_alignment = 8,
};

static void *llff_init_v(void *arena, size_t bytes)
{
    return mem_llff_init(&llff, arena, bytes) == MEM_OK ? &llff : NULL;
}
static void *llff_alloc_v(void *h, size_t n) { return mem_llff_alloc(h, n); }
static void *llff_aligned_v(void *h, size_t a, size_t n)
{
    return mem_llff_aligned_alloc(h, a, n);
}
static void *llff_realloc_v(void *h, void *p, size_t n)
{
    return mem_llff_realloc(h, p, n);
}
static void llff_free_v(void *h, void *p) { (void)mem_llff_free(h, p); }
static int llff_check_v(void *h) { return mem_llff_check(h, NULL) == MEM_OK; }

const bench_heap_t bench_heap_llff = {
    .name = "llff",
    .state_bytes = sizeof(mem_llff_t),
    .arena_max = MEM_LLFF_ARENA_MAX,
    .init = llff_init_v,
    .alloc = llff_alloc_v,
    .aligned_alloc = llff_aligned_v,
    .realloc = llff_realloc_v,
    .free = llff_free_v,
    .check = llff_check_v,
    .natural_alignment = 8,
};
