/*
 * Cortex-M7 core pieces shared by the board support packages: exception
 * handler names and the system part of the vector table.
 */
#ifndef BSP_CORTEX_M7_H
#define BSP_CORTEX_M7_H

#include <stdint.h>

typedef void (*cortex_m7_vector_t)(void);

void Reset_Handler(void);
void cortex_m7_default_handler(void);

/* Weak aliases of cortex_m7_default_handler; a board or app overrides one by
 * defining a function of the same name. */
void NMI_Handler(void);
void HardFault_Handler(void);
void MemManage_Handler(void);
void BusFault_Handler(void);
void UsageFault_Handler(void);
void SVC_Handler(void);
void DebugMon_Handler(void);
void PendSV_Handler(void);
void SysTick_Handler(void);

extern uint32_t _stack_top[];

/* Entries 0..15 of the vector table (initial MSP, then the system
 * exceptions). A board's table starts with this and adds its IRQs. */
#define CORTEX_M7_SYSTEM_VECTORS                                     \
    (cortex_m7_vector_t)(uintptr_t)_stack_top, Reset_Handler,       \
        NMI_Handler, HardFault_Handler, MemManage_Handler,          \
        BusFault_Handler, UsageFault_Handler, 0, 0, 0, 0,           \
        SVC_Handler, DebugMon_Handler, 0, PendSV_Handler, SysTick_Handler

#endif /* BSP_CORTEX_M7_H */
