#include "sample_stats.h"

#include <string.h>

#include "bsp/board.h"

void sample_stats_init(sample_stats_t *stats, bool check_values)
{
    memset(stats, 0, sizeof *stats);
    stats->check_values = check_values;
    (void)mem_ring_init(&stats->window, stats->window_slots, sizeof stats->window_slots,
                        sizeof stats->window_slots[0], SAMPLE_STATS_WINDOW,
                        MEM_RING_OVERWRITE_OLDEST);
    sample_stats_interval_reset(stats);
}

void sample_stats_interval_reset(sample_stats_t *stats)
{
    stats->count = 0u;
    stats->min = UINT32_MAX;
    stats->max = 0u;
    stats->sum = 0u;
}

static void filter(sample_stats_t *stats, uint16_t value)
{
    uint16_t oldest;
    if (mem_ring_count(&stats->window) == SAMPLE_STATS_WINDOW &&
        mem_ring_peek(&stats->window, 0u, &oldest) == MEM_OK) {
        stats->window_sum -= oldest; /* the push below overwrites it */
    }
    (void)mem_ring_push(&stats->window, &value); /* OVERWRITE_OLDEST: always stored */
    stats->window_sum += value;
    stats->filtered = stats->window_sum / (uint32_t)mem_ring_count(&stats->window);
}

void sample_stats_add(sample_stats_t *stats, const adc_sample_t *sample)
{
    if (stats->received != 0u && (int32_t)(sample->seq - stats->next_seq) < 0) {
        ++stats->reordered;
    } else {
        stats->lost += sample->seq - stats->next_seq;
        stats->next_seq = sample->seq + 1u;
    }
    ++stats->received;
    if (stats->check_values && sample->value != bsp_sample_synthetic(sample->seq)) {
        ++stats->corrupt;
    }
    filter(stats, sample->value);
    ++stats->count;
    stats->sum += stats->filtered;
    if (stats->filtered < stats->min) {
        stats->min = stats->filtered;
    }
    if (stats->filtered > stats->max) {
        stats->max = stats->filtered;
    }
}

uint32_t sample_stats_interval_mean(const sample_stats_t *stats)
{
    return stats->count == 0u ? 0u : (uint32_t)(stats->sum / stats->count);
}

uint32_t sample_stats_window_overwritten(const sample_stats_t *stats)
{
    mem_ring_stats_t ring_stats;
    if (mem_ring_stats(&stats->window, &ring_stats) != MEM_OK) {
        return 0u;
    }
    return ring_stats.overwritten;
}
