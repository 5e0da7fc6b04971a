/*
 * Property tests of mem/pool.h in plain C11, with no test framework, so the
 * same checks run on the host (pool_properties_test: the C reference
 * implementation, mem/src/pool_cas.c) and on the emulated Cortex-M7
 * (tests/pool/m7: the LDREX/STREX assembly, mem/src/arch/armv7m/pool.S).
 */
#ifndef TESTS_POOL_POOL_PROPERTIES_H
#define TESTS_POOL_POOL_PROPERTIES_H

#include <stdint.h>

/* One result line: `name` passed (ok != 0) or failed; `detail` is a number
 * worth printing either way (a count, a bit set, an index). */
typedef void (*pool_props_report_fn)(const char *name, int ok, uint32_t detail);

/*
 * For several geometries (block sizes that are and are not powers of two,
 * 1 .. 255 blocks): alloc until empty gives distinct, aligned, in-range
 * blocks and then NULL; NULL, foreign (before / after the storage) and
 * misaligned pointers and double frees are rejected with the documented
 * status, reported through the failure hook with the pointer, and leave the
 * pool intact (same stats, every block still comes back once); stats
 * (in_use, low_water_free, failed_allocs) are exact; stats reset; LIFO
 * reuse. Installs its own failure hook. Returns the number of failed checks.
 */
uint32_t pool_props_run(pool_props_report_fn report);

/* Failure-hook calls seen since the last pool_props_hook_reset (the hook is
 * installed by pool_props_run and by pool_props_hook_reset). */
uint32_t pool_props_hook_calls(void);
void pool_props_hook_reset(void);

#endif
