/*
 * RCC, reset and clock control (RM0410 §5.3). Only the registers and bits
 * tidemark uses.
 */
#ifndef STM32F769_RCC_H
#define STM32F769_RCC_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    volatile uint32_t cr;          /* 0x00 §5.3.1 */
    volatile uint32_t pllcfgr;     /* 0x04 §5.3.2 */
    volatile uint32_t cfgr;        /* 0x08 §5.3.3 */
    volatile uint32_t cir;         /* 0x0C */
    volatile uint32_t ahb1rstr;    /* 0x10 */
    volatile uint32_t ahb2rstr;    /* 0x14 */
    volatile uint32_t ahb3rstr;    /* 0x18 */
    uint32_t reserved0;            /* 0x1C */
    volatile uint32_t apb1rstr;    /* 0x20 */
    volatile uint32_t apb2rstr;    /* 0x24 */
    uint32_t reserved1[2];         /* 0x28 */
    volatile uint32_t ahb1enr;     /* 0x30 §5.3.10 */
    volatile uint32_t ahb2enr;     /* 0x34 */
    volatile uint32_t ahb3enr;     /* 0x38 */
    uint32_t reserved2;            /* 0x3C */
    volatile uint32_t apb1enr;     /* 0x40 §5.3.13 */
    volatile uint32_t apb2enr;     /* 0x44 §5.3.14 */
    uint32_t reserved3[17];        /* 0x48..0x88 */
    volatile uint32_t dckcfgr1;    /* 0x8C §5.3.25 */
    volatile uint32_t dckcfgr2;    /* 0x90 §5.3.26 */
} stm32_rcc_t;
_Static_assert(offsetof(stm32_rcc_t, apb2enr) == 0x44, "RCC layout");
_Static_assert(offsetof(stm32_rcc_t, dckcfgr1) == 0x8C, "RCC layout");

#define STM32_RCC ((stm32_rcc_t *)0x40023800u)

/* RCC_CR */
#define STM32_RCC_CR_HSION (1u << 0)
#define STM32_RCC_CR_HSEON (1u << 16)
#define STM32_RCC_CR_HSERDY (1u << 17)
#define STM32_RCC_CR_HSEBYP (1u << 18)
#define STM32_RCC_CR_PLLON (1u << 24)
#define STM32_RCC_CR_PLLRDY (1u << 25)

/* RCC_PLLCFGR: VCO in = src / M (1..2 MHz), VCO = in * N (100..432 MHz),
 * SYSCLK = VCO / P, 48 MHz domain = VCO / Q, DSI = VCO / R. */
#define STM32_RCC_PLLCFGR_M(m) ((uint32_t)(m) << 0)            /* 2..63 */
#define STM32_RCC_PLLCFGR_N(n) ((uint32_t)(n) << 6)            /* 50..432 */
#define STM32_RCC_PLLCFGR_P(p) ((uint32_t)((p) / 2u - 1u) << 16) /* 2,4,6,8 */
#define STM32_RCC_PLLCFGR_SRC_HSE (1u << 22)
#define STM32_RCC_PLLCFGR_Q(q) ((uint32_t)(q) << 24)           /* 2..15 */
#define STM32_RCC_PLLCFGR_R(r) ((uint32_t)(r) << 28)           /* 2..7 */

/* RCC_CFGR */
#define STM32_RCC_CFGR_SW_MASK (3u << 0)
#define STM32_RCC_CFGR_SW_PLL (2u << 0)
#define STM32_RCC_CFGR_SWS_MASK (3u << 2)
#define STM32_RCC_CFGR_SWS_PLL (2u << 2)
#define STM32_RCC_CFGR_HPRE_MASK (0xFu << 4)   /* 0xxx: AHB = SYSCLK */
#define STM32_RCC_CFGR_PPRE1_MASK (7u << 10)
#define STM32_RCC_CFGR_PPRE1_DIV4 (5u << 10)
#define STM32_RCC_CFGR_PPRE2_MASK (7u << 13)
#define STM32_RCC_CFGR_PPRE2_DIV2 (4u << 13)

/* Enable bits */
#define STM32_RCC_AHB1ENR_GPIOAEN (1u << 0)
#define STM32_RCC_APB1ENR_TIM2EN (1u << 0)
#define STM32_RCC_APB1ENR_TIM7EN (1u << 5)
#define STM32_RCC_APB1ENR_PWREN (1u << 28)
#define STM32_RCC_APB2ENR_USART1EN (1u << 4)
#define STM32_RCC_APB2ENR_ADC1EN (1u << 8)

/* RCC_DCKCFGR1.TIMPRE = 0 (reset): timers on an APB with prescaler > 1 run
 * at twice the APB clock (§5.2, "timer clock"). */
#define STM32_RCC_DCKCFGR1_TIMPRE (1u << 24)

#endif /* STM32F769_RCC_H */
