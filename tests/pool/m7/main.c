/*
 * Pool property tests on the emulated Cortex-M7 (QEMU mps2-an500, run by
 * pool_m7_qemu_test.py under -icount shift=0): the LDREX/STREX assembly in
 * mem/src/arch/armv7m/pool.S.
 *
 * 1. The shared property tests (tests/pool/pool_properties.c, also run on
 *    the host against the C reference).
 * 2. Interrupts inside the exclusive windows: SysTick every STRESS_PERIOD
 *    ticks (an odd period, so the interrupt drifts over every instruction
 *    of the main loop) allocates and frees on the pool the main loop is
 *    allocating from and freeing to. Each handler run notes where it
 *    preempted the main loop (the stacked PC) if that was inside
 *    mem_pool_alloc or mem_pool_free; the QEMU test maps those offsets onto
 *    the LDREX..STREX windows of the ELF and requires a minimum. Checked
 *    afterwards: no block was handed out twice (owner tags), every call's
 *    result was consistent, stats are exact (failed_allocs = every NULL
 *    either side saw, in_use 0, low-water mark 0 once the pool ran dry),
 *    no misuse was reported, and every block still comes back exactly once.
 *
 * Output lines (UART):
 *   check <name> ok|FAIL <detail>
 *   preempted <alloc|free> <byte offset> <count>
 *   ticks <handler runs>
 *   done <failures>
 * Exit status (semihosting): 0 when every check passed.
 */
#include <stddef.h>
#include <stdint.h>

#include "bsp/board.h"
#include "bsp/console.h"
#include "mem/pool.h"
#include "tests/pool/pool_properties.h"
#include "tests/support/target_check.h"

/* ---- SysTick (core peripheral, ARMv7-M B3.3) ---------------------------- */
#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)
#define SYST_ENABLE 1u
#define SYST_TICKINT 2u
#define SYST_CLKSOURCE 4u /* processor clock */
#define STRESS_PERIOD 11u /* ticks; 40 instructions each at -icount shift=0 */
#define STRESS_ROUNDS 6000u

static void systick_every(uint32_t ticks)
{
    SYST_CSR = 0u;
    SYST_RVR = ticks - 1u;
    SYST_CVR = 0u;
    SYST_CSR = SYST_ENABLE | SYST_CLKSOURCE | SYST_TICKINT;
}

static void systick_stop(void)
{
    SYST_CSR = 0u;
}

/* ---- shared pool -------------------------------------------------------- */
#define STRESS_BLOCKS 8u
#define STRESS_WORDS 4u
#define STRESS_BLOCK_BYTES MEM_POOL_BLOCK_SIZE(STRESS_WORDS * sizeof(uint32_t))
MEM_POOL_DEFINE(g_pool, STRESS_WORDS * sizeof(uint32_t), STRESS_BLOCKS);

/* Owner tags written into a block while held: a block handed out twice
 * shows as a changed tag. */
#define OWNER_MAIN 0x4D41494Eu
#define OWNER_ISR 0x00495352u

