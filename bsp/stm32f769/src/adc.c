#include "stm32f769/adc.h"

void stm32_adc_start_triggered(stm32_adc_t *adc, stm32_adc_common_t *common, unsigned channel,
                               unsigned extsel)
{
    uint32_t ccr = (common->ccr & ~STM32_ADC_CCR_ADCPRE_MASK) | STM32_ADC_CCR_ADCPRE_DIV4;
    if (channel >= 16u) {
        ccr |= STM32_ADC_CCR_TSVREFE;
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
    adc->cr2 = STM32_ADC_CR2_EXTEN_RISING | STM32_ADC_CR2_EXTSEL(extsel) | STM32_ADC_CR2_EOCS |
               STM32_ADC_CR2_ADON;
}

void stm32_adc_stop(stm32_adc_t *adc)
{
    adc->cr2 = 0u;
    adc->cr1 = 0u;
    adc->sr = 0u;
}
