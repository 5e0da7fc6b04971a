/* bsp/board.h for QEMU mps2-an500 (emulated Cortex-M7, 25 MHz peripherals). */
#include "bsp/board.h"
#include "mps2_an500/cmsdk_uart.h"
#include "mps2_an500/semihosting.h"

#define MPS2_PCLK_HZ 25000000u
#define CONSOLE_BAUD 115200u

const char bsp_board_name[] = "mps2_an500";

void bsp_board_early_init(void)
{
}

void bsp_init(void)
{
    cmsdk_uart_init(CMSDK_UART0, MPS2_PCLK_HZ, CONSOLE_BAUD);
}

void bsp_uart_write(const char *data, size_t n)
{
    cmsdk_uart_write(CMSDK_UART0, data, n);
}

void bsp_exit(int code)
{
    semihosting_exit(code);
}
