/* arena_scan.c — see arena_scan.h. */
#include "arena_scan.h"

size_t arena_scan_bytes(size_t peak, uint32_t step, uint32_t denom)
{
    uint64_t bytes = ((uint64_t)peak * step + denom - 1u) / denom;
    return (size_t)((bytes + 7u) & ~(uint64_t)7u);
}

uint32_t arena_scan(size_t peak, uint32_t first, uint32_t last,
                    uint32_t denom, size_t max_bytes, arena_scan_try_t try_fn,
                    void *context)
{
    for (uint32_t step = first; step <= last; step++) {
        size_t bytes = arena_scan_bytes(peak, step, denom);
        if (bytes > max_bytes) {
            break; /* bytes only grow with step */
        }
        if (try_fn(bytes, context)) {
            return step;
        }
    }
    return 0;
}
