/*
 * Cortex-M7 measurement and check firmware for the pool and the SPSC queue
 * (QEMU mps2-an500; run by m7_bench.py).
 *
 * 1. Checks, on the real LDREX/STREX pool fast path and the single-core
 *    SPSC ordering (which the host tests cannot reach): every block, every
 *    misuse status, stats, queue fill/drain, and an interrupt-driven stress
 *    phase where a SysTick handler allocates/frees and produces into queues
 *    while the main loop does the same / consumes, so preemption lands
 *    inside LDREX/STREX windows and the retry paths run.
 * 2. Times each operation with SysTick over many calls, against a baseline
 *    loop that calls a do-nothing function of the same type. Under
 *    `qemu -icount shift=0` the virtual clock advances one nanosecond per
 *    instruction, so ticks are instruction counts (times the tick period);
 *    the script divides using a calibration function of exactly 20
 *    instructions, and adds back the baseline function's own instructions.
 *
 * Output lines (UART):
 *   check <name> ok|FAIL <detail>
 *   time <name> calls <n> ticks <t> base <b> base_insns <k>
 *   done <failures>
 * Exit status (semihosting): 0 when every check passed.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "baselines.h"
#include "bsp/board.h"
#include "mem/pool.h"
#include "mem/spsc.h"

/* 1 = only what older revisions of //mem have (generic queue, pool): used
 * by before_after.sh to time a past commit with this same harness. */
#ifndef M7_BENCH_GENERIC_ONLY
#define M7_BENCH_GENERIC_ONLY 0
#endif
#if !M7_BENCH_GENERIC_ONLY
#include "measured_ops.h"
#endif

#define CALIBRATION_CALLS 512u

/* ---- SysTick (core peripheral, ARMv7-M B3.3) ----------------------------- */
#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)
#define SYST_CSR_ENABLE 1u
#define SYST_CSR_TICKINT 2u
#define SYST_CSR_CLKSOURCE 4u /* processor clock */

static void systick_free_running(void)
{
    SYST_CSR = 0u;
    SYST_RVR = 0x00FFFFFFu;
    SYST_CVR = 0u;
    SYST_CSR = SYST_CSR_ENABLE | SYST_CSR_CLKSOURCE;
}

#if !M7_BENCH_GENERIC_ONLY
static void systick_interrupt_every(uint32_t ticks)
{
    SYST_CSR = 0u;
    SYST_RVR = ticks - 1u;
    SYST_CVR = 0u;
    SYST_CSR = SYST_CSR_ENABLE | SYST_CSR_CLKSOURCE | SYST_CSR_TICKINT;
}
#endif

static void systick_stop(void)
{
    SYST_CSR = 0u;
}

/* ---- output ----------------------------------------------------------------- */
static void put(const char *s)
{
    bsp_uart_write(s, strlen(s));
}

static void put_u32(uint32_t v)
{
    char buf[11];
    size_t i = sizeof buf;
    do {
        buf[--i] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0u);
    bsp_uart_write(&buf[i], sizeof buf - i);
}

static uint32_t g_failures;

static void check(const char *name, int ok, uint32_t detail)
{
    put("check ");
    put(name);
    put(ok ? " ok " : " FAIL ");
    put_u32(detail);
    put("\n");
    if (!ok) {
        ++g_failures;
    }
}

/* ---- failure hook ------------------------------------------------------------ */
static struct {
    uint32_t calls;
    mem_status_t status;
    const void *pointer;
} g_hook;

static void record_failure(mem_status_t status, const void *object,
                           const void *pointer, void *context)
{
    (void)object;
    (void)context;
    g_hook.calls++;
    g_hook.status = status;
    g_hook.pointer = pointer;
}

static int hook_saw(mem_status_t status, const void *pointer)
{
    int ok = g_hook.calls == 1u && g_hook.status == status &&
             g_hook.pointer == pointer;
    g_hook.calls = 0u;
    return ok;
}

/* ---- pool checks (LDREX/STREX fast path) ------------------------------------ */
#define CHECK_BLOCKS 6u
#define CHECK_BLOCK_SIZE 20u /* rounded to 24: not a power of two */
MEM_POOL_DEFINE(g_check_pool, CHECK_BLOCK_SIZE, CHECK_BLOCKS);

static mem_pool_stats_t pool_stats(const mem_pool_t *pool)
{
    mem_pool_stats_t s;
    memset(&s, 0, sizeof s);
    (void)mem_pool_stats_get(pool, &s);
    return s;
}

