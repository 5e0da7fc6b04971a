#include "stm32f769/usart.h"

#include "stm32f769/poll.h"

void stm32_usart_init(stm32_usart_t *usart, uint32_t kernel_hz, uint32_t baud)
{
    usart->cr1 = 0u;
    usart->brr = (kernel_hz + baud / 2u) / baud;
    usart->cr1 = STM32_USART_CR1_TE | STM32_USART_CR1_UE;
}

void stm32_usart_write(stm32_usart_t *usart, const char *data, size_t n)
{
    for (size_t i = 0; i < n; ++i) {
        STM32_WAIT_UNTIL(usart->isr & STM32_USART_ISR_TXE, usart->isr);
        usart->tdr = (uint8_t)data[i];
    }
    STM32_WAIT_UNTIL(usart->isr & STM32_USART_ISR_TC, usart->isr);
}
