#include "cortex_m7/mpu.h"

#include <stddef.h>

#include "cortex_m7/barrier.h"

bool cm7_mpu_region_encode(uint32_t base, uint32_t size, uint32_t attributes,
                           cm7_mpu_region_t *out)
{
    if (out == NULL || size < 32u || size > 0x80000000u || (size & (size - 1u)) != 0u ||
        (base & (size - 1u)) != 0u) {
        return false;
    }
    uint32_t log2 = 0u;
    while ((1u << log2) != size) {
        ++log2;
    }
    out->rbar = base; /* VALID = 0: the region number comes from MPU_RNR */
    out->rasr = attributes | CM7_MPU_RASR_SIZE(log2) | CM7_MPU_RASR_ENABLE;
    return true;
}

bool cm7_mpu_configure(cm7_mpu_t *mpu, const cm7_mpu_region_t *regions,
                       unsigned count, uint32_t ctrl)
{
    unsigned dregion = (mpu->type >> 8) & 0xFFu; /* B3.5.6 MPU_TYPE */
    if (count > dregion || (regions == NULL && count > 0u)) {
        return false;
    }
    CM7_DSB(); /* finish accesses made under the old map */
    mpu->ctrl = 0u;
    for (unsigned i = 0; i < dregion; ++i) {
        mpu->rnr = i;
        if (i < count) {
            mpu->rbar = regions[i].rbar;
            mpu->rasr = regions[i].rasr;
        } else {
            mpu->rasr = 0u;
        }
    }
    mpu->ctrl = ctrl | CM7_MPU_CTRL_ENABLE;
    CM7_DSB(); /* B3.5.1: new map in effect for the next instruction */
    CM7_ISB();
    return true;
}
