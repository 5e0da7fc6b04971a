/* Check lines for test firmware on the emulated board (target_check.h). */
#include "tests/support/target_check.h"

#include "bsp/board.h"
#include "bsp/console.h"

static uint32_t g_failures;

void target_check(const char *name, int ok, uint32_t detail)
{
    bsp_print("check ");
    bsp_print(name);
    bsp_print(ok ? " ok " : " FAIL ");
    bsp_print_u32(detail);
    bsp_print("\n");
    if (!ok) {
        ++g_failures;
    }
}

void target_check_finish(void)
{
    bsp_print("done ");
    bsp_print_u32(g_failures);
    bsp_print("\n");
    bsp_exit(g_failures == 0u ? 0 : 1);
}
