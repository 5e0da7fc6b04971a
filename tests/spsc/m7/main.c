/*
 * SPSC queue checks on the emulated Cortex-M7 (QEMU mps2-an500, run by
 * spsc_m7_qemu_test.py): the single-core ordering (MEM_CONFIG_SINGLE_CORE:
 * compiler fences only, no DMB) that host tests cannot reach. Typed queues
 * with and without high-water mark and the generic queue fill, report full,
 * drain in order and report empty; then a SysTick handler produces a
 * sequence into a typed queue while the main loop consumes it, so
 * preemption lands at every point of the pop path: the sequence must arrive
 * complete and in order.
 *
 * Output lines (UART): check <name> ok|FAIL <detail>, then done <failures>.
 * Exit status (semihosting): 0 when every check passed.
 */
#include <stdint.h>

#include "bsp/board.h"
#include "bsp/console.h"
#include "mem/spsc.h"
#include "tests/support/target_check.h"

/* ---- typed queues ------------------------------------------------------- */
#define TYPED_CAPACITY 512u
MEM_SPSC_DEFINE_TYPED(words, uint32_t, TYPED_CAPACITY)
MEM_SPSC_DEFINE_TYPED_HW(words_hw, uint32_t, TYPED_CAPACITY)
static words_t g_words;
static words_hw_t g_words_hw;

static void check_typed(void)
{
    words_init(&g_words);
    words_hw_init(&g_words_hw);
    int ok = 1;
    for (uint32_t i = 0u; i < TYPED_CAPACITY; ++i) {
        ok = ok && words_push(&g_words, i * 3u) == MEM_OK &&
             words_hw_push(&g_words_hw, i * 5u) == MEM_OK;
    }
    target_check("typed_fill", ok && words_count(&g_words) == TYPED_CAPACITY,
                 (uint32_t)words_count(&g_words));
    target_check("typed_full",
                 words_push(&g_words, 1u) == MEM_ERR_FULL &&
                     words_hw_push(&g_words_hw, 1u) == MEM_ERR_FULL,
                 0u);
    target_check("typed_high_water",
                 words_hw_high_water(&g_words_hw) == TYPED_CAPACITY,
                 (uint32_t)words_hw_high_water(&g_words_hw));
    ok = 1;
    for (uint32_t i = 0u; i < TYPED_CAPACITY; ++i) {
        uint32_t a = 0u, b = 0u;
        ok = ok && words_pop(&g_words, &a) == MEM_OK && a == i * 3u &&
             words_hw_pop(&g_words_hw, &b) == MEM_OK && b == i * 5u;
    }
    target_check("typed_drain_fifo", ok, 0u);
    uint32_t untouched = 77u;
    target_check("typed_empty",
                 words_pop(&g_words, &untouched) == MEM_ERR_EMPTY &&
                     untouched == 77u && words_count(&g_words) == 0u,
                 0u);
    words_hw_high_water_reset(&g_words_hw);
    target_check("typed_high_water_reset",
                 words_hw_high_water(&g_words_hw) == 0u, 0u);
}

/* ---- generic queue ------------------------------------------------------ */
#define GENERIC_CAPACITY 512u
static MEM_SPSC_STORAGE(g_generic_slots, uint32_t, GENERIC_CAPACITY);
static mem_spsc_t g_generic;

static void check_generic(void)
{
    int ok =
        mem_spsc_init(&g_generic, g_generic_slots, sizeof g_generic_slots,
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
    target_check("generic_fill_drain", ok, 0u);
}

/* ---- interrupt producer ------------------------------------------------- */
#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)
#define SYST_ENABLE_TICKINT_CPUCLK 7u
/* ticks of 40 instructions (-icount shift=0); odd, so the interrupt drifts
 * over every instruction of the consumer loop */
#define PRODUCER_PERIOD 11u

MEM_SPSC_DEFINE_TYPED(seq_queue, uint32_t, 16)
static seq_queue_t g_seq;
static volatile uint32_t g_ticks;
static uint32_t g_next_seq;

void SysTick_Handler(void)
{
    uint32_t run = g_ticks;
    g_ticks = run + 1u;
    /* one or two per tick: the queue fills now and then */
    for (uint32_t k = 0u; k < 1u + (run & 1u); ++k) {
        if (seq_queue_push(&g_seq, g_next_seq) == MEM_OK) {
            g_next_seq++;
        }
    }
}

static void check_isr_producer(void)
{
    seq_queue_init(&g_seq);
    uint32_t errors = 0u;
    uint32_t expected = 0u;
    SYST_CSR = 0u;
    SYST_RVR = PRODUCER_PERIOD - 1u;
    SYST_CVR = 0u;
    SYST_CSR = SYST_ENABLE_TICKINT_CPUCLK;
    while (g_ticks < 20000u) {
        uint32_t value;
        while (seq_queue_pop(&g_seq, &value) == MEM_OK) {
            if (value != expected) {
                errors++;
                expected = value;
            }
            expected++;
        }
    }
    SYST_CSR = 0u;
    uint32_t value;
    while (seq_queue_pop(&g_seq, &value) == MEM_OK) {
        if (value != expected++) {
            errors++;
        }
    }
    target_check("isr_sequence_in_order", errors == 0u, errors);
    target_check("isr_sequence_complete",
                 expected == g_next_seq && expected > 20000u, expected);
}

int main(void)
{
    bsp_init();
    bsp_print("spsc m7 checks\n");
    check_typed();
    check_generic();
    check_isr_producer();
    target_check_finish();
}
