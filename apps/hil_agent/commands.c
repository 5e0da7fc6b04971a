/* Command table: HIL_CMD_* -> handler (see commands.h). */
#include "commands.h"

#include <stddef.h>

static const agent_command_t g_commands[HIL_CMD_COUNT] = {
    [HIL_CMD_PING] = cmd_ping,
    [HIL_CMD_ADC_BURST] = cmd_adc_burst,
    [HIL_CMD_PACKET_BURST] = cmd_packet_burst,
    [HIL_CMD_STACK_REPORT] = cmd_stack_report,
    [HIL_CMD_HEAP_STRESS] = cmd_heap_stress,
    [HIL_CMD_BENCH] = cmd_bench,
    [HIL_CMD_FAULT] = cmd_fault,
};

uint32_t commands_capabilities(void)
{
    uint32_t bits = 0u;
    for (uint32_t id = 1u; id < HIL_CMD_COUNT; ++id) {
        if (g_commands[id] != NULL) {
            bits |= 1u << id;
        }
    }
    return bits;
}

agent_answer_t commands_run(uint32_t id, const uint32_t args[HIL_ARG_WORDS],
                            hil_results_t *results)
{
    if (id == HIL_CMD_NONE || id >= HIL_CMD_COUNT) {
        return agent_answer_status(HIL_STATUS_UNKNOWN_COMMAND);
    }
    if (g_commands[id] == NULL) {
        return agent_answer_status(HIL_STATUS_UNSUPPORTED);
    }
    return g_commands[id](args, results);
}
