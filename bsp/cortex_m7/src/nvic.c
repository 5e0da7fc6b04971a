#include "cortex_m7/nvic.h"

#include "cortex_m7/barrier.h"

void cm7_nvic_enable(cm7_nvic_t *nvic, unsigned irq, unsigned priority)
{
    nvic->ipr[irq] = (uint8_t)(priority << (8u - CM7_NVIC_PRIO_BITS));
    nvic->icpr[irq / 32u] = 1u << (irq % 32u);
    nvic->iser[irq / 32u] = 1u << (irq % 32u);
}

void cm7_nvic_disable(cm7_nvic_t *nvic, unsigned irq)
{
    nvic->icer[irq / 32u] = 1u << (irq % 32u);
    CM7_DSB();
    CM7_ISB();
    nvic->icpr[irq / 32u] = 1u << (irq % 32u);
}
