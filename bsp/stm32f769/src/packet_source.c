/*
 * The packet-arrival interrupt on the STM32F769: TIM7 update interrupt at
 * the requested rate (bsp/board.h).
 */
#include "bsp/board.h"
#include "cortex_m7/nvic.h"
#include "stm32f769/clock.h"
#include "stm32f769/irq.h"
#include "stm32f769/rcc.h"
#include "stm32f769/tim.h"

static bsp_packet_hook_t volatile g_hook;
static uint32_t g_seq;

void bsp_packet_stop(void)
{
    stm32_tim_stop(STM32_TIM7);
    cm7_nvic_disable(CM7_NVIC, STM32_IRQ_TIM7);
}

bool bsp_packet_start(uint32_t rate_hz, bsp_packet_hook_t hook)
{
    if (hook == NULL || rate_hz == 0u || rate_hz > BSP_PACKET_MAX_HZ) {
        return false;
    }
    STM32_RCC->apb1enr |= STM32_RCC_APB1ENR_TIM7EN;
    (void)STM32_RCC->apb1enr;
    bsp_packet_stop();
    g_hook = hook;
    g_seq = 0u;
    cm7_nvic_enable(CM7_NVIC, STM32_IRQ_TIM7, STM32_PRIO_PACKET);
    return stm32_tim_periodic_start(STM32_TIM7, STM32_TIMCLK1_HZ, rate_hz,
                                    STM32_TIM_IRQ_ON_UPDATE);
}

void TIM7_IRQHandler(void)
{
    if (stm32_tim_take_update(STM32_TIM7)) {
        g_hook(g_seq++);
    }
}