static void fill_block(void *block, uint32_t owner, uint32_t salt)
{
    uint32_t *w = (uint32_t *)block;
    for (uint32_t i = 0u; i < STRESS_WORDS; ++i) {
        w[i] = owner ^ (salt + i);
    }
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

static int is_block_start(const void *block)
{
    uintptr_t offset = (uintptr_t)block - (uintptr_t)g_pool_blocks_;
    return offset % STRESS_BLOCK_BYTES == 0u &&
           offset / STRESS_BLOCK_BYTES < STRESS_BLOCKS;
}

/* ---- where the handler landed ------------------------------------------- */
#define WATCH_BYTES 128u /* covers each function (alloc 92 B, free 88 B) */
static uint32_t g_landed[2][WATCH_BYTES / 2u];

static void note_preempted_pc(uint32_t pc)
{
    const uintptr_t starts[2] = {(uintptr_t)&mem_pool_alloc & ~1u,
                                 (uintptr_t)&mem_pool_free & ~1u};
    for (uint32_t f = 0u; f < 2u; ++f) {
        uint32_t offset = pc - (uint32_t)starts[f];
        if (offset < WATCH_BYTES) {
            g_landed[f][offset / 2u]++;
        }
    }
}

/* ---- handler: allocates and frees on the shared pool -------------------- */
static volatile uint32_t g_ticks;
static uint32_t g_isr_errors;
static uint32_t g_isr_nulls;
static void *g_isr_held; /* kept from one tick to the next */
static uint32_t g_isr_held_salt;

void pool_m7_tick(const uint32_t *frame);

void pool_m7_tick(const uint32_t *frame)
{
    note_preempted_pc(frame[6]);
    uint32_t run = g_ticks;
    g_ticks = run + 1u;

    /* two blocks for this run only */
    void *a = mem_pool_alloc(&g_pool);
    void *b = mem_pool_alloc(&g_pool);
    g_isr_nulls += (a == NULL) + (b == NULL);
    if (a != NULL) {
        fill_block(a, OWNER_ISR, run);
    }
    if (b != NULL) {
        fill_block(b, OWNER_ISR, ~run);
    }
    /* one block held across ticks: its free lands between main-loop
     * allocs, its alloc between main-loop frees */
    if (g_isr_held != NULL) {
        if (!block_intact(g_isr_held, OWNER_ISR, g_isr_held_salt) ||
            mem_pool_free(&g_pool, g_isr_held) != MEM_OK) {
            g_isr_errors++;
        }
        g_isr_held = NULL;
    } else if ((run & 3u) == 0u) {
        g_isr_held = mem_pool_alloc(&g_pool);
        g_isr_nulls += g_isr_held == NULL;
        g_isr_held_salt = run * 7u;
        if (g_isr_held != NULL) {
            fill_block(g_isr_held, OWNER_ISR, g_isr_held_salt);
        }
    }
    if (a != NULL && (!is_block_start(a) || !block_intact(a, OWNER_ISR, run) ||
                      mem_pool_free(&g_pool, a) != MEM_OK)) {
        g_isr_errors++;
    }
    if (b != NULL && (!is_block_start(b) || !block_intact(b, OWNER_ISR, ~run) ||
                      mem_pool_free(&g_pool, b) != MEM_OK)) {
        g_isr_errors++;
    }
}

/* ---- main loop ---------------------------------------------------------- */
static void stress(void)
{
    (void)MEM_POOL_INIT(g_pool);
    pool_props_hook_reset();
    uint32_t main_errors = 0u;
    uint32_t main_nulls = 0u;
    uint32_t main_allocs = 0u;
    systick_every(STRESS_PERIOD);
    for (uint32_t round = 0u; round < STRESS_ROUNDS; ++round) {
        void *held[STRESS_BLOCKS + 1u];
        uint32_t n = 0u;
        /* 1 .. STRESS_BLOCKS + 1: some rounds run the pool dry */
        uint32_t want = 1u + round % (STRESS_BLOCKS + 1u);
        while (n < want) {
            void *block = mem_pool_alloc(&g_pool);
            if (block == NULL) {
                main_nulls++;
                break;
            }
            if (!is_block_start(block)) {
                main_errors++;
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
        /* free in allocation order on odd rounds, reversed on even ones */
        for (uint32_t k = 0u; k < n; ++k) {
            uint32_t i = (round & 1u) ? k : n - 1u - k;
            if (mem_pool_free(&g_pool, held[i]) != MEM_OK) {
                main_errors++;
            }
        }
    }
    systick_stop();
    uint32_t ticks = g_ticks;
    if (g_isr_held != NULL) {
        main_errors += mem_pool_free(&g_pool, g_isr_held) != MEM_OK;
        g_isr_held = NULL;
    }

    mem_pool_stats_t s = {0u, 0u, 0u, 0u, 0u};
    (void)mem_pool_stats(&g_pool, &s);
    uint32_t nulls = main_nulls + g_isr_nulls;
    target_check("stress_ticks", ticks > 10000u, ticks);
    target_check("stress_main_allocated", main_allocs > 10000u, main_allocs);
    target_check("stress_isr_blocks_intact", g_isr_errors == 0u, g_isr_errors);
    target_check("stress_main_blocks_intact", main_errors == 0u, main_errors);
    target_check("stress_main_ran_dry", main_nulls > 0u, main_nulls);
    target_check("stress_isr_ran_dry", g_isr_nulls > 0u, g_isr_nulls);
    target_check("stress_stats_failed_exact", s.failed_allocs == nulls,
                 s.failed_allocs);
    target_check("stress_stats_in_use_zero", s.in_use == 0u,
                 (uint32_t)s.in_use);
    target_check("stress_stats_low_water_zero", s.low_water_free == 0u,
                 (uint32_t)s.low_water_free);
    target_check("stress_no_misuse_reported", pool_props_hook_calls() == 0u,
                 pool_props_hook_calls());

    /* structure intact: every block comes back exactly once, then NULL */
    uint32_t seen = 0u;
    void *all[STRESS_BLOCKS];
    int ok = 1;
    for (uint32_t i = 0u; i < STRESS_BLOCKS; ++i) {
        all[i] = mem_pool_alloc(&g_pool);
        uint32_t index =
            (uint32_t)(((uintptr_t)all[i] - (uintptr_t)g_pool_blocks_) /
                       STRESS_BLOCK_BYTES);
        ok = ok && all[i] != NULL && is_block_start(all[i]) &&
             (seen & (1u << index)) == 0u;
        seen |= 1u << index;
    }
    ok = ok && mem_pool_alloc(&g_pool) == NULL;
    for (uint32_t i = 0u; i < STRESS_BLOCKS; ++i) {
        ok = ok && mem_pool_free(&g_pool, all[i]) == MEM_OK;
    }
    target_check("stress_every_block_once_after", ok, seen);

    static const char *const names[2] = {"alloc", "free"};
    for (uint32_t f = 0u; f < 2u; ++f) {
        for (uint32_t h = 0u; h < WATCH_BYTES / 2u; ++h) {
            if (g_landed[f][h] != 0u) {
                bsp_print("preempted ");
                bsp_print(names[f]);
                bsp_print(" ");
                bsp_print_u32(h * 2u);
                bsp_print(" ");
                bsp_print_u32(g_landed[f][h]);
                bsp_print("\n");
            }
        }
    }
    bsp_print("ticks ");
    bsp_print_u32(ticks);
    bsp_print("\n");
}

int main(void)
{
    bsp_init();
    bsp_print("pool m7 properties\n");
    (void)pool_props_run(target_check); /* target_check counts failures */
    stress();
    target_check_finish();
}
