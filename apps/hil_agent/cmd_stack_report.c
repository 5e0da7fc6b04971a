/*
 * HIL_CMD_STACK_REPORT: size and painted high-water mark of every stack
 * (layout HIL_LAYOUT_STACK_REPORT). The agent runs everything — main loop
 * and interrupt handlers — on the main stack (MSP), painted by main() at
 * boot with mem/stack.h; there is no process stack.
 */
#include "commands.h"
#include "mem/stack.h"

#define TAG_MSP 0x0050534Du /* "MSP" */

agent_answer_t cmd_stack_report(const uint32_t args[HIL_ARG_WORDS], hil_results_t *results)
{
    (void)args;
    mem_stack_usage_t usage;
    if (MEM_STACK_MSP_MEASURE(&usage) != MEM_OK) {
        return agent_answer_status(HIL_STATUS_FAILED);
    }
    hil_stack_report_result_t *r = &results->stack_report;
    r->count = 1u;
    r->stacks[0].tag = TAG_MSP;
    r->stacks[0].size = (uint32_t)usage.size;
    r->stacks[0].high_water = (uint32_t)usage.used;
    agent_answer_t a = {HIL_STATUS_OK, HIL_LAYOUT_STACK_REPORT, 1u + 3u * r->count};
    return a;
}
