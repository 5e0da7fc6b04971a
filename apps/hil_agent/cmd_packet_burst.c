/*
 * HIL_CMD_PACKET_BURST(count, size_min, size_max, interval_us, seed): the
 * BSP's packet-arrival interrupt (1000000 / interval_us Hz, integer
 * division) allocates a 1500-byte buffer from a //mem pool of 8, fills a
 * frame (packet_frame.h) and queues the pointer (//mem SPSC) to this thread,
 * which checks the frame and frees the buffer. An empty pool drops the
 * arrival. alloc is timed in the ISR, free here, both in bsp_cycles ticks
 * minus the empty-section overhead. Layout HIL_LAYOUT_PACKET_BURST; FAILED
 * (partial results) if arrivals stop for more than two seconds plus two
 * intervals.
 *
 *   BAD_ARGS  count 0 or above PACKET_MAX_COUNT; size_min below 12,
 *             size_max above 1500 or below size_min; interval_us below
 *             1000000 / BSP_PACKET_MAX_HZ or above 1000000
 * checksum_errors also counts frees the pool refused (never expected).
 */
#include <string.h>

#include "agent_mailbox.h"
#include "bsp/board.h"
#include "commands.h"
#include "mem/pool.h"
#include "mem/region.h"
#include "mem/spsc.h"
#include "packet_frame.h"
#include "tick_clock.h"
#include "tick_stats.h"

#define PKT_POOL_BLOCKS 8u
#define PKT_QUEUE_SLOTS 8u /* >= PKT_POOL_BLOCKS: a buffer always fits */
#define PKT_MAX_COUNT (1u << 27)
#define US_PER_S 1000000u

/* Buffers in SRAM1 (bulk); control blocks and queue in DTCM. */
MEM_SRAM1_BSS static _Alignas(MEM_POOL_ALIGN) uint8_t
    g_blocks[MEM_POOL_STORAGE_SIZE(PACKET_FRAME_BUFFER, PKT_POOL_BLOCKS)];
MEM_SRAM1_BSS static uint16_t g_links[PKT_POOL_BLOCKS];
static mem_pool_t g_pool;
static MEM_SPSC_STORAGE(g_slots, void *, PKT_QUEUE_SLOTS);
static mem_spsc_t g_queue;

/* Burst parameters and ISR-owned results. */
static volatile uint32_t g_count;
static uint32_t g_seed, g_size_min, g_size_max, g_overhead;
static volatile uint32_t g_seen; /* highest seq + 1 the ISR saw */
static volatile uint32_t g_dropped;
static tick_stats_t g_alloc; /* written by the ISR only */

static void on_packet(uint32_t seq)
{
    if (seq >= g_count) {
        return;
    }
    const uint32_t t0 = bsp_cycles();
    void *buffer = mem_pool_alloc(&g_pool);
    const uint32_t t1 = bsp_cycles();
    if (buffer == NULL) {
        g_dropped = g_dropped + 1u;
    } else {
        tick_stats_add(&g_alloc, tick_stats_net(t1 - t0, g_overhead));
        packet_frame_fill(buffer, seq, packet_frame_length(g_seed, seq, g_size_min, g_size_max));
        if (mem_spsc_push(&g_queue, &buffer) != MEM_OK) {
            (void)mem_pool_free(&g_pool, buffer);
            g_dropped = g_dropped + 1u;
        }
    }
    g_seen = seq + 1u;
}

static uint32_t pool_free_blocks(void)
{
    mem_pool_stats_t s;
    if (mem_pool_stats(&g_pool, &s) != MEM_OK) {
        return 0u;
    }
    return (uint32_t)(s.block_count - s.in_use);
}

typedef struct {
    uint32_t accepted;
    uint32_t bad;
    uint32_t trace_next;
    tick_stats_t free;
} pkt_consumer_t;

