/* bsp/board.h for the STM32F769I-DISCO. Console: USART1 on the ST-LINK
 * virtual COM port (PA9/PA10), 115200 8N1. */
#include "bsp/board.h"
#include "stm32f769/rcc_gpio.h"
#include "stm32f769/usart.h"

/* After reset the core and both APB buses run from the 16 MHz HSI. */
#define STM32_RESET_CLOCK_HZ 16000000u
#define CONSOLE_BAUD 115200u

const char bsp_board_name[] = "stm32f769";

void bsp_board_early_init(void)
{
}

void bsp_init(void)
{
    STM32_RCC_AHB1ENR |= STM32_RCC_AHB1ENR_GPIOAEN;
    STM32_RCC_APB2ENR |= STM32_RCC_APB2ENR_USART1EN;
    (void)STM32_RCC_APB2ENR; /* read back: the clock is running before the first access */
    stm32_gpio_set_af(STM32_GPIOA, 9u, 7u);
    stm32_gpio_set_af(STM32_GPIOA, 10u, 7u);
    stm32_usart_init(STM32_USART1, STM32_RESET_CLOCK_HZ, CONSOLE_BAUD);
}

void bsp_uart_write(const char *data, size_t n)
{
    stm32_usart_write(STM32_USART1, data, n);
}

void bsp_exit(int code)
{
    (void)code;
    for (;;) {
        __asm__ volatile("bkpt #0");
    }
}
