#include "cortex_m7/dwt.h"

void cm7_dwt_cycle_counter_enable(cm7_core_debug_t *debug, cm7_dwt_t *dwt)
{
    debug->demcr |= CM7_DEMCR_TRCENA;
    dwt->lar = CM7_DWT_LAR_KEY;
    dwt->cyccnt = 0u;
    dwt->ctrl |= CM7_DWT_CTRL_CYCCNTENA;
}
