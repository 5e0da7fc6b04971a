/*
 * HIL_CMD_BENCH(op, iterations): times one //mem operation `iterations`
 * times with bsp_cycles(), each time minus the empty-section overhead
 * (tick_clock_overhead), and reports min / max / 64-bit total per op
 * (layout HIL_LAYOUT_BENCH). The partner operation that keeps the structure
 * in a steady state runs untimed between two timed ones:
 *
 *   pool_alloc / pool_free   pool of 8 blocks of 64 B; alloc then free
 *   spsc_push / spsc_pop     queue of 16 uint32_t, empty before each push
 *   llff_* / tlsf_*          the 128 KiB arena, pre-fragmented (32 blocks of
 *                            16..512 B allocated, every other one freed);
 *                            iteration i allocates 16 + (37 i mod 240) bytes
 *                            and frees it again
 *
 *   BAD_ARGS  op not one of HIL_BENCH_*; iterations 0 or above
 *             BENCH_MAX_ITERATIONS
 */
#include "agent_mailbox.h"
#include "bsp/board.h"
#include "commands.h"
#include "heap_adapter.h"
#include "mem/pool.h"
#include "mem/spsc.h"
#include "tick_clock.h"
#include "tick_stats.h"

#define BENCH_MAX_ITERATIONS 100000u
#define BENCH_POOL_BLOCKS 8u
#define BENCH_POOL_BLOCK_SIZE 64u
#define BENCH_QUEUE_SLOTS 16u
#define BENCH_FRAGMENTS 32u

MEM_POOL_DEFINE(g_bench_pool, BENCH_POOL_BLOCK_SIZE, BENCH_POOL_BLOCKS);
static MEM_SPSC_STORAGE(g_bench_slots, uint32_t, BENCH_QUEUE_SLOTS);
static mem_spsc_t g_bench_queue;
static void *g_fragments[BENCH_FRAGMENTS];

typedef struct {
    uint32_t overhead;
    tick_stats_t stats;
} bench_t;

static void record(bench_t *b, uint32_t t0, uint32_t t1)
{
    tick_stats_add(&b->stats, tick_stats_net(t1 - t0, b->overhead));
}

static bool bench_pool(bench_t *b, uint32_t iterations, bool time_alloc)
{
    if (MEM_POOL_INIT(g_bench_pool) != MEM_OK) {
        return false;
    }
    for (uint32_t i = 0u; i < iterations; ++i) {
        const uint32_t t0 = bsp_cycles();
        void *block = mem_pool_alloc(&g_bench_pool);
        const uint32_t t1 = bsp_cycles();
        const uint32_t t2 = bsp_cycles();
        const mem_status_t freed = mem_pool_free(&g_bench_pool, block);
        const uint32_t t3 = bsp_cycles();
        if (block == NULL || freed != MEM_OK) {
            return false;
        }
        if (time_alloc) {
            record(b, t0, t1);
        } else {
            record(b, t2, t3);
        }
    }
    return true;
}

static bool bench_spsc(bench_t *b, uint32_t iterations, bool time_push)
{
    if (mem_spsc_init(&g_bench_queue, g_bench_slots, sizeof g_bench_slots,
                      sizeof g_bench_slots[0], BENCH_QUEUE_SLOTS) != MEM_OK) {
        return false;
    }
    for (uint32_t i = 0u; i < iterations; ++i) {
        uint32_t out = 0u;
        const uint32_t t0 = bsp_cycles();
        const mem_status_t pushed = mem_spsc_push(&g_bench_queue, &i);
        const uint32_t t1 = bsp_cycles();
        const uint32_t t2 = bsp_cycles();
        const mem_status_t popped = mem_spsc_pop(&g_bench_queue, &out);
        const uint32_t t3 = bsp_cycles();
        if (pushed != MEM_OK || popped != MEM_OK || out != i) {
            return false;
        }
        if (time_push) {
            record(b, t0, t1);
        } else {
            record(b, t2, t3);
        }
    }
    return true;
}

static bool fragment_heap(void)
{
    for (uint32_t k = 0u; k < BENCH_FRAGMENTS; ++k) {
        g_fragments[k] = heap_adapter_alloc(16u + (k * 53u) % 497u);
        if (g_fragments[k] == NULL) {
            return false;
        }
    }
    for (uint32_t k = 0u; k < BENCH_FRAGMENTS; k += 2u) {
        if (heap_adapter_free(g_fragments[k]) != MEM_OK) {
            return false;
        }
    }
    return true;
}

static bool bench_heap(bench_t *b, uint32_t kind, uint32_t iterations, bool time_alloc)
{
    if (!heap_adapter_open(kind) || !fragment_heap()) {
        return false;
    }
    for (uint32_t i = 0u; i < iterations; ++i) {
        const uint32_t size = 16u + (i * 37u) % 240u;
        const uint32_t t0 = bsp_cycles();
        void *p = heap_adapter_alloc(size);
        const uint32_t t1 = bsp_cycles();
        const uint32_t t2 = bsp_cycles();
        const mem_status_t freed = heap_adapter_free(p);
        const uint32_t t3 = bsp_cycles();
        if (p == NULL || freed != MEM_OK) {
            return false;
        }
        if (time_alloc) {
            record(b, t0, t1);
        } else {
            record(b, t2, t3);
        }
        if ((i & 1023u) == 0u) {
            agent_heartbeat();
        }
    }
    return heap_adapter_check() == MEM_OK;
}

static bool run_op(bench_t *b, uint32_t op, uint32_t iterations)
{
    switch (op) {
    case HIL_BENCH_POOL_ALLOC: return bench_pool(b, iterations, true);
    case HIL_BENCH_POOL_FREE: return bench_pool(b, iterations, false);
    case HIL_BENCH_SPSC_PUSH: return bench_spsc(b, iterations, true);
    case HIL_BENCH_SPSC_POP: return bench_spsc(b, iterations, false);
    case HIL_BENCH_LLFF_ALLOC: return bench_heap(b, HIL_HEAP_LLFF, iterations, true);
    case HIL_BENCH_LLFF_FREE: return bench_heap(b, HIL_HEAP_LLFF, iterations, false);
    case HIL_BENCH_TLSF_ALLOC: return bench_heap(b, HIL_HEAP_TLSF, iterations, true);
    case HIL_BENCH_TLSF_FREE: return bench_heap(b, HIL_HEAP_TLSF, iterations, false);
    default: return false;
    }
}

agent_answer_t cmd_bench(const uint32_t args[HIL_ARG_WORDS], hil_results_t *results)
{
    const uint32_t op = args[0], iterations = args[1];
    if (op < HIL_BENCH_POOL_ALLOC || op > HIL_BENCH_TLSF_FREE || iterations == 0u ||
        iterations > BENCH_MAX_ITERATIONS) {
        return agent_answer_status(HIL_STATUS_BAD_ARGS);
    }
    bench_t b;
    tick_stats_init(&b.stats);
    tick_clock_align();
    b.overhead = tick_clock_overhead();
    const bool ok = run_op(&b, op, iterations);
    hil_bench_result_t *r = &results->bench;
    r->op = op;
    r->iterations = b.stats.count;
    r->min = tick_stats_min(&b.stats);
    r->max = b.stats.max;
    r->total_lo = tick_stats_total_lo(&b.stats);
    r->total_hi = tick_stats_total_hi(&b.stats);
    r->overhead = b.overhead;
    agent_answer_t a = {ok ? HIL_STATUS_OK : HIL_STATUS_FAILED, HIL_LAYOUT_BENCH,
                        (uint32_t)(sizeof *r / 4u)};
    return a;
}
