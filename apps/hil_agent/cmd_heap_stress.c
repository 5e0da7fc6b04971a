/*
 * HIL_CMD_HEAP_STRESS(heap, ops, seed, max_size): a random mix of
 * allocations and frees on the llff or tlsf heap over the agent's 128 KiB
 * SRAM1 arena (heap_adapter.h). Each op picks one of 64 slots (xorshift32
 * from `seed`): an empty slot gets an allocation of 1..max_size bytes, a
 * full one is freed. Every allocation is stamped (first 16 bytes and the last
 * byte) and checked before its free; the heap's own integrity check runs
 * every 1024 ops and at the end. check_errors counts stamp mismatches,
 * failed checks, refused frees and reports through the //mem failure hook —
 * all must stay 0. Times are bsp_cycles ticks minus the empty-section
 * overhead. largest_free / free_total are taken after the last op, before
 * the remaining blocks are freed. Layout HIL_LAYOUT_HEAP_STRESS.
 *
 *   BAD_ARGS  heap not HIL_HEAP_LLFF / HIL_HEAP_TLSF; ops 0 or above
 *             HEAP_STRESS_MAX_OPS; max_size 0 or above HEAP_STRESS_MAX_SIZE
 */
#include <string.h>

#include "agent_mailbox.h"
#include "bsp/board.h"
#include "commands.h"
#include "heap_adapter.h"
#include "mem/status.h"
#include "prng.h"
#include "tick_clock.h"
#include "tick_stats.h"

#define HEAP_STRESS_SLOTS 64u
#define HEAP_STRESS_MAX_OPS 10000000u
#define HEAP_STRESS_MAX_SIZE (HEAP_ARENA_BYTES / 4u)
#define HEAP_STRESS_CHECK_EVERY 1024u
#define STAMP_BYTES 16u

typedef struct {
    uint8_t *ptr;
    uint32_t size;
    uint8_t stamp;
} slot_t;

static slot_t g_slots[HEAP_STRESS_SLOTS];
static volatile uint32_t g_failure_reports;

static void count_failure(mem_status_t status, const void *object, const void *pointer,
                          void *context)
{
    (void)status;
    (void)object;
    (void)pointer;
    (void)context;
    g_failure_reports = g_failure_reports + 1u;
}

static void stamp(slot_t *s)
{
    memset(s->ptr, s->stamp, s->size < STAMP_BYTES ? s->size : STAMP_BYTES);
    s->ptr[s->size - 1u] = s->stamp;
}

static bool stamp_intact(const slot_t *s)
{
    const uint32_t n = s->size < STAMP_BYTES ? s->size : STAMP_BYTES;
    for (uint32_t i = 0u; i < n; ++i) {
        if (s->ptr[i] != s->stamp) {
            return false;
        }
    }
    return s->ptr[s->size - 1u] == s->stamp;
}

typedef struct {
    uint32_t failed_allocs, check_errors;
    uint32_t overhead;
    tick_stats_t alloc, free;
} stress_t;

static void do_alloc(stress_t *st, slot_t *s, uint32_t size, uint8_t tag)
{
    const uint32_t t0 = bsp_cycles();
    void *p = heap_adapter_alloc(size);
    const uint32_t t1 = bsp_cycles();
    if (p == NULL) {
        st->failed_allocs++;
        return;
    }
    tick_stats_add(&st->alloc, tick_stats_net(t1 - t0, st->overhead));
    s->ptr = p;
    s->size = size;
    s->stamp = tag;
    stamp(s);
}

static void do_free(stress_t *st, slot_t *s)
{
    if (!stamp_intact(s)) {
        st->check_errors++;
    }
    const uint32_t t0 = bsp_cycles();
    const mem_status_t freed = heap_adapter_free(s->ptr);
    const uint32_t t1 = bsp_cycles();
    if (freed != MEM_OK) {
        st->check_errors++;
    } else {
        tick_stats_add(&st->free, tick_stats_net(t1 - t0, st->overhead));
    }
    s->ptr = NULL;
}

static void fill_results(const stress_t *st, uint32_t heap, uint32_t ops,
                         const heap_figures_t *end, hil_heap_stress_result_t *r)
{
    r->heap = heap;
    r->ops = ops;
    r->failed_allocs = st->failed_allocs;
    r->heap_size = end->arena_bytes;
    r->peak_used = end->peak_used;
    r->largest_free = end->largest_free;
    r->free_total = end->free_total;
    r->check_errors = st->check_errors + g_failure_reports;
    r->allocs = st->alloc.count;
    r->alloc_max = st->alloc.max;
    r->alloc_total_lo = tick_stats_total_lo(&st->alloc);
    r->alloc_total_hi = tick_stats_total_hi(&st->alloc);
    r->frees = st->free.count;
    r->free_max = st->free.max;
    r->free_total_lo = tick_stats_total_lo(&st->free);
    r->free_total_hi = tick_stats_total_hi(&st->free);
}

agent_answer_t cmd_heap_stress(const uint32_t args[HIL_ARG_WORDS], hil_results_t *results)
{
    const uint32_t heap = args[0], ops = args[1], max_size = args[3];
    if (ops == 0u || ops > HEAP_STRESS_MAX_OPS || max_size == 0u ||
        max_size > HEAP_STRESS_MAX_SIZE || (heap != HIL_HEAP_LLFF && heap != HIL_HEAP_TLSF)) {
        return agent_answer_status(HIL_STATUS_BAD_ARGS);
    }
    if (!heap_adapter_open(heap)) {
        return agent_answer_status(HIL_STATUS_FAILED);
    }
    memset(g_slots, 0, sizeof g_slots);
    g_failure_reports = 0u;
    mem_failure_hook_set(count_failure, NULL);
    uint32_t rng = prng_seed(args[2]);
    stress_t st = {0};
    tick_stats_init(&st.alloc);
    tick_stats_init(&st.free);
    tick_clock_align();
    st.overhead = tick_clock_overhead();

    for (uint32_t op = 1u; op <= ops; ++op) {
        const uint32_t r = prng_next(&rng);
        slot_t *s = &g_slots[r % HEAP_STRESS_SLOTS];
        if (s->ptr == NULL) {
            do_alloc(&st, s, 1u + prng_next(&rng) % max_size, (uint8_t)(r >> 24));
        } else {
            do_free(&st, s);
        }
        if (op % HEAP_STRESS_CHECK_EVERY == 0u) {
            agent_heartbeat();
            st.check_errors += heap_adapter_check() != MEM_OK;
        }
    }
    heap_figures_t end;
    heap_adapter_figures(&end);
    for (uint32_t i = 0u; i < HEAP_STRESS_SLOTS; ++i) {
        if (g_slots[i].ptr != NULL) {
            st.check_errors += !stamp_intact(&g_slots[i]);
            st.check_errors += heap_adapter_free(g_slots[i].ptr) != MEM_OK;
            g_slots[i].ptr = NULL;
        }
    }
    st.check_errors += heap_adapter_check() != MEM_OK;
    mem_failure_hook_set(NULL, NULL);
    fill_results(&st, heap, ops, &end, &results->heap_stress);
    agent_answer_t a = {HIL_STATUS_OK, HIL_LAYOUT_HEAP_STRESS,
                        (uint32_t)(sizeof results->heap_stress / 4u)};
    return a;
}
