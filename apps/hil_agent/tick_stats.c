/* Timing statistics (see tick_stats.h). */
#include "tick_stats.h"

#include <string.h>

void tick_stats_init(tick_stats_t *s)
{
    s->count = 0u;
    s->min = UINT32_MAX;
    s->max = 0u;
    s->total = 0u;
}

void tick_stats_add(tick_stats_t *s, uint32_t ticks)
{
    s->count++;
    if (ticks < s->min) {
        s->min = ticks;
    }
    if (ticks > s->max) {
        s->max = ticks;
    }
    s->total += ticks;
}

uint32_t tick_stats_min(const tick_stats_t *s)
{
    return s->count != 0u ? s->min : 0u;
}

uint32_t tick_stats_total_lo(const tick_stats_t *s)
{
    return (uint32_t)s->total;
}

uint32_t tick_stats_total_hi(const tick_stats_t *s)
{
    return (uint32_t)(s->total >> 32);
}

uint32_t tick_stats_net(uint32_t raw, uint32_t overhead)
{
    return raw > overhead ? raw - overhead : 0u;
}

void tick_hist_init(tick_hist_t *h, uint32_t width)
{
    memset(h, 0, sizeof *h);
    h->width = width != 0u ? width : 1u;
}

void tick_hist_add(tick_hist_t *h, uint32_t ticks)
{
    uint32_t i = ticks / h->width;
    if (i >= TICK_HIST_BUCKETS) {
        i = TICK_HIST_BUCKETS - 1u;
    }
    h->bucket[i]++;
}
