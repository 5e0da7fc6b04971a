/* tidemark_heaps.h — tidemark's heaps in the replay's adapter shape. */
#ifndef BENCH_TIDEMARK_HEAPS_H
#define BENCH_TIDEMARK_HEAPS_H

#include "bench_heap.h"

extern const bench_heap_t bench_heap_tlsf;
extern const bench_heap_t bench_heap_llff;

#endif /* BENCH_TIDEMARK_HEAPS_H */
