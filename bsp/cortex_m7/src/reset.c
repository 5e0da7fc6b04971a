/* bsp_reset for every Cortex-M7 board. Target only. */
#include "bsp/board.h"
#include "cortex_m7/barrier.h"
#include "cortex_m7/regs.h"

void bsp_reset(void)
{
    cm7_scb_t *scb = CM7_SCB;
    CM7_DSB(); /* complete outstanding writes (e.g. the fault record) */
    /* Armv7-M ARM B3.2.6: VECTKEY, keep PRIGROUP, set SYSRESETREQ. */
    scb->aircr = CM7_AIRCR_VECTKEY | (scb->aircr & CM7_AIRCR_PRIGROUP_MASK) |
                 CM7_AIRCR_SYSRESETREQ;
    CM7_DSB();
    for (;;) {
        /* the reset takes a few cycles to arrive */
    }
}
