/*
 * arena_scan.h — the smallest arena factor found by scanning: factors
 * first/denom, (first+1)/denom, ... last/denom are tried in increasing
 * order and the first whose replay is clean is the answer. A scan, not a
 * bisection: whether a heap fits a trace is not monotonic in arena size.
 */
#ifndef BENCH_ARENA_SCAN_H
#define BENCH_ARENA_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Replays the trace over an arena of `bytes`; true when no allocation
 * failed (and every check passed). */
typedef bool (*arena_scan_try_t)(size_t bytes, void *context);

/* Arena bytes for factor step/denom of `peak` bytes: ceil(peak * step /
 * denom) rounded up to a multiple of 8. O(1). */
size_t arena_scan_bytes(size_t peak, uint32_t step, uint32_t denom);

/* The first step in [first, last] whose arena (arena_scan_bytes) is clean,
 * skipping steps whose arena exceeds `max_bytes`; 0 when none is. Calls
 * `try` once per step tried, in increasing order. O(last - first) tries. */
uint32_t arena_scan(size_t peak, uint32_t first, uint32_t last,
                    uint32_t denom, size_t max_bytes, arena_scan_try_t try_fn,
                    void *context);

#endif /* BENCH_ARENA_SCAN_H */
