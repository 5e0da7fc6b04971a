/*
 * Boot half of the mailbox handshake (docs/hil-protocol.md, "Handshake"):
 * identity, boot count, the previous run's fault record, then magic.
 */
#ifndef HIL_AGENT_AGENT_BOOT_H
#define HIL_AGENT_AGENT_BOOT_H

#include <stdint.h>

/* Firmware identifier published in mailbox.build_id (agent protocol v1,
 * revision 1). A constant, so builds stay reproducible. */
#define HIL_AGENT_BUILD_ID 0x7A610001u

/*
 * Fills version, build_id, capabilities, timestamp_hz, boot_count and
 * last_fault (from bsp_fault_take), then DMB and magic = HIL_MAILBOX_MAGIC.
 * Thread context, once, after bsp_init. O(1).
 */
void agent_boot_publish(void);

#endif /* HIL_AGENT_AGENT_BOOT_H */