static void consume(pkt_consumer_t *c, void *buffer, uint32_t count,
                    hil_packet_burst_result_t *r)
{
    const uint32_t seq = packet_frame_seq(buffer);
    uint32_t checked_seq;
    const uint32_t expected = packet_frame_length(g_seed, seq, g_size_min, g_size_max);
    if (!packet_frame_check(buffer, expected, &checked_seq)) {
        c->bad++;
    }
    while (c->trace_next < HIL_TRACE_POINTS && seq >= c->trace_next * count / HIL_TRACE_POINTS) {
        r->pool_free_level[c->trace_next++] = pool_free_blocks();
    }
    const uint32_t t0 = bsp_cycles();
    const mem_status_t freed = mem_pool_free(&g_pool, buffer);
    const uint32_t t1 = bsp_cycles();
    if (freed != MEM_OK) {
        c->bad++;
        return;
    }
    tick_stats_add(&c->free, tick_stats_net(t1 - t0, g_overhead));
    c->accepted++;
}

static bool args_valid(const uint32_t args[HIL_ARG_WORDS])
{
    const uint32_t count = args[0], size_min = args[1], size_max = args[2];
    const uint32_t interval_us = args[3];
    return count != 0u && count <= PKT_MAX_COUNT && size_min >= PACKET_FRAME_MIN &&
           size_max <= PACKET_FRAME_BUFFER && size_min <= size_max &&
           interval_us >= US_PER_S / BSP_PACKET_MAX_HZ && interval_us <= US_PER_S;
}

static void fill_results(const pkt_consumer_t *c, hil_packet_burst_result_t *r)
{
    mem_pool_stats_t s = {0};
    (void)mem_pool_stats(&g_pool, &s);
    r->accepted = c->accepted;
    r->dropped_pool_empty = g_dropped;
    r->checksum_errors = c->bad;
    r->pool_blocks = (uint32_t)s.block_count;
    r->pool_low_water = (uint32_t)s.low_water_free;
    r->alloc_min = tick_stats_min(&g_alloc);
    r->alloc_max = g_alloc.max;
    r->alloc_total_lo = tick_stats_total_lo(&g_alloc);
    r->alloc_total_hi = tick_stats_total_hi(&g_alloc);
    r->free_min = tick_stats_min(&c->free);
    r->free_max = c->free.max;
    r->free_total_lo = tick_stats_total_lo(&c->free);
    r->free_total_hi = tick_stats_total_hi(&c->free);
}

agent_answer_t cmd_packet_burst(const uint32_t args[HIL_ARG_WORDS], hil_results_t *results)
{
    if (!args_valid(args)) {
        return agent_answer_status(HIL_STATUS_BAD_ARGS);
    }
    const uint32_t count = args[0];
    const uint32_t rate_hz = US_PER_S / args[3];
    if (mem_pool_init(&g_pool, g_blocks, sizeof g_blocks, PACKET_FRAME_BUFFER, PKT_POOL_BLOCKS,
                      g_links, sizeof g_links) != MEM_OK ||
        mem_spsc_init(&g_queue, g_slots, sizeof g_slots, sizeof g_slots[0], PKT_QUEUE_SLOTS) !=
            MEM_OK) {
        return agent_answer_status(HIL_STATUS_FAILED);
    }
    g_count = count;
    g_size_min = args[1];
    g_size_max = args[2];
    g_seed = args[4];
    g_seen = 0u;
    g_dropped = 0u;
    tick_stats_init(&g_alloc);
    pkt_consumer_t c = {0};
    tick_stats_init(&c.free);
    hil_packet_burst_result_t *r = &results->packet_burst;
    const uint32_t hz = bsp_cycles_hz();
    const uint32_t stall_limit = 2u * hz + 2u * (hz / rate_hz);

    tick_clock_align();
    g_overhead = tick_clock_overhead();
    if (!bsp_packet_start(rate_hz, on_packet)) {
        return agent_answer_status(HIL_STATUS_BAD_ARGS);
    }
    uint32_t last_progress = bsp_cycles();
    bool stalled = false;
    for (;;) {
        agent_heartbeat();
        const bool source_done = g_seen == count; /* read before popping */
        agent_dmb();
        void *buffer;
        if (mem_spsc_pop(&g_queue, &buffer) == MEM_OK) {
            consume(&c, buffer, count, r);
            last_progress = bsp_cycles();
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
    bsp_packet_stop();
    fill_results(&c, r);
    agent_answer_t a = {stalled ? HIL_STATUS_FAILED : HIL_STATUS_OK, HIL_LAYOUT_PACKET_BURST,
                        (uint32_t)(sizeof *r / 4u)};
    return a;
}
