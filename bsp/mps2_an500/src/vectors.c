/* Vector table for mps2-an500: system exceptions + 32 external IRQs
 * (CMSDK UARTs, timers, dual timer...; see the board notes). */
#include "cortex_m7.h"

#define MPS2_IRQ_COUNT 32

__attribute__((section(".vectors"), used))
const cortex_m7_vector_t mps2_an500_vectors[16 + MPS2_IRQ_COUNT] = {
    CORTEX_M7_SYSTEM_VECTORS,
    [16 ... 16 + MPS2_IRQ_COUNT - 1] = cortex_m7_default_handler,
};
