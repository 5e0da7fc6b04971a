/*
 * Clock tree of the STM32F769I-DISCO at 216 MHz (RM0410 §5.2, §4.1.4,
 * §3.3.2): HSE 25 MHz crystal -> PLL M=25 N=432 P=2 Q=9 (VCO 432 MHz,
 * SYSCLK 216 MHz, 48 MHz domain 48 MHz), voltage scale 1 + over-drive,
 * 7 flash wait states (216 MHz at 2.7-3.6 V, §3.3.2), ART + prefetch,
 * AHB /1, APB1 /4 (54 MHz), APB2 /2 (108 MHz).
 */
#ifndef STM32F769_CLOCK_H
#define STM32F769_CLOCK_H

#include <stdint.h>

#include "stm32f769/flash.h"
#include "stm32f769/pwr.h"
#include "stm32f769/rcc.h"

#define STM32_HSE_HZ 25000000u
#define STM32_SYSCLK_HZ 216000000u
#define STM32_HCLK_HZ STM32_SYSCLK_HZ
#define STM32_PCLK1_HZ (STM32_HCLK_HZ / 4u)   /* 54 MHz, max 54 */
#define STM32_PCLK2_HZ (STM32_HCLK_HZ / 2u)   /* 108 MHz, max 108 */
#define STM32_TIMCLK1_HZ (2u * STM32_PCLK1_HZ) /* APB1 timers: 108 MHz */
#define STM32_TIMCLK2_HZ (2u * STM32_PCLK2_HZ) /* APB2 timers: 216 MHz */

#define STM32_PLL_M 25u
#define STM32_PLL_N 432u
#define STM32_PLL_P 2u
#define STM32_PLL_Q 9u
#define STM32_PLL_R 2u /* DSI clock, unused; the reset value */
#define STM32_FLASH_WAIT_STATES 7u

/*
 * Switches SYSCLK from the reset HSI (16 MHz) to the PLL at 216 MHz:
 *   1. PWR clock on, voltage scale 1 (VOS may only change with the PLL off)
 *   2. HSE on, wait HSERDY
 *   3. PLLCFGR = M, N, P, Q, R, source HSE; PLL on, wait PLLRDY
 *   4. over-drive: ODEN, wait ODRDY; ODSWEN, wait ODSWRDY (§4.1.4)
 *   5. FLASH_ACR: 7 WS + prefetch + ART, read back until the latency took
 *      (§3.3.2: raise the latency before raising the clock)
 *   6. AHB /1, APB1 /4, APB2 /2, then SW = PLL, wait SWS = PLL
 * Cost: bounded by HSE start-up (~2 ms) and PLL lock (~0.1 ms).
 * Context: reset (bsp_board_early_init), no RAM use. Failures: a clock that
 * never becomes ready hangs in its wait loop (no HSE fitted, e.g.).
 */
void stm32_clock_init_216mhz(stm32_rcc_t *rcc, stm32_pwr_t *pwr, stm32_flash_t *flash);

#endif /* STM32F769_CLOCK_H */
