/*
 * The agent's main loop (docs/hil-protocol.md, "Agent main loop"): busy-polls
 * the doorbell (no WFI: under QEMU -icount with sleep=off WFI loses timer
 * interrupts), runs one command per ring and publishes ack_seq last.
 */
#ifndef HIL_AGENT_MAILBOX_LOOP_H
#define HIL_AGENT_MAILBOX_LOOP_H

/* Never returns. Thread context, after agent_boot_publish(). */
void mailbox_loop_run(void) __attribute__((noreturn));

#endif /* HIL_AGENT_MAILBOX_LOOP_H */
