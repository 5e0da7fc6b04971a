/* Vector table for the STM32F769: system exceptions + 110 external IRQs
 * (RM0410 Table 46, positions 0..109). */
#include "cortex_m7.h"

#define STM32F769_IRQ_COUNT 110

__attribute__((section(".vectors"), used))
const cortex_m7_vector_t stm32f769_vectors[16 + STM32F769_IRQ_COUNT] = {
    CORTEX_M7_SYSTEM_VECTORS,
    [16 ... 16 + STM32F769_IRQ_COUNT - 1] = cortex_m7_default_handler,
};
