#include "apps/common/app_support.h"

#include "bsp/board.h"
#include "bsp/console.h"
#include "mem/stack.h"

uint32_t app_stack_used(void)
{
    mem_stack_usage_t usage;
    return MEM_STACK_MSP_MEASURE(&usage) == MEM_OK ? (uint32_t)usage.used : 0u;
}

void app_stall_ms(uint32_t ms)
{
    uint32_t start = bsp_cycles();
    uint32_t span = bsp_cycles_hz() / 1000u * ms;
    while (bsp_cycles() - start < span) {
    }
}

bool app_burst_over(uint32_t second, uint32_t burst_seconds)
{
    return burst_seconds != 0u && second >= burst_seconds;
}

int app_print_result(bool ok)
{
    bsp_print_field("stack", app_stack_used());
    bsp_print_field("stack_size", (uint32_t)((uintptr_t)_stack_top - (uintptr_t)_stack_bottom));
    bsp_print(ok ? " result=ok\n" : " result=FAIL\n");
    return ok ? 0 : 1;
}
