// Register-level tests of the mps2-an500 CMSDK drivers and the synthetic
// sample sequence.
#include <gtest/gtest.h>

#include <cstring>
#include <set>

extern "C" {
#include "bsp/board.h"
#include "mps2_an500/cmsdk_dualtimer.h"
#include "mps2_an500/cmsdk_timer.h"
#include "mps2_an500/cmsdk_uart.h"
#include "mps2_an500/irq.h"
}

namespace {

TEST(CmsdkTimer, PeriodicReload)
{
    cmsdk_timer_t t;
    std::memset(&t, 0, sizeof t);
    ASSERT_TRUE(cmsdk_timer_periodic_start(&t, MPS2_PCLK_HZ, 1000u));
    EXPECT_EQ(t.reload, 24999u);  // 25 MHz / 1 kHz clocks per period, minus 1
    EXPECT_EQ(t.value, 24999u);
    EXPECT_EQ(t.ctrl, CMSDK_TIMER_CTRL_EN | CMSDK_TIMER_CTRL_IRQEN);
    EXPECT_EQ(t.intstatus, CMSDK_TIMER_INT);  // write-1-to-clear
}

TEST(CmsdkTimer, BadRatesLeaveTheTimerAlone)
{
    cmsdk_timer_t t;
    std::memset(&t, 0x5A, sizeof t);
    EXPECT_FALSE(cmsdk_timer_periodic_start(&t, MPS2_PCLK_HZ, 0u));
    EXPECT_FALSE(cmsdk_timer_periodic_start(&t, MPS2_PCLK_HZ, MPS2_PCLK_HZ));
    EXPECT_EQ(t.ctrl, 0x5A5A5A5Au);
    cmsdk_timer_stop(&t);
    EXPECT_EQ(t.ctrl, 0u);
}

TEST(CmsdkDualTimer, FreeRunning32BitAsUpCount)
{
    cmsdk_dualtimer_t d;
    std::memset(&d, 0xFF, sizeof d);
    cmsdk_dualtimer_free_run(&d);
    EXPECT_EQ(d.load, 0xFFFFFFFFu);
    EXPECT_EQ(d.control, 0x82u);  // enable, 32-bit, free-running, no IRQ, /1
    d.value = 0xFFFFFFFFu - 25u;
    EXPECT_EQ(cmsdk_dualtimer_elapsed(&d), 25u);
}

TEST(CmsdkUart, BaudDivider)
{
    cmsdk_uart_t u;
    std::memset(&u, 0, sizeof u);
    cmsdk_uart_init(&u, MPS2_PCLK_HZ, 115200u);
    EXPECT_EQ(u.bauddiv, 217u);
    EXPECT_EQ(u.ctrl, CMSDK_UART_CTRL_TX_EN);
    cmsdk_uart_init(&u, MPS2_PCLK_HZ, 3000000u);
    EXPECT_EQ(u.bauddiv, 16u) << "QEMU drops TX below 16";
}

TEST(SampleSynthetic, KnownValuesAnd12Bits)
{
    EXPECT_EQ(bsp_sample_synthetic(0u), 0u);
    EXPECT_EQ(bsp_sample_synthetic(1u), 2531u);
    EXPECT_EQ(bsp_sample_synthetic(2u), 966u);
    EXPECT_EQ(bsp_sample_synthetic(1000u), 139u);
    std::set<uint16_t> seen;
    for (uint32_t seq = 0; seq < 4096u; ++seq) {
        uint16_t v = bsp_sample_synthetic(seq);
        EXPECT_LT(v, 4096u);
        seen.insert(v);
    }
    // Well spread: neighbours differ, most 12-bit values are hit.
    EXPECT_GT(seen.size(), 2500u);
    for (uint32_t seq = 0; seq < 1000u; ++seq) {
        EXPECT_NE(bsp_sample_synthetic(seq), bsp_sample_synthetic(seq + 1u)) << seq;
    }
}

}  // namespace
