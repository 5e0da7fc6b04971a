/*
 * Baseline and calibration functions for the Cortex-M7 timing loops
 * (main.c). Assembly (baselines.c), so each has an exact, known length.
 * Only the generic pool/SPSC types are used, so the same harness also
 * builds against older revisions of //mem (before_after.sh).
 */
#ifndef BENCH_CONCURRENCY_M7_BASELINES_H
#define BENCH_CONCURRENCY_M7_BASELINES_H

#include <stdint.h>

#include "mem/pool.h"
#include "mem/spsc.h"

/* Call shapes of the typed-queue operations (measured_ops.h). */
typedef mem_status_t (*bench_push_fn)(void *queue, uint32_t value);
typedef mem_status_t (*bench_pop_fn)(void *queue, uint32_t *value);

/* Each baseline has the call shape of the operation it stands in for and
 * does nothing. */
#define BENCH_NOP_INSNS 2u       /* movs r0, #0; bx lr */
#define BENCH_NOP_ALLOC_INSNS 1u /* bx lr (returns its argument) */
#define BENCH_CALIBRATE_INSNS 20u
mem_status_t bench_nop_push(void *queue, uint32_t value);
mem_status_t bench_nop_pop(void *queue, uint32_t *value);
mem_status_t bench_nop_generic_push(mem_spsc_t *queue, const void *element);
mem_status_t bench_nop_generic_pop(mem_spsc_t *queue, void *element);
void *bench_nop_alloc(mem_pool_t *pool);
mem_status_t bench_nop_free(mem_pool_t *pool, void *block);
mem_status_t bench_calibrate_20(void *queue, uint32_t value);

#endif
