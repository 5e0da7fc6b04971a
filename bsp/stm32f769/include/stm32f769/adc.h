/*
 * ADC1 regular conversions started by an external (timer) trigger
 * (RM0410 §15: registers §15.13, external triggers in the ADC_CR2
 * EXTSEL description).
 */
#ifndef STM32F769_ADC_H
#define STM32F769_ADC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stm32f769/tim.h"

typedef struct {
    volatile uint32_t sr;       /* 0x00 */
    volatile uint32_t cr1;      /* 0x04 */
    volatile uint32_t cr2;      /* 0x08 */
    volatile uint32_t smpr1;    /* 0x0C channels 10..18 */
    volatile uint32_t smpr2;    /* 0x10 channels 0..9 */
    volatile uint32_t jofr[4];  /* 0x14 */
    volatile uint32_t htr;      /* 0x24 */
    volatile uint32_t ltr;      /* 0x28 */
    volatile uint32_t sqr1;     /* 0x2C L[23:20] = conversions - 1 */
    volatile uint32_t sqr2;     /* 0x30 */
    volatile uint32_t sqr3;     /* 0x34 SQ1[4:0] = first channel */
    volatile uint32_t jsqr;     /* 0x38 */
    volatile uint32_t jdr[4];   /* 0x3C */
    volatile uint32_t dr;       /* 0x4C */
} stm32_adc_t;
_Static_assert(offsetof(stm32_adc_t, dr) == 0x4C, "ADC layout");

/* Registers common to ADC1..3, at ADC1 + 0x300 (§15.13.16). */
typedef struct {
    volatile uint32_t csr; /* 0x00 */
    volatile uint32_t ccr; /* 0x04 */
    volatile uint32_t cdr; /* 0x08 */
} stm32_adc_common_t;

#define STM32_ADC1 ((stm32_adc_t *)0x40012000u)
#define STM32_ADC_COMMON ((stm32_adc_common_t *)0x40012300u)

#define STM32_ADC_SR_EOC (1u << 1)
#define STM32_ADC_SR_OVR (1u << 5)
#define STM32_ADC_CR1_EOCIE (1u << 5)
#define STM32_ADC_CR1_OVRIE (1u << 26)
#define STM32_ADC_CR2_ADON (1u << 0)
#define STM32_ADC_CR2_EOCS (1u << 10) /* EOC after each conversion */
#define STM32_ADC_CR2_EXTSEL(x) ((uint32_t)(x) << 24)
#define STM32_ADC_CR2_EXTEN_RISING (1u << 28)
#define STM32_ADC_CCR_ADCPRE_MASK (3u << 16)
#define STM32_ADC_CCR_ADCPRE_DIV4 (1u << 16) /* 108 / 4 = 27 MHz <= 36 */
#define STM32_ADC_CCR_TSVREFE (1u << 23)     /* VREFINT + temp sensor on */

/* EXTSEL code of TIM2_TRGO for regular channels (ADC_CR2.EXTSEL = 0b1011
 * on the F7; it is 0b0110 on the F4 — a porting trap). */
#define STM32_ADC_EXTSEL_TIM2_TRGO 0xBu

/* Internal reference channel (RM0410 §15: VREFINT on ADC1_IN17). */
#define STM32_ADC_CHANNEL_VREFINT 17u

/* Sampling time code 0b111 = 480 ADC cycles (VREFINT needs >= 10 us). */
#define STM32_ADC_SMP_480 7u

/* ADC power-up stabilisation (tSTAB, datasheet DS11532: 3 us max) and the
 * VREFINT / temperature sensor start-up after TSVREFE (tSTART: 10 us max). */
#define STM32_ADC_STAB_US 3u
#define STM32_ADC_TSVREFE_START_US 10u

/*
 * Samples one regular channel at every update of `tim`: 12-bit, right
 * aligned, end-of-conversion (and overrun) interrupt on, ADCCLK = PCLK2 / 4;
 * channels 16..18 also set TSVREFE. A conversion at 480 sampling cycles
 * takes 492 / 27 MHz = 18.2 us: rate_hz must stay below ~54 kHz.
 *
 * The order is what keeps the first sample honest: the timer is configured
 * (PSC loaded by a UG event, which also pulses TRGO) while the ADC is not
 * yet listening; then ADON; then a wait of at least 3 us, 10 us with TSVREFE
 * (busy loop, `core_hz` = the CPU clock now); then the trigger edge (EXTEN,
 * EXTSEL = `extsel`, the code of tim's TRGO); and only then the timer's CEN.
 * So no conversion starts from the set-up, and none before the ADC and
 * reference are stable. Enable the ADC interrupt in the NVIC first.
 * O(1) (about 10 us), thread context.
 * Failures: false when `tim` refuses rate_hz (0, or above timer_clk_hz / 2);
 * nothing is touched then.
 */
bool stm32_adc_start_on_timer(stm32_adc_t *adc, stm32_adc_common_t *common, unsigned channel,
                              unsigned extsel, stm32_tim_t *tim, uint32_t timer_clk_hz,
                              uint32_t rate_hz, uint32_t core_hz);

/* Turns the ADC and its interrupts off. O(1), thread context. */
void stm32_adc_stop(stm32_adc_t *adc);

#endif /* STM32F769_ADC_H */
