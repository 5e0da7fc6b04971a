/*
 * Uncontended loops over each concurrency operation, for
 * valgrind --tool=callgrind --toggle-collect=<function>: instructions per
 * operation = Ir collected inside the function / BENCH_OPS.
 * Prints the op count so run.sh can divide.
 */
#include <stdint.h>
#include <stdio.h>

#include "mem/pool.h"
#include "mem/ring.h"
#include "mem/spsc.h"
#include "bench/concurrency/m7/measured_ops.h"

#define BENCH_OPS 100000u

static MEM_SPSC_STORAGE(g_spsc_slots, uint32_t, 64);
static uint32_t g_ring_slots[64];
MEM_POOL_DEFINE(g_pool, 32, 16);

static bench_words_t g_typed;
static bench_words_hw_t g_typed_hw;
static volatile uintptr_t g_sink;

int main(void)
{
    mem_spsc_t q;
    mem_ring_t ring;
    if (mem_spsc_init(&q, g_spsc_slots, sizeof g_spsc_slots, 4, 64) != MEM_OK ||
        mem_ring_init(&ring, g_ring_slots, sizeof g_ring_slots, 4, 64,
                      MEM_RING_OVERWRITE_OLDEST) != MEM_OK ||
        MEM_POOL_INIT(g_pool) != MEM_OK) {
        return 1;
    }
    uint32_t value = 0;
    for (uint32_t i = 0; i < BENCH_OPS; ++i) {
        /* 4-byte elements: one push then one pop, never full or empty. */
        value = i;
        (void)mem_spsc_push(&q, &value);
        (void)mem_spsc_pop(&q, &value);
        g_sink += value;

        void *span;
        const void *cspan;
        size_t n;
        (void)mem_spsc_reserve(&q, &span, &n);
        *(uint32_t *)span = i;
        (void)mem_spsc_commit(&q, 1);
        (void)mem_spsc_peek(&q, &cspan, &n);
        g_sink += *(const uint32_t *)cspan;
        (void)mem_spsc_release(&q, 1);

        (void)mem_ring_push(&ring, &value);
        (void)mem_ring_pop(&ring, &value);

        uint32_t word = 0;
        (void)bench_typed_push(&g_typed, i);
        (void)bench_typed_pop(&g_typed, &word);
        (void)bench_typed_hw_push(&g_typed_hw, i);
        (void)bench_typed_hw_pop(&g_typed_hw, &word);
        g_sink += word;

        void *block = mem_pool_alloc(&g_pool);
        g_sink += (uintptr_t)block;
        (void)mem_pool_free(&g_pool, block);
    }
    printf("ops_per_function %u\n", BENCH_OPS);
    return 0;
}
