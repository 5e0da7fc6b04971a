/*
 * Cortex-M7 measurement firmware for the pool and the SPSC queue (QEMU
 * mps2-an500; run by m7_bench.py). Measures only: the functional checks of
 * the same code on the target live in tests/pool/m7 (pool, with interrupts
 * inside the LDREX/STREX windows) and tests/spsc/m7 (queues).
 *
 * Times each operation with SysTick over many calls, against a baseline
 * loop that calls a do-nothing function of the same type. Under
 * `qemu -icount shift=0` the virtual clock advances one nanosecond per
 * instruction, so ticks are instruction counts (times the tick period); the
 * script divides using a calibration function of exactly 20 instructions,
 * and adds back the baseline function's own instructions.
 *
 * Output lines (UART):
 *   time <name> calls <n> ticks <t> base <b> base_insns <k>
 *   done
 * Exit status (semihosting): 0 once everything is printed.
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

#define GENERIC_CAPACITY 512u
static MEM_SPSC_STORAGE(g_generic_slots, uint32_t, GENERIC_CAPACITY);
static mem_spsc_t g_generic;

#if !M7_BENCH_GENERIC_ONLY
static bench_words_t g_words;
static bench_words_hw_t g_words_hw;
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
    for (uint32_t round = 0u; round <= TIME_ROUNDS; ++round) {
        uint32_t tp = time_push(push, queue, BENCH_TYPED_CAPACITY);
        uint32_t bp = time_push(bench_nop_push, queue, BENCH_TYPED_CAPACITY);
        uint32_t to = time_pop(pop, queue, BENCH_TYPED_CAPACITY);
        uint32_t bo = time_pop(bench_nop_pop, queue, BENCH_TYPED_CAPACITY);
        if (round > 0u) {
            t_push += tp;
            b_push += bp;
            t_pop += to;
            b_pop += bo;
        }
    }
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
    for (uint32_t round = 0u; round <= TIME_ROUNDS; ++round) {
        uint32_t a = time_alloc(mem_pool_alloc, &g_time_pool);
        uint32_t f = time_free(mem_pool_free, &g_time_pool);
        uint32_t c = time_alloc(bench_nop_alloc, &g_time_pool);
        uint32_t d = time_free(bench_nop_free, &g_time_pool);
        if (round > 0u) {
            ta += a;
            ba += c;
            tf += f;
            bf += d;
        }
    }
    report_time("pool_alloc", TIME_ROUNDS * TIME_POOL_BLOCKS, ta, ba,
                BENCH_NOP_ALLOC_INSNS);
    report_time("pool_free", TIME_ROUNDS * TIME_POOL_BLOCKS, tf, bf,
                BENCH_NOP_INSNS);
    systick_stop();
}

int main(void)
{
    bsp_init();
    put("m7 concurrency bench\n");
    time_all();
    put("done\n");
    bsp_exit(0);
}
