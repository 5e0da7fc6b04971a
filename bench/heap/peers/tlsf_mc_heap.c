/*
 * tlsf_mc_heap.c — TLSF by Matthew Conte in the replay's adapter shape.
 * Every timed entry is a one-branch tail call; the control structure lives
 * at the start of the arena (tlsf_create_with_pool), so it counts against
 * the arena like the blocks do.
 */
#include <string.h>

#include "bench/heap/m7/bench_heap.h"
#include "bsp/board.h"
#include "peer_heaps.h"
#include "tlsf.h"

/* tlsf.c reports bad pools with printf; the firmware has no stdio, so the
 * format string goes to the UART as it is (arguments not formatted). */
int printf(const char *format, ...)
{
    size_t n = strlen(format);
    bsp_uart_write(format, n);
    return (int)n;
}

static void *mc_init(void *arena, size_t bytes)
{
    if (bytes <= tlsf_size() + tlsf_pool_overhead()) {
        return NULL;
    }
    return tlsf_create_with_pool(arena, bytes);
}
static void *mc_alloc(void *h, size_t n) { return tlsf_malloc(h, n); }
static void *mc_aligned(void *h, size_t a, size_t n)
{
    return tlsf_memalign(h, a, n);
}
static void *mc_realloc(void *h, void *p, size_t n)
{
    return tlsf_realloc(h, p, n);
}
static void mc_free(void *h, void *p) { tlsf_free(h, p); }
static int mc_check(void *h) { return tlsf_check(h) == 0; }

const bench_heap_t bench_heap_tlsf_mc = {
    .name = "tlsf_mc",
    .state_bytes = 0,
    .arena_max = 0,
    .init = mc_init,
    .alloc = mc_alloc,
    .aligned_alloc = mc_aligned,
    .realloc = mc_realloc,
    .free = mc_free,
    .check = mc_check,
    .natural_alignment = 4,
};
