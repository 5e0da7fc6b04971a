/*
 * MCU debug component (RM0410, "Debug support": DBGMCU_APB1_FZ): which peripheral
 * clocks stop while the core is halted by a debugger.
 */
#ifndef STM32F769_DBGMCU_H
#define STM32F769_DBGMCU_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    volatile uint32_t idcode; /* 0x00 */
    volatile uint32_t cr;     /* 0x04 */
    volatile uint32_t apb1fz; /* 0x08 */
    volatile uint32_t apb2fz; /* 0x0C */
} stm32_dbgmcu_t;
_Static_assert(offsetof(stm32_dbgmcu_t, apb1fz) == 0x08, "DBGMCU layout");

#define STM32_DBGMCU ((stm32_dbgmcu_t *)0xE0042000u)

#define STM32_DBGMCU_APB1FZ_TIM2 (1u << 0) /* DBG_TIM2_STOP */
#define STM32_DBGMCU_APB1FZ_TIM7 (1u << 5) /* DBG_TIM7_STOP */

#endif /* STM32F769_DBGMCU_H */
