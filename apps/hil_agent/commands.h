/*
 * The agent's commands: one handler per HIL_CMD_*, each in its own file
 * (cmd_*.c). A handler validates its arguments, runs, fills `results` (zeroed
 * by the caller) and returns the status, layout and word count for the
 * mailbox. Thread context only; handlers may run for seconds and bump the
 * heartbeat meanwhile.
 */
#ifndef HIL_AGENT_COMMANDS_H
#define HIL_AGENT_COMMANDS_H

#include <stdint.h>

#include "hil_mailbox.h"

typedef struct {
    uint32_t status; /* HIL_STATUS_* */
    uint32_t layout; /* HIL_LAYOUT_* (HIL_LAYOUT_NONE with no results) */
    uint32_t words;  /* valid words in results */
} agent_answer_t;

typedef agent_answer_t (*agent_command_t)(const uint32_t args[HIL_ARG_WORDS],
                                          hil_results_t *results);

/* An answer without results (BAD_ARGS, UNSUPPORTED, ...). */
static inline agent_answer_t agent_answer_status(uint32_t status)
{
    agent_answer_t a = {status, HIL_LAYOUT_NONE, 0u};
    return a;
}

/* One handler cmd_<name> per command in hil/protocol/commands.json. */
#define AGENT_DECLARE_HANDLER(id, handler) \
    agent_answer_t handler(const uint32_t args[HIL_ARG_WORDS], hil_results_t *results);
HIL_COMMAND_LIST(AGENT_DECLARE_HANDLER)
#undef AGENT_DECLARE_HANDLER

/* Bit n set: HIL_CMD n is built in (mailbox.capabilities). O(1). */
uint32_t commands_capabilities(void);

/* Runs command `id`: UNKNOWN_COMMAND for 0 and ids >= HIL_CMD_COUNT. */
agent_answer_t commands_run(uint32_t id, const uint32_t args[HIL_ARG_WORDS],
                            hil_results_t *results);

#endif /* HIL_AGENT_COMMANDS_H */
