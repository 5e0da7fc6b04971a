#include "stm32f769/clock.h"

#include "stm32f769/poll.h"

void stm32_clock_init_216mhz(stm32_rcc_t *rcc, stm32_pwr_t *pwr, stm32_flash_t *flash)
{
    rcc->apb1enr |= STM32_RCC_APB1ENR_PWREN;
    (void)rcc->apb1enr; /* read back: clock running before the PWR access */
    pwr->cr1 = (pwr->cr1 & ~STM32_PWR_CR1_VOS_MASK) | STM32_PWR_CR1_VOS_SCALE1;

    rcc->cr |= STM32_RCC_CR_HSEON; /* crystal: HSEBYP stays 0 */
    STM32_WAIT_UNTIL(rcc->cr & STM32_RCC_CR_HSERDY, rcc->cr);

    rcc->pllcfgr = STM32_RCC_PLLCFGR_M(STM32_PLL_M) | STM32_RCC_PLLCFGR_N(STM32_PLL_N) |
                   STM32_RCC_PLLCFGR_P(STM32_PLL_P) | STM32_RCC_PLLCFGR_SRC_HSE |
                   STM32_RCC_PLLCFGR_Q(STM32_PLL_Q) | STM32_RCC_PLLCFGR_R(STM32_PLL_R);
    rcc->cr |= STM32_RCC_CR_PLLON;
    STM32_WAIT_UNTIL(rcc->cr & STM32_RCC_CR_PLLRDY, rcc->cr);

    pwr->cr1 |= STM32_PWR_CR1_ODEN;
    STM32_WAIT_UNTIL(pwr->csr1 & STM32_PWR_CSR1_ODRDY, pwr->csr1);
    pwr->cr1 |= STM32_PWR_CR1_ODSWEN;
    STM32_WAIT_UNTIL(pwr->csr1 & STM32_PWR_CSR1_ODSWRDY, pwr->csr1);

    flash->acr = STM32_FLASH_ACR_LATENCY(STM32_FLASH_WAIT_STATES) | STM32_FLASH_ACR_PRFTEN |
                 STM32_FLASH_ACR_ARTEN;
    STM32_WAIT_UNTIL((flash->acr & STM32_FLASH_ACR_LATENCY_MASK) ==
                         STM32_FLASH_ACR_LATENCY(STM32_FLASH_WAIT_STATES),
                     flash->acr);

    rcc->cfgr = (rcc->cfgr & ~(STM32_RCC_CFGR_HPRE_MASK | STM32_RCC_CFGR_PPRE1_MASK |
                               STM32_RCC_CFGR_PPRE2_MASK)) |
                STM32_RCC_CFGR_PPRE1_DIV4 | STM32_RCC_CFGR_PPRE2_DIV2;
    rcc->cfgr = (rcc->cfgr & ~STM32_RCC_CFGR_SW_MASK) | STM32_RCC_CFGR_SW_PLL;
    STM32_WAIT_UNTIL((rcc->cfgr & STM32_RCC_CFGR_SWS_MASK) == STM32_RCC_CFGR_SWS_PLL, rcc->cfgr);
}
