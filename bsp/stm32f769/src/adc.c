#include "stm32f769/adc.h"

#include "stm32f769/poll.h"

/* Powers the ADC up for one regular channel, trigger still off; returns the
 * microseconds to wait before the first conversion may start. */
static uint32_t power_up(stm32_adc_t *adc, stm32_adc_common_t *common, unsigned channel)
{
    uint32_t ccr = (common->ccr & ~STM32_ADC_CCR_ADCPRE_MASK) | STM32_ADC_CCR_ADCPRE_DIV4;
    uint32_t settle_us = STM32_ADC_STAB_US;
    if (channel >= 16u) {
        ccr |= STM32_ADC_CCR_TSVREFE;
        settle_us = STM32_ADC_TSVREFE_START_US;
    }
    common->ccr = ccr;
    adc->cr2 = 0u;
    adc->cr1 = STM32_ADC_CR1_EOCIE | STM32_ADC_CR1_OVRIE; /* 12-bit, no scan */
    if (channel >= 10u) {
        unsigned shift = 3u * (channel - 10u);
        adc->smpr1 = (adc->smpr1 & ~(7u << shift)) | (STM32_ADC_SMP_480 << shift);
    } else {
        unsigned shift = 3u * channel;
        adc->smpr2 = (adc->smpr2 & ~(7u << shift)) | (STM32_ADC_SMP_480 << shift);
    }
    adc->sqr1 = 0u; /* one conversion */
    adc->sqr3 = channel;
    adc->sr = 0u;
    adc->cr2 = STM32_ADC_CR2_EOCS | STM32_ADC_CR2_ADON;
    return settle_us;
}

bool stm32_adc_start_on_timer(stm32_adc_t *adc, stm32_adc_common_t *common, unsigned channel,
                              unsigned extsel, stm32_tim_t *tim, uint32_t timer_clk_hz,
                              uint32_t rate_hz, uint32_t core_hz)
{
    if (!stm32_tim_periodic_configure(tim, timer_clk_hz, rate_hz, STM32_TIM_TRGO_ON_UPDATE)) {
        return false;
    }
    uint32_t settle_us = power_up(adc, common, channel);
    stm32_delay_at_least_us(settle_us, core_hz);
    adc->cr2 = STM32_ADC_CR2_EXTEN_RISING | STM32_ADC_CR2_EXTSEL(extsel) | STM32_ADC_CR2_EOCS |
               STM32_ADC_CR2_ADON;
    stm32_tim_enable(tim);
    return true;
}

void stm32_adc_stop(stm32_adc_t *adc)
{
    adc->cr2 = 0u;
    adc->cr1 = 0u;
    adc->sr = 0u;
}
