/*
 * Waiting on a status bit. On the target a plain loop; in a host build with
 * STM32_HOST_POLL_HOOK defined (tests/bsp), every iteration calls
 * stm32_poll_hook(&reg) so the test's fake register block can answer (set
 * the ready bit the driver waits for) and record the order of events.
 */
#ifndef STM32F769_POLL_H
#define STM32F769_POLL_H

#include <stdint.h>

#if defined(STM32_HOST_POLL_HOOK)
/* Supplied by the test: called with the register being polled. */
void stm32_poll_hook(volatile uint32_t *reg);
#define STM32_WAIT_UNTIL(cond, reg) \
    do {                            \
        while (!(cond)) {           \
            stm32_poll_hook(&(reg)); \
        }                           \
    } while (0)
#else
#define STM32_WAIT_UNTIL(cond, reg) \
    do {                            \
        while (!(cond)) {           \
        }                           \
    } while (0)
#endif

#endif /* STM32F769_POLL_H */