static void check_pool(void)
{
    check("pool_init", MEM_POOL_INIT(g_check_pool) == MEM_OK, 0u);
    const uint32_t size = MEM_POOL_BLOCK_SIZE(CHECK_BLOCK_SIZE);
    uint8_t *base = g_check_pool_blocks_;
    void *blocks[CHECK_BLOCKS];
    uint32_t seen = 0u;
    int ok = 1;
    for (uint32_t i = 0u; i < CHECK_BLOCKS; ++i) {
        blocks[i] = mem_pool_alloc(&g_check_pool);
        uintptr_t offset = (uintptr_t)blocks[i] - (uintptr_t)base;
        uint32_t index = (uint32_t)(offset / size);
        ok = ok && blocks[i] != NULL && offset % size == 0u &&
             index < CHECK_BLOCKS && (seen & (1u << index)) == 0u;
        seen |= 1u << index;
    }
    check("pool_alloc_all_distinct", ok && seen == (1u << CHECK_BLOCKS) - 1u,
          seen);
    check("pool_alloc_empty_null", mem_pool_alloc(&g_check_pool) == NULL, 0u);
    mem_pool_stats_t s = pool_stats(&g_check_pool);
    check("pool_stats_full",
          s.in_use == CHECK_BLOCKS && s.low_water_free == 0u &&
              s.failed_allocs == 1u && s.block_size == size,
          (uint32_t)s.in_use);

    /* misuse: reported, pool unchanged */
    check("pool_free_null", mem_pool_free(&g_check_pool, NULL) == MEM_ERR_ARG &&
                                g_hook.calls == 0u,
          0u);
    void *outside = base + CHECK_BLOCKS * size;
    check("pool_free_foreign_after",
          mem_pool_free(&g_check_pool, outside) == MEM_ERR_FOREIGN &&
              hook_saw(MEM_ERR_FOREIGN, outside),
          0u);
    void *before = (void *)((uintptr_t)base - size);
    check("pool_free_foreign_before",
          mem_pool_free(&g_check_pool, before) == MEM_ERR_FOREIGN &&
              hook_saw(MEM_ERR_FOREIGN, before),
          0u);
    void *inside = (uint8_t *)blocks[2] + 8;
    check("pool_free_misaligned",
          mem_pool_free(&g_check_pool, inside) == MEM_ERR_ALIGN &&
              hook_saw(MEM_ERR_ALIGN, inside),
          0u);
    check("pool_misuse_left_pool_full",
          pool_stats(&g_check_pool).in_use == CHECK_BLOCKS, 0u);

    ok = 1;
    for (uint32_t i = 0u; i < CHECK_BLOCKS; ++i) {
        ok = ok && mem_pool_free(&g_check_pool, blocks[i]) == MEM_OK;
    }
    check("pool_free_all", ok && pool_stats(&g_check_pool).in_use == 0u, 0u);
    check("pool_double_free",
          mem_pool_free(&g_check_pool, blocks[3]) == MEM_ERR_DOUBLE_FREE &&
              hook_saw(MEM_ERR_DOUBLE_FREE, blocks[3]) &&
              pool_stats(&g_check_pool).in_use == 0u,
          0u);
    /* LIFO: the last block freed comes back first */
    void *again = mem_pool_alloc(&g_check_pool);
    check("pool_lifo", again == blocks[CHECK_BLOCKS - 1u], 0u);
    check("pool_free_again", mem_pool_free(&g_check_pool, again) == MEM_OK &&
                                 mem_pool_free(&g_check_pool, again) ==
                                     MEM_ERR_DOUBLE_FREE &&
                                 hook_saw(MEM_ERR_DOUBLE_FREE, again),
          0u);
    check("pool_stats_reset",
          mem_pool_stats_reset(&g_check_pool) == MEM_OK &&
              pool_stats(&g_check_pool).low_water_free == CHECK_BLOCKS &&
              pool_stats(&g_check_pool).failed_allocs == 0u,
          0u);
}

/* ---- SPSC checks ---------------------------------------------------------------- */
#define GENERIC_CAPACITY 512u
static MEM_SPSC_STORAGE(g_generic_slots, uint32_t, GENERIC_CAPACITY);
static mem_spsc_t g_generic;

#if !M7_BENCH_GENERIC_ONLY
static bench_words_t g_words;
static bench_words_hw_t g_words_hw;

