/*
 * FLASH interface: access control register only (RM0410 §3.7.1).
 */
#ifndef STM32F769_FLASH_H
#define STM32F769_FLASH_H

#include <stdint.h>

typedef struct {
    volatile uint32_t acr; /* 0x00 */
} stm32_flash_t;

#define STM32_FLASH ((stm32_flash_t *)0x40023C00u)

#define STM32_FLASH_ACR_LATENCY_MASK (0xFu << 0)
#define STM32_FLASH_ACR_LATENCY(ws) ((uint32_t)(ws) << 0)
#define STM32_FLASH_ACR_PRFTEN (1u << 8)
#define STM32_FLASH_ACR_ARTEN (1u << 9)
#define STM32_FLASH_ACR_ARTRST (1u << 11)

#endif /* STM32F769_FLASH_H */
