/*
 * Timing statistics in ticks of bsp_cycles(): count, min, max and a 64-bit
 * total (split into _lo/_hi words for the mailbox, so the agent never
 * divides 64-bit numbers), and a 16-bucket histogram. Plain C, no board:
 * tested on the host. Each object is owned by one context (an ISR or the
 * main loop); read it from another only after that context has stopped.
 */
#ifndef HIL_AGENT_TICK_STATS_H
#define HIL_AGENT_TICK_STATS_H

#include <stdint.h>

#define TICK_HIST_BUCKETS 16u

typedef struct {
    uint32_t count;
    uint32_t min; /* UINT32_MAX while count == 0 */
    uint32_t max;
    uint64_t total;
} tick_stats_t;

typedef struct {
    uint32_t width; /* ticks per bucket, >= 1 */
    uint32_t bucket[TICK_HIST_BUCKETS];
} tick_hist_t;

/* Empty statistics. O(1). */
void tick_stats_init(tick_stats_t *s);

/* Adds one measurement. O(1), no failures (the total is 64-bit). */
void tick_stats_add(tick_stats_t *s, uint32_t ticks);

/* min, or 0 when nothing was added. O(1). */
uint32_t tick_stats_min(const tick_stats_t *s);

/* Low and high words of the total. O(1). */
uint32_t tick_stats_total_lo(const tick_stats_t *s);
uint32_t tick_stats_total_hi(const tick_stats_t *s);

/* `raw` minus `overhead`, or 0 when raw is smaller (never wraps). O(1). */
uint32_t tick_stats_net(uint32_t raw, uint32_t overhead);

/* Empty histogram; width 0 is taken as 1. O(1). */
void tick_hist_init(tick_hist_t *h, uint32_t width);

/* Bucket i counts [i*width, (i+1)*width); the last also everything above.
 * O(1). */
void tick_hist_add(tick_hist_t *h, uint32_t ticks);

#endif /* HIL_AGENT_TICK_STATS_H */
