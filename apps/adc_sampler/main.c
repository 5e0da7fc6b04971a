/*
 * adc_sampler: timer-triggered samples -> ISR -> SPSC queue -> main loop.
 *
 * The BSP's sample interrupt calls on_sample(), which tags nothing itself
 * (the BSP numbers samples) and pushes {seq, value} into a lock-free //mem
 * SPSC queue; a full queue drops the sample and counts it. The main loop
 * drains the queue into sample_stats (sequence check, moving-average filter
 * over a //mem ring with the OVERWRITE_OLDEST policy, min/max/mean) and
 * prints one summary line per second.
 *
 * Build-time settings (BUILD selects them per board):
 *   ADC_SAMPLER_RATE_HZ        sample rate (default 1000)
 *   ADC_SAMPLER_BURST_SECONDS  0 = run forever; N = stop after N seconds,
 *                              print a final line and bsp_exit (emulated)
 *   ADC_SAMPLER_STALL_MS       main loop pauses this long once a second,
 *                              to exercise the drop path (default 0)
 *   ADC_SAMPLER_SYNTHETIC      1 = check values against
 *                              bsp_sample_synthetic (emulated board)
 */
#include <stdint.h>

#include "apps/common/app_support.h"
#include "bsp/board.h"
#include "bsp/console.h"
#include "mem/spsc.h"
#include "mem/stack.h"
#include "sample_stats.h"

#ifndef ADC_SAMPLER_RATE_HZ
#define ADC_SAMPLER_RATE_HZ 1000u
#endif
#ifndef ADC_SAMPLER_BURST_SECONDS
#define ADC_SAMPLER_BURST_SECONDS 0u
#endif
#ifndef ADC_SAMPLER_STALL_MS
#define ADC_SAMPLER_STALL_MS 0u
#endif
#ifndef ADC_SAMPLER_SYNTHETIC
#define ADC_SAMPLER_SYNTHETIC 0
#endif

#define QUEUE_CAPACITY 64u

/* ISR-hot state: in DTCM (.bss is DTCM). */
static MEM_SPSC_STORAGE(g_queue_slots, adc_sample_t, QUEUE_CAPACITY);
static mem_spsc_t g_queue;
static volatile uint32_t g_isr_samples; /* hook calls */
static volatile uint32_t g_isr_dropped; /* queue full */

static sample_stats_t g_stats;

/* Sample ISR (producer). */
static void on_sample(uint32_t seq, uint16_t value)
{
    adc_sample_t sample = {.seq = seq, .value = value, .pad = 0u};
    g_isr_samples = g_isr_samples + 1u;
    if (mem_spsc_push(&g_queue, &sample) != MEM_OK) {
        g_isr_dropped = g_isr_dropped + 1u;
    }
}

static void drain(void)
{
    adc_sample_t sample;
    while (mem_spsc_pop(&g_queue, &sample) == MEM_OK) {
        sample_stats_add(&g_stats, &sample);
    }
}

static void print_interval(uint32_t second)
{
    bsp_print("adc");
    bsp_print_field("t", second);
    bsp_print_field("n", g_stats.count);
    bsp_print_field("min", g_stats.count ? g_stats.min : 0u);
    bsp_print_field("max", g_stats.max);
    bsp_print_field("mean", sample_stats_interval_mean(&g_stats));
    bsp_print_field("filt", g_stats.filtered);
    bsp_print_field("lost", g_stats.lost);
    bsp_print_field("dropped", g_isr_dropped);
    bsp_print_field("q_hw", (uint32_t)mem_spsc_high_water(&g_queue));
    bsp_print_field("ring_ovw", sample_stats_window_overwritten(&g_stats));
    bsp_print_field("stack", app_stack_used());
    bsp_print("\n");
}

static int finish(void)
{
    bsp_sample_stop();
    drain();
    uint32_t produced = g_isr_samples;
    uint32_t dropped = g_isr_dropped;
    bool ok = g_stats.received + dropped == produced && g_stats.lost == dropped &&
              g_stats.reordered == 0u && g_stats.corrupt == 0u && g_stats.received > 0u;
    bsp_print("adc done");
    bsp_print_field("produced", produced);
    bsp_print_field("received", g_stats.received);
    bsp_print_field("dropped", dropped);
    bsp_print_field("lost", g_stats.lost);
    bsp_print_field("reordered", g_stats.reordered);
    bsp_print_field("corrupt", g_stats.corrupt);
    return app_print_result(ok);
}

int main(void)
{
    bsp_init();
    (void)MEM_STACK_MSP_PAINT();
    bsp_print("adc_sampler on ");
    bsp_print(bsp_board_name);
    bsp_print_field("rate_hz", ADC_SAMPLER_RATE_HZ);
    bsp_print_field("burst_s", ADC_SAMPLER_BURST_SECONDS);
    bsp_print("\n");

    sample_stats_init(&g_stats, ADC_SAMPLER_SYNTHETIC != 0);
    if (mem_spsc_init(&g_queue, g_queue_slots, sizeof g_queue_slots, sizeof g_queue_slots[0],
                      QUEUE_CAPACITY) != MEM_OK ||
        !bsp_sample_start(ADC_SAMPLER_RATE_HZ, on_sample)) {
        bsp_print("adc error: start failed\n");
        return 1;
    }

    const uint32_t hz = bsp_cycles_hz();
    uint32_t second_start = bsp_cycles();
    uint32_t second = 0u;
    for (;;) {
        drain();
        if (bsp_cycles() - second_start < hz) {
            continue;
        }
        second_start += hz;
        ++second;
        print_interval(second);
        sample_stats_interval_reset(&g_stats);
        if (app_burst_over(second, ADC_SAMPLER_BURST_SECONDS)) {
            return finish();
        }
        if (ADC_SAMPLER_STALL_MS != 0u) {
            app_stall_ms(ADC_SAMPLER_STALL_MS);
        }
    }
}
