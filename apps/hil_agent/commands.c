/* Command table: HIL_CMD_* -> handler cmd_<name> (see commands.h). */
#include "commands.h"

#include <stddef.h>

/* Built from HIL_COMMAND_LIST (generated from commands.json): a command
 * without its cmd_<name> handler fails the firmware's link. */
#define AGENT_TABLE_ENTRY(id, handler) [id] = handler,
static const agent_command_t g_commands[HIL_CMD_COUNT] = {
    HIL_COMMAND_LIST(AGENT_TABLE_ENTRY)
};
#undef AGENT_TABLE_ENTRY

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
