/*
 * STM32F7 USART (RM0410 §34.8), transmit only: enough for a console.
 * The driver writes through a base pointer, so host tests can hand it a
 * plain struct and check the register values.
 */
#ifndef STM32F769_USART_H
#define STM32F769_USART_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    volatile uint32_t cr1;  /* 0x00 */
    volatile uint32_t cr2;  /* 0x04 */
    volatile uint32_t cr3;  /* 0x08 */
    volatile uint32_t brr;  /* 0x0C */
    volatile uint32_t gtpr; /* 0x10 */
    volatile uint32_t rtor; /* 0x14 */
    volatile uint32_t rqr;  /* 0x18 */
    volatile uint32_t isr;  /* 0x1C */
    volatile uint32_t icr;  /* 0x20 */
    volatile uint32_t rdr;  /* 0x24 */
    volatile uint32_t tdr;  /* 0x28 */
} stm32_usart_t;

#define STM32_USART1 ((stm32_usart_t *)0x40011000u)

#define STM32_USART_CR1_UE (1u << 0)
#define STM32_USART_CR1_TE (1u << 3)
#define STM32_USART_ISR_TC (1u << 6)
#define STM32_USART_ISR_TXE (1u << 7)

/*
 * 8N1, oversampling by 16, transmitter on; BRR = round(kernel_hz / baud)
 * (§34.5.7). USART1's kernel clock is PCLK2 after reset (DCKCFGR2).
 * O(1), thread context, no failures.
 */
void stm32_usart_init(stm32_usart_t *usart, uint32_t kernel_hz, uint32_t baud);

/*
 * Blocking write of n bytes; returns once the last byte is in the shifter.
 * O(n) byte times. Thread context. No failures.
 */
void stm32_usart_write(stm32_usart_t *usart, const char *data, size_t n);

#endif /* STM32F769_USART_H */
