/* Vector table for mps2-an500: system exceptions + 32 external IRQs
 * (CMSDK UARTs, timers, dual timer...; see the board notes). */
#include "cortex_m7.h"
#include "mps2_an500/irq.h"

void TIMER0_IRQHandler(void);
void TIMER1_IRQHandler(void);

/* Every position starts as the default handler; the ones tidemark uses are
 * then named (designated initialisers override the range on purpose). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
__attribute__((section(".vectors"), used))
const cortex_m7_vector_t mps2_an500_vectors[16 + MPS2_IRQ_COUNT] = {
    CORTEX_M7_SYSTEM_VECTORS,
    [16 ... 16 + MPS2_IRQ_COUNT - 1] = cortex_m7_default_handler,
    [16 + MPS2_IRQ_TIMER0] = TIMER0_IRQHandler,
    [16 + MPS2_IRQ_TIMER1] = TIMER1_IRQHandler,
};
#pragma GCC diagnostic pop
