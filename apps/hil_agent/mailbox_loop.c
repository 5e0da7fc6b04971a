/* The mailbox and the doorbell loop (see mailbox_loop.h). */
#include "mailbox_loop.h"

#include <string.h>

#include "agent_mailbox.h"
#include "commands.h"
#include "mem/region.h"

MEM_DTCM_BSS hil_mailbox_t hil_mailbox;

void mailbox_loop_run(void)
{
    for (;;) {
        agent_heartbeat();
        if (hil_mailbox.doorbell != HIL_DOORBELL_RING) {
            continue;
        }
        agent_dmb();
        hil_mailbox.doorbell = 0u;
        const uint32_t seq = hil_mailbox.seq;
        const uint32_t command = hil_mailbox.command;
        uint32_t args[HIL_ARG_WORDS];
        for (uint32_t i = 0u; i < HIL_ARG_WORDS; ++i) {
            args[i] = hil_mailbox.args[i];
        }
        hil_mailbox.status = HIL_STATUS_BUSY;
        hil_mailbox.result_layout = HIL_LAYOUT_NONE;
        hil_mailbox.result_words = 0u;
        memset(&hil_mailbox.results, 0, sizeof hil_mailbox.results);
        agent_dmb();

        const agent_answer_t answer = commands_run(command, args, &hil_mailbox.results);

        hil_mailbox.result_layout = answer.layout;
        hil_mailbox.result_words = answer.words;
        hil_mailbox.status = answer.status;
        agent_dmb();
        hil_mailbox.ack_seq = seq; /* last: the answer is complete */
    }
}
