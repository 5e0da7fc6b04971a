/*
 * Stack painting scenarios for callgrind: `stack_bench <scenario>` prints
 * "calls=<n>" and the bytes involved per call.
 *
 *   paint        mem_stack_paint of a 4 KiB region (1024 words)
 *   measure      mem_stack_measure of a 4 KiB region with 1 KiB used:
 *                3 KiB (768 words) still painted are scanned
 *   measure_full mem_stack_measure of a region whose lowest word is used:
 *                the scan stops at once (cost independent of size)
 */
#include <stdio.h>
#include <string.h>

#include "mem/stack.h"

#define WORDS 1024u
#define CALLS 2000ul

int main(int argc, char **argv)
{
    const char *scenario = (argc > 1) ? argv[1] : "paint";
    static uint32_t region[WORDS];
    mem_stack_paint(region, region + WORDS);
    region[WORDS - 256] = 0; /* 1 KiB used from the top */
    mem_stack_usage_t u = {0, 0, 0};
    unsigned long calls = 0;
    for (unsigned long i = 0; i < CALLS; ++i, ++calls) {
        if (strcmp(scenario, "paint") == 0) {
            mem_stack_paint(region, region + WORDS);
        } else if (strcmp(scenario, "measure") == 0) {
            mem_stack_measure(region, region + WORDS, &u);
        } else if (strcmp(scenario, "measure_full") == 0) {
            region[0] = 0;
            mem_stack_measure(region, region + WORDS, &u);
        } else {
            fprintf(stderr, "unknown scenario %s\n", scenario);
            return 2;
        }
    }
    printf("scenario=%s calls=%lu size=%zu used=%zu free=%zu\n", scenario, calls, u.size,
           u.used, u.free);
    return 0;
}
