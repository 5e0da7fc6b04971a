/*
 * The packet-arrival interrupt on mps2-an500: CMSDK timer1 (IRQ 9).
 */
#include "bsp/board.h"
#include "cortex_m7/nvic.h"
#include "mps2_an500/cmsdk_timer.h"
#include "mps2_an500/irq.h"

static bsp_packet_hook_t volatile g_hook;
static uint32_t g_seq;

void bsp_packet_stop(void)
{
    cmsdk_timer_stop(CMSDK_TIMER1);
    cm7_nvic_disable(CM7_NVIC, MPS2_IRQ_TIMER1);
}

bool bsp_packet_start(uint32_t rate_hz, bsp_packet_hook_t hook)
{
    if (hook == NULL || rate_hz == 0u || rate_hz > BSP_PACKET_MAX_HZ) {
        return false;
    }
    bsp_packet_stop();
    g_hook = hook;
    g_seq = 0u;
    cm7_nvic_enable(CM7_NVIC, MPS2_IRQ_TIMER1, MPS2_PRIO_PACKET);
    return cmsdk_timer_periodic_start(CMSDK_TIMER1, MPS2_PCLK_HZ, rate_hz);
}

void TIMER1_IRQHandler(void)
{
    cmsdk_timer_ack(CMSDK_TIMER1);
    g_hook(g_seq++);
}
