/*
 * General-purpose and basic timers TIM2..TIM7 (RM0410 §27.4, §28.4):
 * the registers a periodic update event needs.
 */
#ifndef STM32F769_TIM_H
#define STM32F769_TIM_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    volatile uint32_t cr1;   /* 0x00 */
    volatile uint32_t cr2;   /* 0x04 */
    volatile uint32_t smcr;  /* 0x08 */
    volatile uint32_t dier;  /* 0x0C */
    volatile uint32_t sr;    /* 0x10 */
    volatile uint32_t egr;   /* 0x14 */
    volatile uint32_t ccmr1; /* 0x18 */
    volatile uint32_t ccmr2; /* 0x1C */
    volatile uint32_t ccer;  /* 0x20 */
    volatile uint32_t cnt;   /* 0x24 */
    volatile uint32_t psc;   /* 0x28 */
    volatile uint32_t arr;   /* 0x2C */
} stm32_tim_t;

#define STM32_TIM2 ((stm32_tim_t *)0x40000000u)
#define STM32_TIM7 ((stm32_tim_t *)0x40001400u)

#define STM32_TIM_CR1_CEN (1u << 0)
#define STM32_TIM_CR1_URS (1u << 2) /* only overflow raises UIF/TRGO irq */
#define STM32_TIM_CR2_MMS_UPDATE (2u << 4) /* TRGO = update event */
#define STM32_TIM_DIER_UIE (1u << 0)
#define STM32_TIM_SR_UIF (1u << 0)
#define STM32_TIM_EGR_UG (1u << 0)

/* stm32_tim_periodic_start flags */
#define STM32_TIM_TRGO_ON_UPDATE 0x1u
#define STM32_TIM_IRQ_ON_UPDATE 0x2u

/*
 * Prepares `tim` for an update event every timer_clk_hz / rate_hz clocks,
 * rounded (PSC chosen so ARR fits 16 bits, valid for 16- and 32-bit timers),
 * and leaves it stopped: the UG write that loads PSC happens here, while
 * the counter is off, so whatever listens to TRGO can be armed afterwards
 * without seeing that event. flags: STM32_TIM_TRGO_ON_UPDATE (TRGO pulses,
 * e.g. to trigger an ADC), STM32_TIM_IRQ_ON_UPDATE (update interrupt).
 * Start it with stm32_tim_enable(). O(1), thread context.
 * Failures: false (timer untouched) when rate_hz is 0 or above
 * timer_clk_hz / 2.
 */
bool stm32_tim_periodic_configure(stm32_tim_t *tim, uint32_t timer_clk_hz, uint32_t rate_hz,
                                  uint32_t flags);

/* Starts the counter of a configured timer (CEN). O(1), thread context,
 * no failures. */
void stm32_tim_enable(stm32_tim_t *tim);

/* stm32_tim_periodic_configure() then stm32_tim_enable(); same failures. */
bool stm32_tim_periodic_start(stm32_tim_t *tim, uint32_t timer_clk_hz, uint32_t rate_hz,
                              uint32_t flags);

/* Stops the counter and its interrupt, clears a pending update flag.
 * O(1), thread context, no failures. */
void stm32_tim_stop(stm32_tim_t *tim);

/*
 * For an update interrupt handler: true when UIF is set, after clearing it
 * (rc_w0: writing 1 to the other flags leaves them alone) and reading SR
 * back, so the clear has reached the peripheral before the handler returns
 * (on the Cortex-M7 a buffered write can land after exception return and
 * the interrupt is taken again). false, touching nothing, when UIF is clear:
 * the interrupt was for another reason or spurious. O(1), ISR.
 */
bool stm32_tim_take_update(stm32_tim_t *tim);

#endif /* STM32F769_TIM_H */
