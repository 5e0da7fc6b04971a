/* peer_set.c — the heap set of the side-by-side firmware: tidemark's heaps
 * and the peers', replayed in this order. */
#include "peer_heaps.h"
#include "bench/heap/m7/tidemark_heaps.h"

const bench_heap_t *const bench_heaps[] = {
    &bench_heap_tlsf,   &bench_heap_llff, &bench_heap_o1heap,
    &bench_heap_tlsf_mc, &bench_heap_heap4, &bench_heap_umm,
};
const size_t bench_heap_count = sizeof bench_heaps / sizeof bench_heaps[0];
