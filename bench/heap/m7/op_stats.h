/*
 * op_stats.h — exact per-operation statistics for the replay firmware:
 * count, sum, maximum and any percentile of the values (tick counts)
 * added. Values below `cap` go to a histogram with one bin per value; the
 * rest are kept one by one in an overflow list, so percentiles are exact
 * unless the overflow list filled up (then op_stats_percentile says so).
 * Caller-provided storage; no allocation. Not reentrant.
 */
#ifndef BENCH_OP_STATS_H
#define BENCH_OP_STATS_H

#include <stdbool.h>
#include <stdint.h>

typedef struct op_stats {
    uint32_t n, max;
    uint64_t sum;
    uint32_t *bins;     /* bins[v] = how many values v (v < cap) */
    uint32_t cap;
    uint32_t *over;     /* the values >= cap, in arrival order */
    uint32_t over_cap;  /* room in over[] */
    uint32_t over_n;    /* values in over[] */
    uint32_t over_lost; /* values >= cap that did not fit in over[] */
} op_stats_t;

/* Empties `s` over bins[cap] (zeroed here) and over[over_cap]. O(cap). */
void op_stats_init(op_stats_t *s, uint32_t *bins, uint32_t cap,
                   uint32_t *over, uint32_t over_cap);

/* Adds one value. O(1). */
void op_stats_add(op_stats_t *s, uint32_t v);

/*
 * The nearest-rank percentile: the smallest added value v such that at
 * least ceil(n * permille / 1000) values are <= v (permille in 1..1000;
 * 990 = p99). Returns 0 when nothing was added. *exact (if not NULL) is
 * false when values were lost to a full overflow list and the answer lies
 * in the overflow range: the result is then the largest value kept, not
 * the percentile. Reorders over[] (partial selection). O(cap + over_n)
 * expected.
 */
uint32_t op_stats_percentile(op_stats_t *s, uint32_t permille, bool *exact);

#endif /* BENCH_OP_STATS_H */
