/*
 * Cortex-M7 L1 caches (Cortex-M7 TRM §4.8 / Armv7-M ARM B2.2.7): enable
 * after invalidating. Writes through block pointers for host tests.
 */
#ifndef CORTEX_M7_CACHE_H
#define CORTEX_M7_CACHE_H

#include "cortex_m7/regs.h"

/*
 * Invalidates the whole I-cache (ICIALLU) and sets CCR.IC.
 * Cost: O(1) plus the invalidation. Context: reset/thread. No failures.
 * Already enabled: returns without touching anything.
 */
void cm7_icache_enable(cm7_scb_t *scb, cm7_cache_ops_t *ops);

/*
 * Selects the L1 D-cache (CSSELR = 0), invalidates every line by set/way
 * (DCISW, sets x ways from CCSIDR: 4 ways x 128 sets on a 16 KiB M7 cache)
 * and sets CCR.DC. Must run before any cacheable data is written with the
 * cache on. Cost: O(sets x ways) register writes (512). Context: reset/thread.
 * No failures. Already enabled: returns without touching anything.
 */
void cm7_dcache_enable(cm7_scb_t *scb, cm7_cache_ops_t *ops);

#endif /* CORTEX_M7_CACHE_H */
