/* peer_heaps.h — the peers' heaps in the replay's adapter shape
 * (bench/heap/m7/bench_heap.h), built from the peers' own sources in the
 * scratch repository @heap_peers (side_by_side.sh). */
#ifndef BENCH_PEER_HEAPS_H
#define BENCH_PEER_HEAPS_H

#include "bench/heap/m7/bench_heap.h"

extern const bench_heap_t bench_heap_o1heap;
extern const bench_heap_t bench_heap_tlsf_mc;
extern const bench_heap_t bench_heap_heap4;
extern const bench_heap_t bench_heap_umm;

#endif /* BENCH_PEER_HEAPS_H */
