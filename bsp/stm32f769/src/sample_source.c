/*
 * The sample source on the STM32F769: TIM2 TRGO triggers ADC1 regular
 * conversions of VREFINT; the end-of-conversion ISR numbers each sample and
 * calls the app's hook (bsp/board.h).
 */
#include "bsp/board.h"
#include "cortex_m7/nvic.h"
#include "stm32f769/adc.h"
#include "stm32f769/clock.h"
#include "stm32f769/irq.h"
#include "stm32f769/rcc.h"
#include "stm32f769/tim.h"

static bsp_sample_hook_t volatile g_hook;
static uint32_t g_seq; /* ISR-owned while running */

void bsp_sample_stop(void)
{
    stm32_tim_stop(STM32_TIM2);
    cm7_nvic_disable(CM7_NVIC, STM32_IRQ_ADC);
    stm32_adc_stop(STM32_ADC1);
}

bool bsp_sample_start(uint32_t rate_hz, bsp_sample_hook_t hook)
{
    if (hook == NULL || rate_hz == 0u || rate_hz > BSP_SAMPLE_MAX_HZ) {
        return false;
    }
    stm32_rcc_t *rcc = STM32_RCC;
    rcc->apb1enr |= STM32_RCC_APB1ENR_TIM2EN;
    rcc->apb2enr |= STM32_RCC_APB2ENR_ADC1EN;
    (void)rcc->apb2enr; /* clocks running before the first access */
    bsp_sample_stop();
    g_hook = hook;
    g_seq = 0u;
    cm7_nvic_enable(CM7_NVIC, STM32_IRQ_ADC, STM32_PRIO_SAMPLE);
    if (!stm32_adc_start_on_timer(STM32_ADC1, STM32_ADC_COMMON, STM32_ADC_CHANNEL_VREFINT,
                                  STM32_ADC_EXTSEL_TIM2_TRGO, STM32_TIM2, STM32_TIMCLK1_HZ,
                                  rate_hz, STM32_SYSCLK_HZ)) {
        bsp_sample_stop();
        return false;
    }
    return true;
}

void ADC_IRQHandler(void)
{
    stm32_adc_t *adc = STM32_ADC1;
    uint32_t sr = adc->sr;
    if (sr & STM32_ADC_SR_OVR) {
        /* A conversion finished before the last one was read: it is lost.
         * Count it in the sequence so the consumer sees the gap; clearing
         * OVR lets the next trigger start a conversion again. */
        adc->sr = ~STM32_ADC_SR_OVR;
        ++g_seq;
    }
    if (sr & STM32_ADC_SR_EOC) {
        uint16_t value = (uint16_t)(adc->dr & 0xFFFu); /* reading DR clears EOC */
        g_hook(g_seq++, value);
    }
}
