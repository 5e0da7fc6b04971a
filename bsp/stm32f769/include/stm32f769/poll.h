/*
 * Waiting on a status bit, or for a time. On the target plain loops; in a
 * host build with STM32_HOST_POLL_HOOK defined (tests/bsp), every iteration
 * calls stm32_poll_hook(&reg) so the test's fake register block can answer
 * (set the ready bit the driver waits for) and record the order of events
 * (a delay passes its own loop counter).
 */
#ifndef STM32F769_POLL_H
#define STM32F769_POLL_H

#include <stdint.h>

#if defined(STM32_HOST_POLL_HOOK)
/* Supplied by the test: called with the register being polled. */
void stm32_poll_hook(volatile uint32_t *reg);
#define STM32_POLL_STEP(reg) stm32_poll_hook(&(reg))
#else
#define STM32_POLL_STEP(reg) ((void)0)
#endif

#define STM32_WAIT_UNTIL(cond, reg) \
    do {                            \
        while (!(cond)) {           \
            STM32_POLL_STEP(reg);   \
        }                           \
    } while (0)

/*
 * Busy-waits at least `us` microseconds on a core clocked at most `core_hz`.
 * One iteration (load, subtract, store and branch on a volatile counter)
 * takes at least one core cycle, so core_hz / 1 MHz iterations per
 * microsecond never wait less; at a slower clock it waits longer. For short
 * settling times before the cycle counter is running. O(us), any context.
 * us * (core_hz / 1 MHz) must fit 32 bits (at 216 MHz: us < 19.8 s).
 */
static inline void stm32_delay_at_least_us(uint32_t us, uint32_t core_hz)
{
    for (volatile uint32_t remaining = us * (core_hz / 1000000u); remaining != 0u;
         remaining = remaining - 1u) {
        STM32_POLL_STEP(remaining);
    }
}

#endif /* STM32F769_POLL_H */
