/*
 * GPIO port (RM0410 §6.4).
 */
#ifndef STM32F769_GPIO_H
#define STM32F769_GPIO_H

#include <stdint.h>

typedef struct {
    volatile uint32_t moder;   /* 0x00 */
    volatile uint32_t otyper;  /* 0x04 */
    volatile uint32_t ospeedr; /* 0x08 */
    volatile uint32_t pupdr;   /* 0x0C */
    volatile uint32_t idr;     /* 0x10 */
    volatile uint32_t odr;     /* 0x14 */
    volatile uint32_t bsrr;    /* 0x18 */
    volatile uint32_t lckr;    /* 0x1C */
    volatile uint32_t afr[2];  /* 0x20 AFRL, 0x24 AFRH */
} stm32_gpio_t;

#define STM32_GPIOA ((stm32_gpio_t *)0x40020000u)

/*
 * Puts `pin` (0..15) in alternate-function mode `af` (0..15), high speed,
 * push-pull, pull-up (an idle-high UART RX line stays defined when the
 * ST-LINK is unplugged). O(1), thread context, no failures.
 */
void stm32_gpio_set_af(stm32_gpio_t *gpio, unsigned pin, unsigned af);

#endif /* STM32F769_GPIO_H */
