/*
 * HIL_CMD_PING: echoes the 8 argument words (layout HIL_LAYOUT_PING).
 *
 * Test build only (HIL_AGENT_BROKEN_PING=1, target hil_agent_broken_*): a
 * deliberately broken agent whose ping takes the doorbell and then hangs
 * with interrupts off and the heartbeat frozen, so the rig's own tests can
 * prove a stuck agent becomes a timeout, not a hung run.
 */
#include "commands.h"

#ifndef HIL_AGENT_BROKEN_PING
#define HIL_AGENT_BROKEN_PING 0
#endif

agent_answer_t cmd_ping(const uint32_t args[HIL_ARG_WORDS], hil_results_t *results)
{
#if HIL_AGENT_BROKEN_PING
    __asm__ volatile("cpsid i" ::: "memory");
    for (;;) {
        __asm__ volatile("" ::: "memory");
    }
#endif
    for (uint32_t i = 0u; i < HIL_ARG_WORDS; ++i) {
        results->ping.echo[i] = args[i];
    }
    agent_answer_t a = {HIL_STATUS_OK, HIL_LAYOUT_PING, HIL_ARG_WORDS};
    return a;
}
