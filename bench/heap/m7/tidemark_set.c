/* tidemark_set.c — the heap set of the in-repository replay firmware:
 * tidemark's TLSF and llff. */
#include "tidemark_heaps.h"

const bench_heap_t *const bench_heaps[] = {&bench_heap_tlsf, &bench_heap_llff};
const size_t bench_heap_count = sizeof bench_heaps / sizeof bench_heaps[0];
