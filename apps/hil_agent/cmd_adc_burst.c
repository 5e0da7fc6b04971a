/*
 * HIL_CMD_ADC_BURST(count, rate_hz): the BSP's sample source calls an ISR
 * hook, which timestamps each sample with bsp_cycles() and pushes it into a
 * //mem SPSC queue; this (thread) side pops, measures the ISR-to-consumer
 * latency, checks the sequence numbers and traces the queue level.
 * Layout HIL_LAYOUT_ADC_BURST; FAILED (partial results) if the source stops
 * delivering for more than two seconds plus two sample periods.
 *
 *   BAD_ARGS  count 0 or above ADC_MAX_COUNT; rate_hz 0 or above
 *             BSP_SAMPLE_MAX_HZ
 */
#include <string.h>

#include "agent_mailbox.h"
#include "bsp/board.h"
#include "commands.h"
#include "mem/spsc.h"
#include "tick_clock.h"
#include "tick_stats.h"

#define ADC_QUEUE_SLOTS 64u
#define ADC_MAX_COUNT (1u << 27) /* keeps count * HIL_TRACE_POINTS in 32 bits */

typedef struct {
    uint32_t seq;   /* BSP sequence number */
    uint32_t stamp; /* bsp_cycles() in the ISR */
    uint32_t value; /* 12-bit sample */
} adc_item_t;

/* ISR-shared state (DTCM .bss). */
static MEM_SPSC_STORAGE(g_slots, adc_item_t, ADC_QUEUE_SLOTS);
static mem_spsc_t g_queue;
static volatile uint32_t g_count;   /* samples wanted; later ones are ignored */
static volatile uint32_t g_seen;    /* highest seq + 1 the ISR saw, <= g_count */
static volatile uint32_t g_dropped; /* queue full */

static void on_sample(uint32_t seq, uint16_t value)
{
    const uint32_t stamp = bsp_cycles();
    if (seq >= g_count) {
        return;
    }
    const adc_item_t item = {seq, stamp, value};
    if (mem_spsc_push(&g_queue, &item) != MEM_OK) {
        g_dropped = g_dropped + 1u;
    }
    g_seen = seq + 1u;
}

typedef struct {
    uint32_t received;
    uint32_t lost;
    uint32_t next_seq;
    uint32_t trace_next; /* index into queue_level */
    tick_stats_t latency;
    tick_hist_t hist;
} adc_consumer_t;

static void consume(adc_consumer_t *c, const adc_item_t *item, uint32_t now, uint32_t level,
                    uint32_t count, hil_adc_burst_result_t *r)
{
    const uint32_t latency = now - item->stamp;
    tick_stats_add(&c->latency, latency);
    tick_hist_add(&c->hist, latency);
    if (item->seq > c->next_seq) {
        c->lost += item->seq - c->next_seq;
    }
    c->next_seq = item->seq + 1u;
    c->received++;
    while (c->trace_next < HIL_TRACE_POINTS &&
           item->seq >= c->trace_next * count / HIL_TRACE_POINTS) {
        r->queue_level[c->trace_next++] = level;
    }
}

static void fill_results(const adc_consumer_t *c, uint32_t count, hil_adc_burst_result_t *r)
{
    r->received = c->received;
    r->dropped = g_dropped;
    r->lost_seq = c->lost + (count - c->next_seq); /* gaps, then a missing tail */
    r->queue_capacity = (uint32_t)mem_spsc_capacity(&g_queue);
    r->queue_high_water = (uint32_t)mem_spsc_high_water(&g_queue);
    r->latency_min = tick_stats_min(&c->latency);
    r->latency_max = c->latency.max;
    r->latency_total_lo = tick_stats_total_lo(&c->latency);
    r->latency_total_hi = tick_stats_total_hi(&c->latency);
    r->hist_bucket_width = c->hist.width;
    memcpy(r->hist, c->hist.bucket, sizeof r->hist);
}

agent_answer_t cmd_adc_burst(const uint32_t args[HIL_ARG_WORDS], hil_results_t *results)
{
    const uint32_t count = args[0];
    const uint32_t rate_hz = args[1];
    if (count == 0u || count > ADC_MAX_COUNT || rate_hz == 0u || rate_hz > BSP_SAMPLE_MAX_HZ) {
        return agent_answer_status(HIL_STATUS_BAD_ARGS);
    }
    hil_adc_burst_result_t *r = &results->adc_burst;
    adc_consumer_t c = {0};
    tick_stats_init(&c.latency);
    const uint32_t hz = bsp_cycles_hz();
    tick_hist_init(&c.hist, hz / 1000000u); /* 1 us buckets */
    if (mem_spsc_init(&g_queue, g_slots, sizeof g_slots, sizeof g_slots[0], ADC_QUEUE_SLOTS) !=
        MEM_OK) {
        return agent_answer_status(HIL_STATUS_FAILED);
    }
    g_count = count;
    g_seen = 0u;
    g_dropped = 0u;
    const uint32_t stall_limit = 2u * hz + 2u * (hz / rate_hz);

    tick_clock_align();
    if (!bsp_sample_start(rate_hz, on_sample)) {
        return agent_answer_status(HIL_STATUS_BAD_ARGS);
    }
    uint32_t last_progress = bsp_cycles();
    bool stalled = false;
    for (;;) {
        agent_heartbeat();
        const bool source_done = g_seen == count; /* read before popping */
        agent_dmb();
        const uint32_t level = (uint32_t)mem_spsc_count(&g_queue);
        adc_item_t item;
        if (mem_spsc_pop(&g_queue, &item) == MEM_OK) {
            last_progress = bsp_cycles();
            consume(&c, &item, last_progress, level, count, r);
            continue;
        }
        if (source_done) {
            break;
        }
        if (bsp_cycles() - last_progress > stall_limit) {
            stalled = true;
            break;
        }
    }
    bsp_sample_stop();
    fill_results(&c, count, r);
    agent_answer_t a = {stalled ? HIL_STATUS_FAILED : HIL_STATUS_OK, HIL_LAYOUT_ADC_BURST,
                        (uint32_t)(sizeof *r / 4u)};
    return a;
}
