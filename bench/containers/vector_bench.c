/*
 * Vector scenarios for callgrind: `vector_bench <scenario>` repeats one
 * operation and prints "calls=<n>" (the number of calls to the measured
 * public function). run.sh runs it with --toggle-collect on that function.
 *
 *   push        fill a 64 x uint32_t vector, then empty it with clear
 *   pop         pop from a full vector until empty
 *   insert0     insert at index 0 at every length 0..63 (mean shift 31.5)
 *   remove0     remove index 0 at every length 64..1 (mean shift 31.5)
 *   at          element pointer at a varying in-range index
 */
#include <stdio.h>
#include <string.h>

#include "mem/vector.h"

MEM_VEC_DEFINE(bench_vec, uint32_t, 64, uint8_t);

#define ROUNDS 2000u

static volatile uint32_t g_sink;

int main(int argc, char **argv)
{
    const char *scenario = (argc > 1) ? argv[1] : "push";
    static bench_vec_t v;
    unsigned long calls = 0;
    uint32_t x = 1;
    for (unsigned r = 0; r < ROUNDS; ++r) {
        bench_vec_clear(&v);
        if (strcmp(scenario, "push") == 0) {
            for (unsigned i = 0; i < 64; ++i, ++calls) {
                bench_vec_push(&v, &x);
            }
        } else if (strcmp(scenario, "pop") == 0) {
            v.len = 64;
            for (unsigned i = 0; i < 64; ++i, ++calls) {
                bench_vec_pop(&v, &x);
            }
        } else if (strcmp(scenario, "insert0") == 0) {
            for (unsigned i = 0; i < 64; ++i, ++calls) {
                bench_vec_insert(&v, 0, &x);
            }
        } else if (strcmp(scenario, "remove0") == 0) {
            v.len = 64;
            for (unsigned i = 0; i < 64; ++i, ++calls) {
                bench_vec_remove(&v, 0, &x);
            }
        } else if (strcmp(scenario, "at") == 0) {
            v.len = 64;
            for (unsigned i = 0; i < 64; ++i, ++calls) {
                g_sink = *bench_vec_at(&v, (i * 7u) & 63u);
            }
        } else {
            fprintf(stderr, "unknown scenario %s\n", scenario);
            return 2;
        }
    }
    g_sink = x;
    printf("scenario=%s calls=%lu\n", scenario, calls);
    return 0;
}
