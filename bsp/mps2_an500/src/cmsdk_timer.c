#include "mps2_an500/cmsdk_timer.h"

bool cmsdk_timer_periodic_start(cmsdk_timer_t *timer, uint32_t pclk_hz, uint32_t rate_hz)
{
    if (rate_hz == 0u || rate_hz > pclk_hz / 2u) {
        return false;
    }
    uint32_t period = (pclk_hz + rate_hz / 2u) / rate_hz;
    timer->ctrl = 0u;
    timer->intstatus = CMSDK_TIMER_INT;
    timer->reload = period - 1u;
    timer->value = period - 1u;
    timer->ctrl = CMSDK_TIMER_CTRL_EN | CMSDK_TIMER_CTRL_IRQEN;
    return true;
}

void cmsdk_timer_stop(cmsdk_timer_t *timer)
{
    timer->ctrl = 0u;
    timer->intstatus = CMSDK_TIMER_INT;
}

void cmsdk_timer_ack(cmsdk_timer_t *timer)
{
    timer->intstatus = CMSDK_TIMER_INT;
}
