/* The agent's heap arena behind mem/heap.h (see heap_adapter.h). */
#include "heap_adapter.h"

#include "hil_mailbox.h"
#include "mem/heap.h"
#include "mem/llff.h"
#include "mem/region.h"
#include "mem/tlsf.h"

MEM_SRAM1_BSS static _Alignas(8) uint8_t g_arena[HEAP_ARENA_BYTES];

/* State for whichever heap is open. */
static union {
    mem_tlsf_t tlsf;
    mem_llff_t llff;
} g_state;

/* Mailbox heap kind -> operations table: the one place a heap is named. */
static const struct {
    uint32_t kind;
    const mem_heap_ops_t *ops;
} HEAPS[] = {
    {HIL_HEAP_LLFF, &mem_llff_ops},
    {HIL_HEAP_TLSF, &mem_tlsf_ops},
};

static mem_heap_t g_heap;

bool heap_adapter_open(uint32_t kind)
{
    g_heap.ops = NULL;
    for (size_t i = 0; i < sizeof HEAPS / sizeof HEAPS[0]; i++) {
        const mem_heap_t h = {HEAPS[i].ops, &g_state};
        if (HEAPS[i].kind == kind && mem_heap_init(h, g_arena, sizeof g_arena) == MEM_OK) {
            g_heap = h;
        }
    }
    return g_heap.ops != NULL;
}

void *heap_adapter_alloc(size_t size)
{
    return g_heap.ops != NULL ? mem_heap_alloc(g_heap, size) : NULL;
}

mem_status_t heap_adapter_free(void *ptr)
{
    return g_heap.ops != NULL ? mem_heap_free(g_heap, ptr) : MEM_ERR_ARG;
}

mem_status_t heap_adapter_check(void)
{
    return g_heap.ops != NULL ? mem_heap_check(g_heap, NULL) : MEM_ERR_ARG;
}

void heap_adapter_figures(heap_figures_t *out)
{
    mem_heap_stats_t s = {0};
    if (g_heap.ops != NULL) {
        (void)mem_heap_stats(g_heap, &s);
    }
    out->arena_bytes = (uint32_t)s.arena_bytes;
    out->peak_used = (uint32_t)s.peak_bytes_in_use;
    out->free_total = (uint32_t)s.free_bytes;
    out->largest_free = (uint32_t)s.largest_free_block;
}
