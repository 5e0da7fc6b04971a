/*
 * Cortex-M7 MPU (PMSAv7, Armv7-M ARM B3.5): region encoding and
 * programming. The driver writes through a cm7_mpu_t pointer, so a host test
 * can check the register values on a fake block.
 */
#ifndef CORTEX_M7_MPU_H
#define CORTEX_M7_MPU_H

#include <stdbool.h>
#include <stdint.h>

#include "cortex_m7/regs.h"

/* MPU_RASR fields (B3.5.9). */
#define CM7_MPU_RASR_ENABLE (1u << 0)
#define CM7_MPU_RASR_SIZE(log2_bytes) ((uint32_t)((log2_bytes) - 1u) << 1)
#define CM7_MPU_RASR_B (1u << 16)
#define CM7_MPU_RASR_C (1u << 17)
#define CM7_MPU_RASR_S (1u << 18)
#define CM7_MPU_RASR_TEX(x) ((uint32_t)(x) << 19)
#define CM7_MPU_RASR_AP(x) ((uint32_t)(x) << 24)
#define CM7_MPU_RASR_XN (1u << 28)

/* Access permissions (B3.5.9 Table B3-15). */
#define CM7_MPU_AP_NO_ACCESS 0u
#define CM7_MPU_AP_FULL_ACCESS 3u

/* Memory types (B3.5.9 Table B3-13): TEX, C, B. */
#define CM7_MPU_NORMAL_WBWA (CM7_MPU_RASR_TEX(1) | CM7_MPU_RASR_C | CM7_MPU_RASR_B)
#define CM7_MPU_NORMAL_NONCACHEABLE CM7_MPU_RASR_TEX(1)

/* One region as written to MPU_RBAR / MPU_RASR (RNR selects the number). */
typedef struct {
    uint32_t rbar;
    uint32_t rasr;
} cm7_mpu_region_t;

/*
 * Encodes an enabled region of `size` bytes at `base`; `attributes` is an OR
 * of CM7_MPU_RASR_AP/XN/S and a memory type. O(1), any context.
 * Failures: returns false (out untouched) when size is not a power of two in
 * 32 B .. 4 GiB-1 (sizes up to 2^31 here), base is not aligned to size, or
 * out is NULL (B3.5.8: "the base address must be aligned to the size").
 */
bool cm7_mpu_region_encode(uint32_t base, uint32_t size, uint32_t attributes,
                           cm7_mpu_region_t *out);

/*
 * Disables the MPU, writes `regions[0..count)` to region numbers 0..count-1,
 * disables every other region the MPU has (MPU_TYPE.DREGION), then enables
 * it with `ctrl` (CM7_MPU_CTRL_* bits; ENABLE is added). Higher region
 * numbers win where regions overlap (B3.5.3).
 * Cost: O(DREGION). Context: thread, with interrupts that could fault on the
 * new map quiet. Failures: returns false (MPU untouched) if count exceeds
 * DREGION or regions is NULL with count > 0.
 */
bool cm7_mpu_configure(cm7_mpu_t *mpu, const cm7_mpu_region_t *regions,
                       unsigned count, uint32_t ctrl);

#endif /* CORTEX_M7_MPU_H */