static void check_typed_spsc(void)
{
    bench_words_init(&g_words);
    bench_words_hw_init(&g_words_hw);
    int ok = 1;
    for (uint32_t i = 0u; i < BENCH_TYPED_CAPACITY; ++i) {
        ok = ok && bench_typed_push(&g_words, i * 3u) == MEM_OK &&
             bench_typed_hw_push(&g_words_hw, i * 5u) == MEM_OK;
    }
    check("typed_fill", ok && bench_words_count(&g_words) == BENCH_TYPED_CAPACITY,
          (uint32_t)bench_words_count(&g_words));
    check("typed_full", bench_typed_push(&g_words, 1u) == MEM_ERR_FULL &&
                            bench_typed_hw_push(&g_words_hw, 1u) == MEM_ERR_FULL,
          0u);
    check("typed_high_water",
          bench_words_hw_high_water(&g_words_hw) == BENCH_TYPED_CAPACITY,
          (uint32_t)bench_words_hw_high_water(&g_words_hw));
    ok = 1;
    for (uint32_t i = 0u; i < BENCH_TYPED_CAPACITY; ++i) {
        uint32_t a = 0u, b = 0u;
        ok = ok && bench_typed_pop(&g_words, &a) == MEM_OK && a == i * 3u &&
             bench_typed_hw_pop(&g_words_hw, &b) == MEM_OK && b == i * 5u;
    }
    uint32_t untouched = 77u;
    check("typed_drain_fifo", ok, 0u);
    check("typed_empty", bench_typed_pop(&g_words, &untouched) == MEM_ERR_EMPTY &&
                             untouched == 77u && bench_words_count(&g_words) == 0u,
          0u);
    bench_words_hw_high_water_reset(&g_words_hw);
    check("typed_high_water_reset", bench_words_hw_high_water(&g_words_hw) == 0u,
          0u);
}
#endif

static void check_generic_spsc(void)
{
    int ok = mem_spsc_init(&g_generic, g_generic_slots, sizeof g_generic_slots,
                       sizeof g_generic_slots[0], GENERIC_CAPACITY) == MEM_OK;
    for (uint32_t i = 0u; i < GENERIC_CAPACITY; ++i) {
        uint32_t v = i + 100u;
        ok = ok && mem_spsc_push(&g_generic, &v) == MEM_OK;
    }
    uint32_t v = 0u;
    ok = ok && mem_spsc_push(&g_generic, &v) == MEM_ERR_FULL &&
         mem_spsc_high_water(&g_generic) == GENERIC_CAPACITY;
    for (uint32_t i = 0u; i < GENERIC_CAPACITY; ++i) {
        ok = ok && mem_spsc_pop(&g_generic, &v) == MEM_OK && v == i + 100u;
    }
    ok = ok && mem_spsc_pop(&g_generic, &v) == MEM_ERR_EMPTY;
    check("generic_fill_drain", ok, 0u);
}

#if !M7_BENCH_GENERIC_ONLY
/* ---- interrupt stress ----------------------------------------------------------- */
#define STRESS_BLOCKS 8u
#define STRESS_WORDS 4u /* 16-byte blocks */
MEM_POOL_DEFINE(g_stress_pool, STRESS_WORDS * sizeof(uint32_t), STRESS_BLOCKS);
MEM_SPSC_DEFINE_TYPED(stress_queue, uint32_t, 16)
static stress_queue_t g_stress_queue;

static volatile uint32_t g_isr_runs;
static volatile uint32_t g_isr_errors;
static uint32_t g_isr_next_seq;

/* Owner tags written into a block while held: a block handed out twice
 * shows as a changed tag. */
#define OWNER_MAIN 0x4D41494Eu
#define OWNER_ISR 0x00495352u

static int fill_block(void *block, uint32_t owner, uint32_t salt)
{
    if (block == NULL) {
        return 0;
    }
    uint32_t *w = (uint32_t *)block;
    for (uint32_t i = 0u; i < STRESS_WORDS; ++i) {
        w[i] = owner ^ (salt + i);
    }
    return 1;
}

static int block_intact(const void *block, uint32_t owner, uint32_t salt)
{
    const uint32_t *w = (const uint32_t *)block;
    for (uint32_t i = 0u; i < STRESS_WORDS; ++i) {
        if (w[i] != (owner ^ (salt + i))) {
            return 0;
        }
    }
    return 1;
}

