/*
 * The operations the Cortex-M7 measurement firmware times, as out-of-line
 * functions with one call shape per kind. The typed SPSC API is static
 * inline; these wrappers are what a caller gets when the compiler keeps it
 * out of line, and their -Os bodies are what count_thumb_insns.sh counts.
 */
#ifndef BENCH_CONCURRENCY_M7_MEASURED_OPS_H
#define BENCH_CONCURRENCY_M7_MEASURED_OPS_H

#include <stdint.h>

#include "mem/spsc.h"

/* 512 words: the counters sit at offset 2048, inside the reach of a
 * load/store immediate offset (4095), as for any queue up to 4 KiB. */
#define BENCH_TYPED_CAPACITY 512u

MEM_SPSC_DEFINE_TYPED(bench_words, uint32_t, BENCH_TYPED_CAPACITY)
MEM_SPSC_DEFINE_TYPED_HW(bench_words_hw, uint32_t, BENCH_TYPED_CAPACITY)

/* typed queue without / with high-water mark (queue is a bench_words_t /
 * bench_words_hw_t) */
mem_status_t bench_typed_push(void *queue, uint32_t value);
mem_status_t bench_typed_pop(void *queue, uint32_t *value);
mem_status_t bench_typed_hw_push(void *queue, uint32_t value);
mem_status_t bench_typed_hw_pop(void *queue, uint32_t *value);

#endif
