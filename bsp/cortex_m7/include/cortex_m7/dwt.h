/*
 * DWT cycle counter (Armv7-M ARM C1.8.8 CYCCNT; C1.6.5 DEMCR.TRCENA).
 */
#ifndef CORTEX_M7_DWT_H
#define CORTEX_M7_DWT_H

#include "cortex_m7/regs.h"

/*
 * Powers the DWT (DEMCR.TRCENA), unlocks its registers through the
 * CoreSight lock access register (the Cortex-M7 implements LAR; writes are
 * ignored until it is unlocked), zeroes CYCCNT and sets CTRL.CYCCNTENA.
 * Cost: O(1). Context: thread. No failures (on a core without DWT, such as
 * QEMU's, the counter just reads 0).
 */
void cm7_dwt_cycle_counter_enable(cm7_core_debug_t *debug, cm7_dwt_t *dwt);

#endif /* CORTEX_M7_DWT_H */
