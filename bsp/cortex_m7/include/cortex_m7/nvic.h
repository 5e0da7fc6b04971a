/*
 * NVIC interrupt enable and priority (Armv7-M ARM B3.4.3).
 */
#ifndef CORTEX_M7_NVIC_H
#define CORTEX_M7_NVIC_H

#include "cortex_m7/regs.h"

/* Priority bits implemented by the STM32F7 (RM0410 §10.1: 16 levels); the
 * value is kept in the top bits of each IPR byte, so it orders the same way
 * on cores with more bits (QEMU). 0 is the most urgent. */
#define CM7_NVIC_PRIO_BITS 4u

/*
 * Sets the priority of external interrupt `irq` (0 .. 15 after shifting),
 * clears a stale pending state and enables it. O(1), thread context.
 * No failures (irq must exist on the device).
 */
void cm7_nvic_enable(cm7_nvic_t *nvic, unsigned irq, unsigned priority);

/*
 * Disables `irq` and clears its pending bit; after it returns the handler
 * does not start again (DSB + ISB, B3.4.1). O(1), thread context.
 */
void cm7_nvic_disable(cm7_nvic_t *nvic, unsigned irq);

#endif /* CORTEX_M7_NVIC_H */
