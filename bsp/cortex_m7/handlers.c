/* Weak default exception handlers (see cortex_m7.h). */
#include "cortex_m7.h"

/* Any exception without a handler of its own stops here, with the active
 * exception number in IPSR for a debugger. */
void cortex_m7_default_handler(void)
{
    for (;;) {
        __asm__ volatile("bkpt #0");
    }
}

#define CORTEX_M7_WEAK_DEFAULT __attribute__((weak, alias("cortex_m7_default_handler")))

void NMI_Handler(void) CORTEX_M7_WEAK_DEFAULT;
void HardFault_Handler(void) CORTEX_M7_WEAK_DEFAULT;
void MemManage_Handler(void) CORTEX_M7_WEAK_DEFAULT;
void BusFault_Handler(void) CORTEX_M7_WEAK_DEFAULT;
void UsageFault_Handler(void) CORTEX_M7_WEAK_DEFAULT;
void SVC_Handler(void) CORTEX_M7_WEAK_DEFAULT;
void DebugMon_Handler(void) CORTEX_M7_WEAK_DEFAULT;
void PendSV_Handler(void) CORTEX_M7_WEAK_DEFAULT;
void SysTick_Handler(void) CORTEX_M7_WEAK_DEFAULT;
