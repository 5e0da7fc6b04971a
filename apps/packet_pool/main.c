/*
 * packet_pool: a packet-arrival ISR allocates a 1500-byte buffer from a
 * //mem pool of 8, fills it (length + payload + checksum) and hands the
 * pointer to the main loop through a //mem SPSC queue; the main loop
 * verifies and frees. An empty pool drops the arrival and counts it.
 * One summary line per second.
 *
 * Build-time settings (BUILD selects them per board):
 *   PACKET_POOL_RATE_HZ        arrivals per second (default 1000)
 *   PACKET_POOL_BURST_SECONDS  0 = run forever; N = stop after N seconds,
 *                              print a final line and bsp_exit (emulated)
 *   PACKET_POOL_STALL_MS       main loop pauses this long once a second so
 *                              the pool runs dry (default 0)
 */
#include <stdint.h>

#include "apps/common/app_support.h"
#include "bsp/board.h"
#include "bsp/console.h"
#include "mem/pool.h"
#include "mem/region.h"
#include "mem/spsc.h"
#include "mem/stack.h"
#include "packet.h"

#ifndef PACKET_POOL_RATE_HZ
#define PACKET_POOL_RATE_HZ 1000u
#endif
#ifndef PACKET_POOL_BURST_SECONDS
#define PACKET_POOL_BURST_SECONDS 0u
#endif
#ifndef PACKET_POOL_STALL_MS
#define PACKET_POOL_STALL_MS 0u
#endif

#define POOL_BLOCKS 8u
#define QUEUE_CAPACITY 8u /* >= POOL_BLOCKS: a queued packet always fits */

/* Pool storage in SRAM1 (bulk data); control blocks and queue in DTCM. */
MEM_SRAM1_BSS static _Alignas(MEM_POOL_ALIGN) uint8_t
    g_pool_blocks[MEM_POOL_STORAGE_SIZE(PACKET_BUFFER_SIZE, POOL_BLOCKS)];
MEM_SRAM1_BSS static uint16_t g_pool_links[POOL_BLOCKS];
static mem_pool_t g_pool;
static MEM_SPSC_STORAGE(g_queue_slots, void *, QUEUE_CAPACITY);
static mem_spsc_t g_queue;

static volatile uint32_t g_arrivals;     /* hook calls */
static volatile uint32_t g_pool_dropped; /* pool empty */
static volatile uint32_t g_queue_dropped; /* queue full (never, by sizing) */

/* Main-loop state. */
static uint32_t g_received;
static uint32_t g_bytes;
static uint32_t g_bad;
static uint32_t g_lost; /* sequence gaps */
static uint32_t g_reordered;
static uint32_t g_free_errors;
static uint32_t g_next_seq;

/* Packet-arrival ISR (producer). */
static void on_packet(uint32_t seq)
{
    g_arrivals = g_arrivals + 1u;
    void *buffer = mem_pool_alloc(&g_pool);
    if (buffer == NULL) {
        g_pool_dropped = g_pool_dropped + 1u;
        return;
    }
    packet_fill(buffer, seq);
    if (mem_spsc_push(&g_queue, &buffer) != MEM_OK) {
        (void)mem_pool_free(&g_pool, buffer);
        g_queue_dropped = g_queue_dropped + 1u;
    }
}

static void consume(void *buffer)
{
    uint32_t seq;
    if (packet_verify(buffer, &seq)) {
        if (g_received != 0u && (int32_t)(seq - g_next_seq) < 0) {
            ++g_reordered;
        } else {
            g_lost += seq - g_next_seq;
            g_next_seq = seq + 1u;
        }
        g_bytes += packet_payload_length(seq);
    } else {
        ++g_bad;
    }
    ++g_received;
    if (mem_pool_free(&g_pool, buffer) != MEM_OK) {
        ++g_free_errors;
    }
}

static void drain(void)
{
    void *buffer;
    while (mem_spsc_pop(&g_queue, &buffer) == MEM_OK) {
        consume(buffer);
    }
}

static void print_interval(uint32_t second)
{
    mem_pool_stats_t ps = {0};
    (void)mem_pool_stats(&g_pool, &ps);
    bsp_print("pkt");
    bsp_print_field("t", second);
    bsp_print_field("rx", g_received);
    bsp_print_field("bytes", g_bytes);
    bsp_print_field("dropped", g_pool_dropped);
    bsp_print_field("lost", g_lost);
    bsp_print_field("bad", g_bad);
    bsp_print_field("pool_low", (uint32_t)ps.low_water_free);
    bsp_print_field("pool_failed", ps.failed_allocs);
    bsp_print_field("q_hw", (uint32_t)mem_spsc_high_water(&g_queue));
    bsp_print_field("stack", app_stack_used());
    bsp_print("\n");
}

static int finish(void)
{
    bsp_packet_stop();
    drain();
    mem_pool_stats_t ps = {0};
    (void)mem_pool_stats(&g_pool, &ps);
    uint32_t arrivals = g_arrivals;
    uint32_t dropped = g_pool_dropped + g_queue_dropped;
    bool ok = g_received + dropped == arrivals && g_lost == dropped && g_bad == 0u &&
              g_reordered == 0u && g_free_errors == 0u && ps.in_use == 0u &&
              ps.failed_allocs == g_pool_dropped && g_received > 0u;
    bsp_print("pkt done");
    bsp_print_field("arrivals", arrivals);
    bsp_print_field("received", g_received);
    bsp_print_field("dropped", dropped);
    bsp_print_field("lost", g_lost);
    bsp_print_field("bad", g_bad);
    bsp_print_field("reordered", g_reordered);
    bsp_print_field("free_errors", g_free_errors);
    bsp_print_field("in_use", (uint32_t)ps.in_use);
    bsp_print_field("pool_low", (uint32_t)ps.low_water_free);
    return app_print_result(ok);
}

int main(void)
{
    bsp_init();
    (void)MEM_STACK_MSP_PAINT();
    bsp_print("packet_pool on ");
    bsp_print(bsp_board_name);
    bsp_print_field("rate_hz", PACKET_POOL_RATE_HZ);
    bsp_print_field("burst_s", PACKET_POOL_BURST_SECONDS);
    bsp_print_field("blocks", POOL_BLOCKS);
    bsp_print(" pool@");
    bsp_print_hex32((uint32_t)(uintptr_t)g_pool_blocks);
    bsp_print("\n");

    if (mem_pool_init(&g_pool, g_pool_blocks, sizeof g_pool_blocks, PACKET_BUFFER_SIZE,
                      POOL_BLOCKS, g_pool_links, sizeof g_pool_links) != MEM_OK ||
        mem_spsc_init(&g_queue, g_queue_slots, sizeof g_queue_slots, sizeof g_queue_slots[0],
                      QUEUE_CAPACITY) != MEM_OK ||
        !bsp_packet_start(PACKET_POOL_RATE_HZ, on_packet)) {
        bsp_print("pkt error: start failed\n");
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
        if (app_burst_over(second, PACKET_POOL_BURST_SECONDS)) {
            return finish();
        }
        if (PACKET_POOL_STALL_MS != 0u) {
            app_stall_ms(PACKET_POOL_STALL_MS);
        }
    }
}
