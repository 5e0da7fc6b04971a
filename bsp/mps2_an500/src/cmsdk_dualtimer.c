#include "mps2_an500/cmsdk_dualtimer.h"

void cmsdk_dualtimer_free_run(cmsdk_dualtimer_t *timer)
{
    timer->control = 0u;
    timer->load = 0xFFFFFFFFu;
    timer->intclr = 1u;
    timer->control = CMSDK_DUALTIMER_CTRL_ENABLE | CMSDK_DUALTIMER_CTRL_SIZE32;
}

uint32_t cmsdk_dualtimer_elapsed(const cmsdk_dualtimer_t *timer)
{
    return ~timer->value;
}
