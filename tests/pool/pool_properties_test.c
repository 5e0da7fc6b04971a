/* Host runner of the shared pool property tests (pool_properties.h): the C
 * reference implementation of alloc/free. tests/pool/m7 runs the same
 * checks on the emulated Cortex-M7 against the LDREX/STREX assembly. */
#include <stdio.h>

#include "tests/pool/pool_properties.h"

static void report(const char *name, int ok, uint32_t detail)
{
    if (!ok) {
        printf("check %s FAIL %u\n", name, (unsigned)detail);
    }
}

int main(void)
{
    uint32_t failures = pool_props_run(report);
    printf("pool properties: %u failed\n", (unsigned)failures);
    return failures == 0u ? 0 : 1;
}
