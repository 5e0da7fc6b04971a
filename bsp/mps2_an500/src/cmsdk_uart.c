#include "mps2_an500/cmsdk_uart.h"

void cmsdk_uart_init(cmsdk_uart_t *uart, uint32_t pclk_hz, uint32_t baud)
{
    uint32_t div = pclk_hz / baud;
    uart->bauddiv = div < 16u ? 16u : div;
    uart->ctrl = CMSDK_UART_CTRL_TX_EN;
}

void cmsdk_uart_write(cmsdk_uart_t *uart, const char *data, size_t n)
{
    for (size_t i = 0; i < n; ++i) {
        while (uart->state & CMSDK_UART_STATE_TX_FULL) {
        }
        uart->data = (uint8_t)data[i];
    }
}
