/*
 * Map scenarios for callgrind on a full map of 32 uint32_t -> uint32_t
 * entries: `map_bench <scenario>` prints "calls=<n>" for the measured
 * function.
 *
 *   get_hit      mem_map_get of every present key in turn (mean 16.5 compares)
 *   get_miss     mem_map_get of an absent key (32 compares)
 *   insert_rep   mem_map_insert replacing a present key's value
 *   remove_ins   mem_map_remove a present key, then insert it again (the
 *                new entry goes to the end); run.sh measures each function
 *   iter_next    mem_map_iter_next over the whole map (33 calls per pass,
 *                the last one returns false)
 */
#include <stdio.h>
#include <string.h>

#include "mem/map.h"

#define N 32u
#define ROUNDS 3000u

static volatile uint32_t g_sink;

int main(int argc, char **argv)
{
    const char *scenario = (argc > 1) ? argv[1] : "get_hit";
    static uint32_t keys[N], values[N];
    mem_map_t m;
    mem_map_init(&m, keys, sizeof keys[0], values, sizeof values[0], N);
    for (uint32_t k = 0; k < N; ++k) {
        uint32_t key = k * 2654435761u, v = k;
        mem_map_insert(&m, &key, &v);
    }
    unsigned long calls = 0;
    uint32_t out = 0;
    if (strcmp(scenario, "iter_next") == 0) {
        for (unsigned r = 0; r < ROUNDS; ++r) {
            mem_map_iter_t it;
            mem_map_iter_init(&it, &m);
            const void *kp;
            void *vp;
            while (++calls, mem_map_iter_next(&it, &kp, &vp)) {
                out += *(const uint32_t *)kp;
            }
        }
        g_sink = out;
        printf("scenario=%s calls=%lu\n", scenario, calls);
        return 0;
    }
    for (unsigned r = 0; r < ROUNDS; ++r) {
        for (uint32_t k = 0; k < N; ++k, ++calls) {
            uint32_t key = k * 2654435761u;
            if (strcmp(scenario, "get_hit") == 0) {
                mem_map_get(&m, &key, &out);
            } else if (strcmp(scenario, "get_miss") == 0) {
                key += 1u;
                mem_map_get(&m, &key, &out);
            } else if (strcmp(scenario, "insert_rep") == 0) {
                mem_map_insert(&m, &key, &r);
            } else if (strcmp(scenario, "remove_ins") == 0) {
                mem_map_remove(&m, &key, &out);
                mem_map_insert(&m, &key, &out);
            } else {
                fprintf(stderr, "unknown scenario %s\n", scenario);
                return 2;
            }
        }
    }
    g_sink = out;
    printf("scenario=%s calls=%lu\n", scenario, calls);
    return 0;
}