void SysTick_Handler(void)
{
    uint32_t run = g_isr_runs;
    g_isr_runs = run + 1u;
    /* pool: take up to two blocks, check them, give them back */
    void *a = mem_pool_alloc(&g_stress_pool);
    void *b = mem_pool_alloc(&g_stress_pool);
    if (fill_block(a, OWNER_ISR, run) && !block_intact(a, OWNER_ISR, run)) {
        g_isr_errors++;
    }
    if (fill_block(b, OWNER_ISR, ~run) && !block_intact(b, OWNER_ISR, ~run)) {
        g_isr_errors++;
    }
    if (b != NULL && mem_pool_free(&g_stress_pool, b) != MEM_OK) {
        g_isr_errors++;
    }
    if (a != NULL && mem_pool_free(&g_stress_pool, a) != MEM_OK) {
        g_isr_errors++;
    }
    /* queue: produce a sequence, one or two per tick */
    for (uint32_t k = 0u; k < 1u + (run & 1u); ++k) {
        if (stress_queue_push(&g_stress_queue, g_isr_next_seq) == MEM_OK) {
            g_isr_next_seq++;
        }
    }
}

static void stress(void)
{
    (void)MEM_POOL_INIT(g_stress_pool);
    stress_queue_init(&g_stress_queue);
    g_isr_runs = 0u;
    g_isr_errors = 0u;
    g_isr_next_seq = 0u;
    uint32_t main_errors = 0u;
    uint32_t expected_seq = 0u;
    uint32_t main_allocs = 0u;
    /* An odd period keeps the interrupt drifting over every instruction of
     * the loop below. */
    systick_interrupt_every(11u);
    for (uint32_t round = 0u; round < 6000u; ++round) {
        void *held[STRESS_BLOCKS];
        uint32_t n = 0u;
        uint32_t want = 1u + round % STRESS_BLOCKS;
        while (n < want) {
            void *block = mem_pool_alloc(&g_stress_pool);
            if (block == NULL) {
                break;
            }
            fill_block(block, OWNER_MAIN, round * 16u + n);
            held[n++] = block;
            main_allocs++;
        }
        for (uint32_t i = 0u; i < n; ++i) {
            if (!block_intact(held[i], OWNER_MAIN, round * 16u + i)) {
                main_errors++;
            }
        }
        while (n > 0u) {
            --n;
            if (mem_pool_free(&g_stress_pool, held[n]) != MEM_OK) {
                main_errors++;
            }
        }
        uint32_t value;
        while (stress_queue_pop(&g_stress_queue, &value) == MEM_OK) {
            if (value != expected_seq) {
                main_errors++;
                expected_seq = value;
            }
            expected_seq++;
        }
    }
    systick_stop();
    uint32_t value;
    while (stress_queue_pop(&g_stress_queue, &value) == MEM_OK) {
        if (value != expected_seq++) {
            main_errors++;
        }
    }
    mem_pool_stats_t s = pool_stats(&g_stress_pool);
    check("stress_isr_ran", g_isr_runs > 1000u, g_isr_runs);
    check("stress_isr_blocks_intact", g_isr_errors == 0u, g_isr_errors);
    check("stress_main_blocks_and_sequence", main_errors == 0u, main_errors);
    check("stress_main_allocated", main_allocs > 10000u, main_allocs);
    check("stress_sequence_complete", expected_seq == g_isr_next_seq &&
                                          expected_seq > 1000u,
          expected_seq);
    check("stress_pool_all_free", s.in_use == 0u && s.failed_allocs > 0u,
          (uint32_t)s.failed_allocs);
    check("stress_no_misuse_reported", g_hook.calls == 0u, g_hook.calls);
}
#endif

/* ---- timing ------------------------------------------------------------------------ */
#define TIME_ROUNDS 16u

/* Ticks elapsed between two SysTick reads (down-counter, 24 bits). */
static inline uint32_t elapsed(uint32_t start, uint32_t end)
{
    return (start - end) & 0x00FFFFFFu;
}

/* Each loop below is the same code for the measured and the baseline call;
 * only the function pointer differs. */
__attribute__((noinline)) static uint32_t time_push(bench_push_fn push,
                                                    void *queue, uint32_t n)
{
    uint32_t start = SYST_CVR;
    for (uint32_t i = 0u; i < n; ++i) {
        (void)push(queue, i);
    }
    return elapsed(start, SYST_CVR);
}

