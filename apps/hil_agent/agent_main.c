/*
 * apps/hil_agent: the target side of the HIL rig (docs/hil-protocol.md).
 * Paints the main stack, brings the board up, publishes the mailbox and
 * then serves commands forever.
 */
#include "agent_boot.h"
#include "bsp/board.h"
#include "bsp/console.h"
#include "mailbox_loop.h"
#include "mem/stack.h"

int main(void)
{
    (void)MEM_STACK_MSP_PAINT(); /* first: stack_report measures from here */
    bsp_init();
    bsp_print("hil agent on ");
    bsp_print(bsp_board_name);
    bsp_print("\n");
    agent_boot_publish();
    mailbox_loop_run();
}
