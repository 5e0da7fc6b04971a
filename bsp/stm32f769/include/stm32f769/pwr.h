/*
 * PWR, power controller (RM0410 §4.4): voltage scaling and over-drive.
 */
#ifndef STM32F769_PWR_H
#define STM32F769_PWR_H

#include <stdint.h>

typedef struct {
    volatile uint32_t cr1;  /* 0x00 §4.4.1 */
    volatile uint32_t csr1; /* 0x04 §4.4.2 */
    volatile uint32_t cr2;  /* 0x08 */
    volatile uint32_t csr2; /* 0x0C */
} stm32_pwr_t;

#define STM32_PWR ((stm32_pwr_t *)0x40007000u)

#define STM32_PWR_CR1_VOS_MASK (3u << 14)
#define STM32_PWR_CR1_VOS_SCALE1 (3u << 14) /* needed above 180 MHz */
#define STM32_PWR_CR1_ODEN (1u << 16)
#define STM32_PWR_CR1_ODSWEN (1u << 17)
#define STM32_PWR_CSR1_ODRDY (1u << 16)
#define STM32_PWR_CSR1_ODSWRDY (1u << 17)

#endif /* STM32F769_PWR_H */
