/*
 * The HIL agent's mailbox (docs/hil-protocol.md): the one global the host
 * finds by its ELF symbol, and the heartbeat long commands bump so the host
 * can tell a busy agent from a stuck one.
 */
#ifndef HIL_AGENT_AGENT_MAILBOX_H
#define HIL_AGENT_AGENT_MAILBOX_H

#include "hil_mailbox.h"

/* Defined in mailbox_loop.c, in DTCM (never cached on the STM32F769). */
extern hil_mailbox_t hil_mailbox;

/* Data memory barrier: orders the agent's mailbox stores for the debugger. */
static inline void agent_dmb(void)
{
    __asm__ volatile("dmb" ::: "memory");
}

/* Marks progress during a long command. O(1), thread context. */
static inline void agent_heartbeat(void)
{
    hil_mailbox.heartbeat = hil_mailbox.heartbeat + 1u;
}

#endif /* HIL_AGENT_AGENT_MAILBOX_H */
