/*
 * The adc_sampler's consumer side: checks the sample sequence, filters the
 * values and keeps per-interval statistics. Plain C over //mem (a ring with
 * the OVERWRITE_OLDEST policy is the filter window), so it is tested on the
 * host. Used from one context (the main loop) only.
 */
#ifndef ADC_SAMPLER_SAMPLE_STATS_H
#define ADC_SAMPLER_SAMPLE_STATS_H

#include <stdbool.h>
#include <stdint.h>

#include "mem/ring.h"

/* One sample as the ISR queues it. */
typedef struct {
    uint32_t seq;   /* BSP sequence number */
    uint16_t value; /* 12-bit ADC value */
    uint16_t pad;
} adc_sample_t;

/* Moving-average window (samples). */
#define SAMPLE_STATS_WINDOW 8u

typedef struct {
    /* whole run */
    uint32_t received;  /* samples taken from the queue */
    uint32_t lost;      /* sequence numbers skipped (gaps) */
    uint32_t reordered; /* samples whose seq was not above the previous one */
    uint32_t corrupt;   /* values that differ from the known sequence */
    uint32_t next_seq;  /* seq expected next */
    /* current interval (reset by sample_stats_interval_reset) */
    uint32_t count;
    uint32_t min;   /* filtered */
    uint32_t max;   /* filtered */
    uint64_t sum;   /* filtered */
    uint32_t filtered; /* latest moving average */
    /* filter */
    mem_ring_t window;
    uint16_t window_slots[SAMPLE_STATS_WINDOW];
    uint32_t window_sum;
    bool check_values; /* compare with bsp_sample_synthetic */
} sample_stats_t;

/*
 * Empty statistics; check_values = true compares every value with
 * bsp_sample_synthetic(seq) (the emulated board's known sequence).
 * O(1). Failures: none (the ring init cannot fail on this fixed storage).
 */
void sample_stats_init(sample_stats_t *stats, bool check_values);

/*
 * Accounts one sample: sequence check (a gap adds to lost, a seq not above
 * the previous one to reordered), optional value check, then the filter
 * (mean of the last SAMPLE_STATS_WINDOW values; the ring overwrites the
 * oldest) and the interval min/max/sum of the filtered value. O(1).
 */
void sample_stats_add(sample_stats_t *stats, const adc_sample_t *sample);

/* Mean of the filtered values in the current interval (0 if empty). O(1). */
uint32_t sample_stats_interval_mean(const sample_stats_t *stats);

/* Starts a new interval (count, min, max, sum). O(1). */
void sample_stats_interval_reset(sample_stats_t *stats);

/* Window values the ring discarded so far (OVERWRITE_OLDEST counter). O(1). */
uint32_t sample_stats_window_overwritten(const sample_stats_t *stats);

#endif /* ADC_SAMPLER_SAMPLE_STATS_H */
