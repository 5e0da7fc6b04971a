/*
 * The sample source on mps2-an500: CMSDK timer0 (IRQ 8) at the requested
 * rate; each interrupt delivers the next synthetic sample
 * bsp_sample_synthetic(seq) (bsp/board.h), a known sequence a host can check.
 */
#include "bsp/board.h"
#include "cortex_m7/nvic.h"
#include "mps2_an500/cmsdk_timer.h"
#include "mps2_an500/irq.h"

static bsp_sample_hook_t volatile g_hook;
static uint32_t g_seq;

void bsp_sample_stop(void)
{
    cmsdk_timer_stop(CMSDK_TIMER0);
    cm7_nvic_disable(CM7_NVIC, MPS2_IRQ_TIMER0);
}

bool bsp_sample_start(uint32_t rate_hz, bsp_sample_hook_t hook)
{
    if (hook == NULL || rate_hz == 0u || rate_hz > BSP_SAMPLE_MAX_HZ) {
        return false;
    }
    bsp_sample_stop();
    g_hook = hook;
    g_seq = 0u;
    cm7_nvic_enable(CM7_NVIC, MPS2_IRQ_TIMER0, MPS2_PRIO_SAMPLE);
    return cmsdk_timer_periodic_start(CMSDK_TIMER0, MPS2_PCLK_HZ, rate_hz);
}

void TIMER0_IRQHandler(void)
{
    cmsdk_timer_ack(CMSDK_TIMER0);
    uint32_t seq = g_seq++;
    g_hook(seq, bsp_sample_synthetic(seq));
}
