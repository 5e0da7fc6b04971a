/* The two heaps behind one interface (see heap_adapter.h). */
#include "heap_adapter.h"

#include "hil_mailbox.h"
#include "mem/llff.h"
#include "mem/region.h"
#include "mem/tlsf.h"

MEM_SRAM1_BSS static _Alignas(8) uint8_t g_arena[HEAP_ARENA_BYTES];

static uint32_t g_kind;
static mem_llff_t g_llff;
static mem_tlsf_t g_tlsf;

bool heap_adapter_open(uint32_t kind)
{
    g_kind = 0u;
    if (kind == HIL_HEAP_LLFF && mem_llff_init(&g_llff, g_arena, sizeof g_arena) == MEM_OK) {
        g_kind = kind;
    } else if (kind == HIL_HEAP_TLSF &&
               mem_tlsf_init(&g_tlsf, g_arena, sizeof g_arena) == MEM_OK) {
        g_kind = kind;
    }
    return g_kind != 0u;
}

void *heap_adapter_alloc(size_t size)
{
    return g_kind == HIL_HEAP_LLFF ? mem_llff_alloc(&g_llff, size) : mem_tlsf_alloc(&g_tlsf, size);
}

mem_status_t heap_adapter_free(void *ptr)
{
    return g_kind == HIL_HEAP_LLFF ? mem_llff_free(&g_llff, ptr) : mem_tlsf_free(&g_tlsf, ptr);
}

mem_status_t heap_adapter_check(void)
{
    return g_kind == HIL_HEAP_LLFF ? mem_llff_check(&g_llff, NULL) : mem_tlsf_check(&g_tlsf, NULL);
}

void heap_adapter_figures(heap_figures_t *out)
{
    if (g_kind == HIL_HEAP_LLFF) {
        mem_llff_stats_t s;
        mem_llff_stats(&g_llff, &s);
        out->arena_bytes = (uint32_t)s.arena_bytes;
        out->peak_used = (uint32_t)s.peak_bytes_in_use;
        out->free_total = (uint32_t)s.free_bytes;
        out->largest_free = (uint32_t)s.largest_free_block;
    } else {
        mem_tlsf_stats_t s;
        mem_tlsf_stats(&g_tlsf, &s);
        out->arena_bytes = (uint32_t)s.arena_bytes;
        out->peak_used = (uint32_t)s.peak_bytes_in_use;
        out->free_total = (uint32_t)s.free_bytes;
        out->largest_free = (uint32_t)s.largest_free_block;
    }
}
