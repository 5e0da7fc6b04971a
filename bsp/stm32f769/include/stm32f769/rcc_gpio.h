/*
 * The RCC enable registers and GPIO port layout (RM0410 §5.3, §6.4) used to
 * route USART1 to the ST-LINK virtual COM port of the STM32F769I-DISCO
 * (PA9 = USART1_TX, PA10 = USART1_RX, alternate function 7).
 */
#ifndef STM32F769_RCC_GPIO_H
#define STM32F769_RCC_GPIO_H

#include <stdint.h>

#define STM32_RCC_BASE 0x40023800u
#define STM32_RCC_AHB1ENR (*(volatile uint32_t *)(STM32_RCC_BASE + 0x30u))
#define STM32_RCC_APB2ENR (*(volatile uint32_t *)(STM32_RCC_BASE + 0x44u))
#define STM32_RCC_AHB1ENR_GPIOAEN (1u << 0)
#define STM32_RCC_APB2ENR_USART1EN (1u << 4)

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

/* Puts `pin` in alternate-function mode `af`, high speed. */
void stm32_gpio_set_af(stm32_gpio_t *gpio, unsigned pin, unsigned af);

#endif /* STM32F769_RCC_GPIO_H */