#if !M7_BENCH_GENERIC_ONLY
__attribute__((noinline)) static uint32_t time_pop(bench_pop_fn pop,
                                                   void *queue, uint32_t n)
{
    uint32_t value;
    uint32_t start = SYST_CVR;
    for (uint32_t i = 0u; i < n; ++i) {
        (void)pop(queue, &value);
    }
    return elapsed(start, SYST_CVR);
}
#endif

typedef mem_status_t (*generic_push_fn)(mem_spsc_t *, const void *);
typedef mem_status_t (*generic_pop_fn)(mem_spsc_t *, void *);
typedef void *(*alloc_fn)(mem_pool_t *);
typedef mem_status_t (*free_fn)(mem_pool_t *, void *);

__attribute__((noinline)) static uint32_t
time_generic_push(generic_push_fn push, mem_spsc_t *q, uint32_t n)
{
    uint32_t value = 1u;
    uint32_t start = SYST_CVR;
    for (uint32_t i = 0u; i < n; ++i) {
        (void)push(q, &value);
    }
    return elapsed(start, SYST_CVR);
}

__attribute__((noinline)) static uint32_t
time_generic_pop(generic_pop_fn pop, mem_spsc_t *q, uint32_t n)
{
    uint32_t value;
    uint32_t start = SYST_CVR;
    for (uint32_t i = 0u; i < n; ++i) {
        (void)pop(q, &value);
    }
    return elapsed(start, SYST_CVR);
}

#define TIME_POOL_BLOCKS 256u
MEM_POOL_DEFINE(g_time_pool, 24, TIME_POOL_BLOCKS);
static void *g_time_blocks[TIME_POOL_BLOCKS];

__attribute__((noinline)) static uint32_t time_alloc(alloc_fn alloc,
                                                     mem_pool_t *pool)
{
    uint32_t start = SYST_CVR;
    for (uint32_t i = 0u; i < TIME_POOL_BLOCKS; ++i) {
        g_time_blocks[i] = alloc(pool);
    }
    return elapsed(start, SYST_CVR);
}

__attribute__((noinline)) static uint32_t time_free(free_fn release,
                                                    mem_pool_t *pool)
{
    uint32_t start = SYST_CVR;
    for (uint32_t i = 0u; i < TIME_POOL_BLOCKS; ++i) {
        (void)release(pool, g_time_blocks[i]);
    }
    return elapsed(start, SYST_CVR);
}

static void report_time(const char *name, uint32_t calls, uint32_t ticks,
                        uint32_t base, uint32_t base_insns)
{
    put("time ");
    put(name);
    put(" calls ");
    put_u32(calls);
    put(" ticks ");
    put_u32(ticks);
    put(" base ");
    put_u32(base);
    put(" base_insns ");
    put_u32(base_insns);
    put("\n");
}

#if !M7_BENCH_GENERIC_ONLY
/* Typed queue: fill completely, then drain completely, TIME_ROUNDS times
 * (plus one untimed warm-up round so the high-water store of the first
 * fill is not counted: steady state is what is measured). */
static void time_typed(const char *push_name, const char *pop_name,
                       bench_push_fn push, bench_pop_fn pop, void *queue)
{
    uint32_t t_push = 0u, b_push = 0u, t_pop = 0u, b_pop = 0u;
    int ok = 1;
    for (uint32_t round = 0u; round <= TIME_ROUNDS; ++round) {
        uint32_t tp = time_push(push, queue, BENCH_TYPED_CAPACITY);
        uint32_t bp = time_push(bench_nop_push, queue, BENCH_TYPED_CAPACITY);
        ok = ok && push(queue, 0u) == MEM_ERR_FULL;
        uint32_t to = time_pop(pop, queue, BENCH_TYPED_CAPACITY);
        uint32_t bo = time_pop(bench_nop_pop, queue, BENCH_TYPED_CAPACITY);
        uint32_t v;
        ok = ok && pop(queue, &v) == MEM_ERR_EMPTY;
        if (round > 0u) {
            t_push += tp;
            b_push += bp;
            t_pop += to;
            b_pop += bo;
        }
    }
    check(push_name, ok, 0u);
    report_time(push_name, TIME_ROUNDS * BENCH_TYPED_CAPACITY, t_push, b_push,
                BENCH_NOP_INSNS);
    report_time(pop_name, TIME_ROUNDS * BENCH_TYPED_CAPACITY, t_pop, b_pop,
                BENCH_NOP_INSNS);
}
#endif

