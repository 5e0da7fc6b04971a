/* bsp/board.h for the STM32F769I-DISCO. Console: USART1 on the ST-LINK
 * virtual COM port (PA9 TX / PA10 RX, AF7; UM2033), 115200 8N1. */
#include "bsp/board.h"
#include "cortex_m7/cache.h"
#include "cortex_m7/dwt.h"
#include "cortex_m7/fault.h"
#include "cortex_m7/regs.h"
#include "stm32f769/clock.h"
#include "stm32f769/dbgmcu.h"
#include "stm32f769/gpio.h"
#include "stm32f769/rcc.h"
#include "stm32f769/usart.h"

#define CONSOLE_BAUD 115200u
#define USART1_AF 7u

const char bsp_board_name[] = "stm32f769";

void bsp_board_early_init(void)
{
    stm32_clock_init_216mhz(STM32_RCC, STM32_PWR, STM32_FLASH);
    /* MPU before the D-cache: SRAM2 must never hold cached lines, or the
     * .sram2 copy made at reset could sit dirty in the cache when the
     * region turns non-cacheable. */
    bsp_mpu_init();
    cm7_icache_enable(CM7_SCB, CM7_CACHE_OPS);
    cm7_dcache_enable(CM7_SCB, CM7_CACHE_OPS);
}

void bsp_init(void)
{
    stm32_rcc_t *rcc = STM32_RCC;
    rcc->ahb1enr |= STM32_RCC_AHB1ENR_GPIOAEN;
    rcc->apb2enr |= STM32_RCC_APB2ENR_USART1EN;
    (void)rcc->apb2enr; /* read back: the clock is running before the first access */
    stm32_gpio_set_af(STM32_GPIOA, 9u, USART1_AF);
    stm32_gpio_set_af(STM32_GPIOA, 10u, USART1_AF);
    stm32_usart_init(STM32_USART1, STM32_PCLK2_HZ, CONSOLE_BAUD);
    cm7_dwt_cycle_counter_enable(CM7_CORE_DEBUG, CM7_DWT);
    /* The sample (TIM2) and packet (TIM7) timers stop while a debugger
     * halts the core: a HIL rig behind an all-stop GDB server (OpenOCD)
     * halts for every mailbox access, and a timer running on would fire
     * triggers nobody serves (ADC overruns, lost packets). The core's view
     * of time then pauses with the core, as under QEMU -icount. */
    STM32_DBGMCU->apb1fz |= STM32_DBGMCU_APB1FZ_TIM2 | STM32_DBGMCU_APB1FZ_TIM7;
    cm7_fault_capture_enable();
    cm7_fault_report_pending();
}

void bsp_uart_write(const char *data, size_t n)
{
    stm32_usart_write(STM32_USART1, data, n);
}

uint32_t bsp_cycles(void)
{
    return CM7_DWT->cyccnt;
}

uint32_t bsp_cycles_hz(void)
{
    return STM32_SYSCLK_HZ;
}

void bsp_exit(int code)
{
    (void)code;
    /* BKPT without a debugger escalates to HardFault (Armv7-M ARM C1.7),
     * which the fault capture would record as a crash and reset: only
     * break when a debugger is attached (DHCSR.C_DEBUGEN). */
    if (CM7_CORE_DEBUG->dhcsr & CM7_DHCSR_C_DEBUGEN) {
        for (;;) {
            __asm__ volatile("bkpt #0");
        }
    }
    __asm__ volatile("cpsid i" ::: "memory");
    for (;;) {
    }
}
