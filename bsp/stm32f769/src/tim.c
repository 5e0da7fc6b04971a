#include "stm32f769/tim.h"

bool stm32_tim_periodic_configure(stm32_tim_t *tim, uint32_t timer_clk_hz, uint32_t rate_hz,
                                  uint32_t flags)
{
    if (rate_hz == 0u || rate_hz > timer_clk_hz / 2u) {
        return false;
    }
    uint32_t period = (timer_clk_hz + rate_hz / 2u) / rate_hz; /* clocks per event */
    uint32_t psc = (period - 1u) / 65536u;                       /* ARR <= 0xFFFF */
    uint32_t arr = (period + psc / 2u) / (psc + 1u) - 1u;
    tim->cr1 = STM32_TIM_CR1_URS;
    tim->dier = 0u;
    tim->psc = psc;
    tim->arr = arr;
    tim->cnt = 0u;
    tim->egr = STM32_TIM_EGR_UG; /* load PSC now; with URS no UIF */
    tim->sr = 0u;
    tim->cr2 = (flags & STM32_TIM_TRGO_ON_UPDATE) ? STM32_TIM_CR2_MMS_UPDATE : 0u;
    tim->dier = (flags & STM32_TIM_IRQ_ON_UPDATE) ? STM32_TIM_DIER_UIE : 0u;
    return true;
}

void stm32_tim_enable(stm32_tim_t *tim)
{
    tim->cr1 = STM32_TIM_CR1_URS | STM32_TIM_CR1_CEN;
}

bool stm32_tim_periodic_start(stm32_tim_t *tim, uint32_t timer_clk_hz, uint32_t rate_hz,
                              uint32_t flags)
{
    if (!stm32_tim_periodic_configure(tim, timer_clk_hz, rate_hz, flags)) {
        return false;
    }
    stm32_tim_enable(tim);
    return true;
}

void stm32_tim_stop(stm32_tim_t *tim)
{
    tim->cr1 = 0u;
    tim->dier = 0u;
    tim->sr = 0u;
}

bool stm32_tim_take_update(stm32_tim_t *tim)
{
    if ((tim->sr & STM32_TIM_SR_UIF) == 0u) {
        return false;
    }
    tim->sr = ~STM32_TIM_SR_UIF;
    (void)tim->sr;
    return true;
}