static void time_all(void)
{
    systick_free_running();

    /* calibration: a 20-instruction function against the 2-instruction
     * baseline */
    uint32_t t = 0u, b = 0u;
    for (uint32_t round = 0u; round <= TIME_ROUNDS; ++round) {
        uint32_t tc = time_push(bench_calibrate_20, NULL, CALIBRATION_CALLS);
        uint32_t bc = time_push(bench_nop_push, NULL, CALIBRATION_CALLS);
        if (round > 0u) {
            t += tc;
            b += bc;
        }
    }
    report_time("calibrate_20", TIME_ROUNDS * CALIBRATION_CALLS, t, b,
                BENCH_NOP_INSNS);

#if !M7_BENCH_GENERIC_ONLY
    bench_words_init(&g_words);
    bench_words_hw_init(&g_words_hw);
    time_typed("typed_push", "typed_pop", bench_typed_push, bench_typed_pop,
               &g_words);
    time_typed("typed_hw_push", "typed_hw_pop", bench_typed_hw_push,
               bench_typed_hw_pop, &g_words_hw);
#endif

    /* generic API, 4-byte elements (includes the memcpy call) */
    uint32_t tp = 0u, bp = 0u, to = 0u, bo = 0u;
    /* one init: after the warm-up round the mark is at the capacity and is
     * not raised again (steady state, as in count_thumb_insns.sh) */
    (void)mem_spsc_init(&g_generic, g_generic_slots, sizeof g_generic_slots,
                        sizeof g_generic_slots[0], GENERIC_CAPACITY);
    for (uint32_t round = 0u; round <= TIME_ROUNDS; ++round) {
        uint32_t a = time_generic_push(mem_spsc_push, &g_generic,
                                       GENERIC_CAPACITY);
        uint32_t c = time_generic_push(bench_nop_generic_push, &g_generic,
                                       GENERIC_CAPACITY);
        uint32_t d = time_generic_pop(mem_spsc_pop, &g_generic,
                                      GENERIC_CAPACITY);
        uint32_t e = time_generic_pop(bench_nop_generic_pop, &g_generic,
                                      GENERIC_CAPACITY);
        if (round > 0u) {
            tp += a;
            bp += c;
            to += d;
            bo += e;
        }
    }
    report_time("generic_push_4B", TIME_ROUNDS * GENERIC_CAPACITY, tp, bp,
                BENCH_NOP_INSNS);
    report_time("generic_pop_4B", TIME_ROUNDS * GENERIC_CAPACITY, to, bo,
                BENCH_NOP_INSNS);

    /* pool: allocate every block, free every block (warm-up round first:
     * afterwards the low-water mark is at 0 and never lowered again) */
    (void)MEM_POOL_INIT(g_time_pool);
    uint32_t ta = 0u, ba = 0u, tf = 0u, bf = 0u;
    int ok = 1;
    for (uint32_t round = 0u; round <= TIME_ROUNDS; ++round) {
        uint32_t a = time_alloc(mem_pool_alloc, &g_time_pool);
        for (uint32_t i = 0u; i < TIME_POOL_BLOCKS; ++i) {
            ok = ok && g_time_blocks[i] != NULL;
        }
        ok = ok && mem_pool_alloc(&g_time_pool) == NULL;
        uint32_t f = time_free(mem_pool_free, &g_time_pool);
        ok = ok && pool_stats(&g_time_pool).in_use == 0u;
        uint32_t c = time_alloc(bench_nop_alloc, &g_time_pool);
        uint32_t d = time_free(bench_nop_free, &g_time_pool);
        if (round > 0u) {
            ta += a;
            ba += c;
            tf += f;
            bf += d;
        }
    }
    check("timed_pool_rounds", ok, 0u);
    report_time("pool_alloc", TIME_ROUNDS * TIME_POOL_BLOCKS, ta, ba,
                BENCH_NOP_ALLOC_INSNS);
    report_time("pool_free", TIME_ROUNDS * TIME_POOL_BLOCKS, tf, bf,
                BENCH_NOP_INSNS);
    systick_stop();
}

int main(void)
{
    bsp_init();
    mem_failure_hook_set(record_failure, NULL);
    put("m7 concurrency bench\n");
    check_pool();
    check_generic_spsc();
#if !M7_BENCH_GENERIC_ONLY
    check_typed_spsc();
    stress();
#endif
    time_all();
    put("done ");
    put_u32(g_failures);
    put("\n");
    bsp_exit(g_failures == 0u ? 0 : 1);
}
