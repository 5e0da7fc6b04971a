/* Vector table for the STM32F769: system exceptions + 110 external IRQs
 * (RM0410 Table 46, positions 0..109). */
#include "cortex_m7.h"
#include "stm32f769/irq.h"

void ADC_IRQHandler(void);
void TIM7_IRQHandler(void);

/* Every position starts as the default handler; the ones tidemark uses are
 * then named (designated initialisers override the range on purpose). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
__attribute__((section(".vectors"), used))
const cortex_m7_vector_t stm32f769_vectors[16 + STM32_IRQ_COUNT] = {
    CORTEX_M7_SYSTEM_VECTORS,
    [16 ... 16 + STM32_IRQ_COUNT - 1] = cortex_m7_default_handler,
    [16 + STM32_IRQ_ADC] = ADC_IRQHandler,
    [16 + STM32_IRQ_TIM7] = TIM7_IRQHandler,
};
#pragma GCC diagnostic pop
