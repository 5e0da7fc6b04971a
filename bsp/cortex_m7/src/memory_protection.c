/* bsp_mpu_init for every Cortex-M7 board (see bsp/board.h). Target only. */
#include <stdint.h>

#include "bsp/board.h"
#include "cortex_m7/mpu.h"
#include "cortex_m7/regs.h"

extern uint32_t _stack_limit[];
extern uint32_t _stack_guard_size[];
extern uint32_t __dma_window_start[];
extern uint32_t __dma_window_size[];

void bsp_mpu_init(void)
{
    cm7_mpu_region_t regions[2];
    /* Region 0: the DMA window (SRAM2) — Normal, non-cacheable, shareable,
     * never executed. A DMA master then sees what the CPU wrote and the CPU
     * sees what DMA wrote, with no clean/invalidate calls to forget. */
    bool ok = cm7_mpu_region_encode(
        (uint32_t)(uintptr_t)__dma_window_start, (uint32_t)(uintptr_t)__dma_window_size,
        CM7_MPU_NORMAL_NONCACHEABLE | CM7_MPU_RASR_S | CM7_MPU_RASR_AP(CM7_MPU_AP_FULL_ACCESS) |
            CM7_MPU_RASR_XN,
        &regions[0]);
    /* Region 1: the stack guard — no access at any privilege, never
     * executed. Memory type as the default map's SRAM (WBWA). */
    ok = ok && cm7_mpu_region_encode((uint32_t)(uintptr_t)_stack_limit,
                                     (uint32_t)(uintptr_t)_stack_guard_size,
                                     CM7_MPU_NORMAL_WBWA |
                                         CM7_MPU_RASR_AP(CM7_MPU_AP_NO_ACCESS) |
                                         CM7_MPU_RASR_XN,
                                     &regions[1]);
    if (!ok) {
        /* The linker script asserts both regions are legal; unreachable. */
        return;
    }
    /* Background: the default map for privileged code (PRIVDEFENA). The
     * MPU stays off in HardFault/NMI (HFNMIENA = 0). */
    (void)cm7_mpu_configure(CM7_MPU, regions, 2u, CM7_MPU_CTRL_PRIVDEFENA);
}
