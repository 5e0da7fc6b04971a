/* bsp/board.h for QEMU mps2-an500 (emulated Cortex-M7, 25 MHz peripherals). */
#include "bsp/board.h"
#include "cortex_m7/fault.h"
#include "mps2_an500/cmsdk_dualtimer.h"
#include "mps2_an500/cmsdk_uart.h"
#include "mps2_an500/irq.h"
#include "mps2_an500/semihosting.h"

#define CONSOLE_BAUD 115200u

const char bsp_board_name[] = "mps2_an500";

void bsp_board_early_init(void)
{
    /* Same order as the STM32F769 (MPU before anything uses RAM); QEMU has
     * no caches to enable. */
    bsp_mpu_init();
}

void bsp_init(void)
{
    cmsdk_uart_init(CMSDK_UART0, MPS2_PCLK_HZ, CONSOLE_BAUD);
    cmsdk_dualtimer_free_run(CMSDK_DUALTIMER1);
    cm7_fault_capture_enable();
    cm7_fault_report_pending();
}

void bsp_uart_write(const char *data, size_t n)
{
    cmsdk_uart_write(CMSDK_UART0, data, n);
}

uint32_t bsp_cycles(void)
{
    return cmsdk_dualtimer_elapsed(CMSDK_DUALTIMER1);
}

uint32_t bsp_cycles_hz(void)
{
    return MPS2_PCLK_HZ;
}

void bsp_exit(int code)
{
    semihosting_exit(code);
}
