// Register-level tests of the Cortex-M7 core drivers (bsp/cortex_m7) on
// fake register blocks, against the Armv7-M ARM.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>

extern "C" {
#include "cortex_m7/cache.h"
#include "cortex_m7/dwt.h"
#include "cortex_m7/mpu.h"
#include "cortex_m7/nvic.h"
}

namespace {

constexpr uint32_t kGuardAttributes =
    CM7_MPU_NORMAL_WBWA | CM7_MPU_RASR_AP(CM7_MPU_AP_NO_ACCESS) | CM7_MPU_RASR_XN;
constexpr uint32_t kDmaAttributes = CM7_MPU_NORMAL_NONCACHEABLE | CM7_MPU_RASR_S |
                                    CM7_MPU_RASR_AP(CM7_MPU_AP_FULL_ACCESS) | CM7_MPU_RASR_XN;

TEST(Mpu, StackGuardEncoding)
{
    // The 128 B guard under an 8 KiB stack at the top of DTCM.
    cm7_mpu_region_t r;
    ASSERT_TRUE(cm7_mpu_region_encode(0x2001E000u, 128u, kGuardAttributes, &r));
    EXPECT_EQ(r.rbar, 0x2001E000u);  // VALID = 0: number from RNR
    // XN=1, AP=000, TEX=001 C=1 B=1, SIZE=6 (2^(6+1) = 128), ENABLE.
    EXPECT_EQ(r.rasr, 0x100B000Du);
}

TEST(Mpu, DmaWindowEncoding)
{
    cm7_mpu_region_t r;
    ASSERT_TRUE(cm7_mpu_region_encode(0x2007C000u, 16384u, kDmaAttributes, &r));
    EXPECT_EQ(r.rbar, 0x2007C000u);
    // XN=1, AP=011, TEX=001 C=0 B=0 (Normal non-cacheable), S=1, SIZE=13.
    EXPECT_EQ(r.rasr, 0x130C001Bu);
}

TEST(Mpu, RejectsIllegalRegions)
{
    cm7_mpu_region_t r = {0x11111111u, 0x22222222u};
    EXPECT_FALSE(cm7_mpu_region_encode(0x2001E000u, 96u, 0u, &r));    // not a power of two
    EXPECT_FALSE(cm7_mpu_region_encode(0x2001E040u, 128u, 0u, &r));   // not aligned to size
    EXPECT_FALSE(cm7_mpu_region_encode(0x20000000u, 16u, 0u, &r));    // below 32 B
    EXPECT_FALSE(cm7_mpu_region_encode(0x20000000u, 0u, 0u, &r));
    EXPECT_FALSE(cm7_mpu_region_encode(0x20000000u, 128u, 0u, nullptr));
    EXPECT_EQ(r.rbar, 0x11111111u);
    EXPECT_EQ(r.rasr, 0x22222222u);
    ASSERT_TRUE(cm7_mpu_region_encode(0x0u, 32u, 0u, &r));
    EXPECT_EQ(r.rasr, (4u << 1) | 1u);  // smallest region: SIZE = 4
}

TEST(Mpu, ConfigureEnablesWithBackgroundAndClearsUnusedRegions)
{
    cm7_mpu_t mpu;
    std::memset(&mpu, 0, sizeof mpu);
    mpu.type = 8u << 8;  // DREGION = 8 (Cortex-M7 on the F76x)
    cm7_mpu_region_t regions[2];
    ASSERT_TRUE(cm7_mpu_region_encode(0x2007C000u, 16384u, kDmaAttributes, &regions[0]));
    ASSERT_TRUE(cm7_mpu_region_encode(0x2001E000u, 128u, kGuardAttributes, &regions[1]));
    ASSERT_TRUE(cm7_mpu_configure(&mpu, regions, 2u, CM7_MPU_CTRL_PRIVDEFENA));
    EXPECT_EQ(mpu.ctrl, CM7_MPU_CTRL_PRIVDEFENA | CM7_MPU_CTRL_ENABLE);
    EXPECT_EQ(mpu.rnr, 7u) << "every region up to DREGION - 1 is written";
    EXPECT_EQ(mpu.rasr, 0u) << "unused regions are disabled";
}

TEST(Mpu, ConfigureWritesTheLastRegionWhenAllAreUsed)
{
    cm7_mpu_t mpu;
    std::memset(&mpu, 0, sizeof mpu);
    mpu.type = 2u << 8;
    cm7_mpu_region_t regions[2] = {{0x1000u, 0x11u}, {0x2000u, 0x22u}};
    ASSERT_TRUE(cm7_mpu_configure(&mpu, regions, 2u, 0u));
    EXPECT_EQ(mpu.rnr, 1u);
    EXPECT_EQ(mpu.rbar, 0x2000u);
    EXPECT_EQ(mpu.rasr, 0x22u);
    EXPECT_EQ(mpu.ctrl, CM7_MPU_CTRL_ENABLE);
}

TEST(Mpu, ConfigureRefusesMoreRegionsThanTheMpuHas)
{
    cm7_mpu_t mpu;
    std::memset(&mpu, 0, sizeof mpu);
    mpu.type = 1u << 8;
    mpu.ctrl = 0x5u;
    cm7_mpu_region_t regions[2] = {};
    EXPECT_FALSE(cm7_mpu_configure(&mpu, regions, 2u, 0u));
    EXPECT_FALSE(cm7_mpu_configure(&mpu, nullptr, 1u, 0u));
    EXPECT_EQ(mpu.ctrl, 0x5u) << "a refused configuration touched the MPU";
}

// The M7's 16 KiB, 4-way, 32 B-line L1 D-cache: CCSIDR = WT|WB|RA|WA,
// NumSets-1 = 127, Associativity-1 = 3, LineSize = 1 (Cortex-M7 TRM).
constexpr uint32_t kM7DcacheCcsidr = 0xF00FE019u;

TEST(Cache, DcacheInvalidatesBySetWayThenEnables)
{
    cm7_scb_t scb;
    cm7_cache_ops_t ops;
    std::memset(&scb, 0, sizeof scb);
    std::memset(&ops, 0, sizeof ops);
    scb.csselr = 1u;
    scb.ccsidr = kM7DcacheCcsidr;
    cm7_dcache_enable(&scb, &ops);
    EXPECT_EQ(scb.csselr, 0u) << "L1 data cache selected";
    // Last DCISW: way 3 at bit 30, set 127 at bit 5.
    EXPECT_EQ(ops.dcisw, (3u << 30) | (127u << 5));
    EXPECT_TRUE(scb.ccr & CM7_CCR_DC);
}

TEST(Cache, IcacheInvalidatesThenEnables)
{
    cm7_scb_t scb;
    cm7_cache_ops_t ops;
    std::memset(&scb, 0, sizeof scb);
    std::memset(&ops, 0xFF, sizeof ops);
    cm7_icache_enable(&scb, &ops);
    EXPECT_EQ(ops.iciallu, 0u);
    EXPECT_TRUE(scb.ccr & CM7_CCR_IC);
}

TEST(Cache, AlreadyEnabledIsLeftAlone)
{
    cm7_scb_t scb;
    cm7_cache_ops_t ops;
    std::memset(&scb, 0, sizeof scb);
    std::memset(&ops, 0xEE, sizeof ops);
    scb.ccr = CM7_CCR_DC | CM7_CCR_IC;
    scb.ccsidr = kM7DcacheCcsidr;
    cm7_dcache_enable(&scb, &ops);
    cm7_icache_enable(&scb, &ops);
    EXPECT_EQ(ops.dcisw, 0xEEEEEEEEu) << "invalidating an enabled D-cache loses dirty data";
    EXPECT_EQ(ops.iciallu, 0xEEEEEEEEu);
}

TEST(Dwt, CycleCounterUnlockedAndEnabled)
{
    cm7_core_debug_t debug;
    cm7_dwt_t dwt;
    std::memset(&debug, 0, sizeof debug);
    std::memset(&dwt, 0, sizeof dwt);
    dwt.cyccnt = 1234u;
    dwt.ctrl = 0x40000000u;  // NUMCOMP = 4, read-only part kept
    cm7_dwt_cycle_counter_enable(&debug, &dwt);
    EXPECT_EQ(debug.demcr, 1u << 24) << "TRCENA";
    EXPECT_EQ(dwt.lar, 0xC5ACCE55u);
    EXPECT_EQ(dwt.cyccnt, 0u);
    EXPECT_EQ(dwt.ctrl, 0x40000001u);
}

TEST(Nvic, EnableSetsPriorityInTopBitsAndClearsPending)
{
    cm7_nvic_t nvic;
    std::memset(&nvic, 0, sizeof nvic);
    cm7_nvic_enable(&nvic, 55u, 2u);  // TIM7 on the F769
    EXPECT_EQ(nvic.ipr[55], 0x20u);
    EXPECT_EQ(nvic.iser[1], 1u << 23);
    EXPECT_EQ(nvic.icpr[1], 1u << 23);
    cm7_nvic_disable(&nvic, 18u);  // ADC
    EXPECT_EQ(nvic.icer[0], 1u << 18);
    EXPECT_EQ(nvic.icpr[0], 1u << 18);
}

TEST(RegisterLayout, OffsetsMatchArmv7mArm)
{
    EXPECT_EQ(offsetof(cm7_scb_t, ccr), 0x14u);
    EXPECT_EQ(offsetof(cm7_scb_t, cfsr), 0x28u);
    EXPECT_EQ(offsetof(cm7_scb_t, mmfar), 0x34u);
    EXPECT_EQ(offsetof(cm7_scb_t, bfar), 0x38u);
    EXPECT_EQ(offsetof(cm7_scb_t, csselr), 0x84u);
    EXPECT_EQ(offsetof(cm7_cache_ops_t, dccimvac), 0x20u);
    EXPECT_EQ(offsetof(cm7_mpu_t, rasr), 0x10u);
    EXPECT_EQ(offsetof(cm7_nvic_t, icer), 0x80u);
    EXPECT_EQ(offsetof(cm7_core_debug_t, demcr), 0x0Cu);
}

}  // namespace
