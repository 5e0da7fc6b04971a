// Register-level tests of the STM32F769 drivers (bsp/stm32f769) on fake
// register blocks. The drivers write through base pointers; their wait
// loops call stm32_poll_hook() in host builds, which plays the hardware:
// it sets the ready bit being waited for and records what the other
// registers held at that moment, so the order of the sequence is checked
// too. Expected values are restated from RM0410.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include "stm32f769/adc.h"
#include "stm32f769/clock.h"
#include "stm32f769/dbgmcu.h"
#include "stm32f769/gpio.h"
#include "stm32f769/tim.h"
#include "stm32f769/usart.h"
}

namespace {

struct Fakes {
    stm32_rcc_t rcc;
    stm32_pwr_t pwr;
    stm32_flash_t flash;
    stm32_usart_t usart;
    stm32_adc_t adc;
    stm32_adc_common_t adc_common;
    stm32_tim_t tim;
};

Fakes g_fake;

// One poll of a wait loop: which register, and a copy of the blocks then.
// "DELAY" is an iteration of a timed busy-wait (its loop counter is polled).
struct PollEvent {
    std::string reg;
    uint32_t rcc_cr, rcc_pllcfgr, rcc_cfgr, pwr_cr1, pwr_csr1, flash_acr;
    uint32_t adc_cr2, adc_ccr, tim_cr1, tim_egr, tim_psc, tim_arr;
};
std::vector<PollEvent> g_polls;
std::vector<uint8_t> g_tx;  // bytes seen in USART TDR
uint32_t g_usart_polls;

std::string reg_name(volatile uint32_t *reg)
{
    if (reg == &g_fake.rcc.cr) return "RCC_CR";
    if (reg == &g_fake.rcc.cfgr) return "RCC_CFGR";
    if (reg == &g_fake.pwr.csr1) return "PWR_CSR1";
    if (reg == &g_fake.flash.acr) return "FLASH_ACR";
    if (reg == &g_fake.usart.isr) return "USART_ISR";
    return "DELAY";
}

}  // namespace

// Plays the hardware for the register a driver is waiting on.
extern "C" void stm32_poll_hook(volatile uint32_t *reg)
{
    Fakes &f = g_fake;
    if (reg == &f.usart.isr) {
        ++g_usart_polls;
        f.usart.isr |= STM32_USART_ISR_TXE | STM32_USART_ISR_TC;
        return;
    }
    g_polls.push_back({reg_name(reg), f.rcc.cr, f.rcc.pllcfgr, f.rcc.cfgr, f.pwr.cr1, f.pwr.csr1,
                       f.flash.acr, f.adc.cr2, f.adc_common.ccr, f.tim.cr1, f.tim.egr, f.tim.psc,
                       f.tim.arr});
    if (reg == &f.rcc.cr) {
        if (f.rcc.cr & STM32_RCC_CR_HSEON) f.rcc.cr |= STM32_RCC_CR_HSERDY;
        if (f.rcc.cr & STM32_RCC_CR_PLLON) f.rcc.cr |= STM32_RCC_CR_PLLRDY;
    } else if (reg == &f.pwr.csr1) {
        if (f.pwr.cr1 & STM32_PWR_CR1_ODEN) f.pwr.csr1 |= STM32_PWR_CSR1_ODRDY;
        if (f.pwr.cr1 & STM32_PWR_CR1_ODSWEN) f.pwr.csr1 |= STM32_PWR_CSR1_ODSWRDY;
    } else if (reg == &f.rcc.cfgr) {
        f.rcc.cfgr = (f.rcc.cfgr & ~STM32_RCC_CFGR_SWS_MASK) | ((f.rcc.cfgr & 3u) << 2);
    }
}

namespace {

class ClockTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        std::memset(&g_fake, 0, sizeof g_fake);
        g_polls.clear();
        // RM0410 §5.3.1/5.3.2/§4.4.1 reset values.
        g_fake.rcc.cr = 0x00000083u;       // HSION, HSIRDY, HSITRIM = 16
        g_fake.rcc.pllcfgr = 0x24003010u;  // M=16 N=192 P=2 Q=4 R=2
        g_fake.pwr.cr1 = 0x0000C000u;      // VOS = scale 1
        stm32_clock_init_216mhz(&g_fake.rcc, &g_fake.pwr, &g_fake.flash);
    }

    const PollEvent &poll(const std::string &reg, size_t nth = 0)
    {
        for (const PollEvent &e : g_polls) {
            if (e.reg == reg && nth-- == 0) return e;
        }
        ADD_FAILURE() << "no poll of " << reg;
        static PollEvent none{};
        return none;
    }
};

TEST_F(ClockTest, PllValuesGive216MHzFrom25MHzHse)
{
    uint32_t v = g_fake.rcc.pllcfgr;
    EXPECT_EQ(v, 0x29406C19u);  // R=2, Q=9, SRC=HSE, P=/2, N=432, M=25
    uint32_t m = v & 0x3Fu, n = (v >> 6) & 0x1FFu, p = 2u * (((v >> 16) & 3u) + 1u);
    uint32_t q = (v >> 24) & 0xFu;
    EXPECT_TRUE(v & (1u << 22)) << "PLL source must be HSE";
    uint64_t vco_in = STM32_HSE_HZ / m;
    uint64_t vco = vco_in * n;
    EXPECT_GE(vco_in, 1000000u);  // RM0410 §5.3.2: 1..2 MHz (2 MHz best jitter)
    EXPECT_LE(vco_in, 2000000u);
    EXPECT_GE(vco, 100000000u);   // VCO 100..432 MHz
    EXPECT_LE(vco, 432000000u);
    EXPECT_EQ(vco / p, 216000000u);
    EXPECT_EQ(vco / q, 48000000u);  // USB OTG FS / SDMMC / RNG need 48 MHz
}

TEST_F(ClockTest, FinalStateRunsFromPllWithOverdriveAnd7WaitStates)
{
    EXPECT_EQ(g_fake.rcc.cr & (STM32_RCC_CR_HSEON | STM32_RCC_CR_PLLON),
              STM32_RCC_CR_HSEON | STM32_RCC_CR_PLLON);
    EXPECT_EQ(g_fake.rcc.cr & STM32_RCC_CR_HSEBYP, 0u) << "DISCO has a crystal, not a bypass clock";
    EXPECT_EQ(g_fake.rcc.cfgr & 3u, 2u) << "SW = PLL";
    EXPECT_EQ((g_fake.rcc.cfgr >> 4) & 0xFu, 0u) << "AHB /1";
    EXPECT_EQ((g_fake.rcc.cfgr >> 10) & 7u, 5u) << "APB1 /4 -> 54 MHz";
    EXPECT_EQ((g_fake.rcc.cfgr >> 13) & 7u, 4u) << "APB2 /2 -> 108 MHz";
    EXPECT_EQ(g_fake.pwr.cr1 & (3u << 14), 3u << 14) << "VOS scale 1";
    EXPECT_EQ(g_fake.pwr.cr1 & (STM32_PWR_CR1_ODEN | STM32_PWR_CR1_ODSWEN),
              STM32_PWR_CR1_ODEN | STM32_PWR_CR1_ODSWEN);
    EXPECT_EQ(g_fake.flash.acr & 0xFu, 7u) << "7 WS at 216 MHz, 2.7-3.6 V";
    EXPECT_TRUE(g_fake.flash.acr & STM32_FLASH_ACR_ARTEN);
    EXPECT_TRUE(g_fake.flash.acr & STM32_FLASH_ACR_PRFTEN);
    EXPECT_TRUE(g_fake.rcc.apb1enr & STM32_RCC_APB1ENR_PWREN);
    EXPECT_EQ(STM32_PCLK1_HZ, 54000000u);
    EXPECT_EQ(STM32_PCLK2_HZ, 108000000u);
    EXPECT_EQ(STM32_TIMCLK1_HZ, 108000000u);
}

TEST_F(ClockTest, SequenceOrder)
{
    // The waits happen in this order: HSE, PLL, over-drive, switch.
    std::vector<std::string> order;
    for (const PollEvent &e : g_polls) {
        if (order.empty() || order.back() != e.reg) order.push_back(e.reg);
    }
    EXPECT_EQ(order, (std::vector<std::string>{"RCC_CR", "PWR_CSR1", "RCC_CFGR"}));
    const PollEvent &hse = poll("RCC_CR", 0);
    EXPECT_TRUE(hse.rcc_cr & STM32_RCC_CR_HSEON);
    EXPECT_FALSE(hse.rcc_cr & STM32_RCC_CR_PLLON) << "PLL started before HSE was ready";
    const PollEvent &pll = poll("RCC_CR", 1);
    EXPECT_EQ(pll.rcc_pllcfgr, 0x29406C19u) << "PLLCFGR must be set before PLLON";
    EXPECT_TRUE(pll.rcc_cr & STM32_RCC_CR_PLLON);
    const PollEvent &od = poll("PWR_CSR1", 0);
    EXPECT_TRUE(od.rcc_cr & STM32_RCC_CR_PLLRDY) << "over-drive after PLL lock (§4.1.4)";
    EXPECT_TRUE(od.pwr_cr1 & STM32_PWR_CR1_ODEN);
    EXPECT_FALSE(od.pwr_cr1 & STM32_PWR_CR1_ODSWEN) << "ODSWEN before ODRDY";
    const PollEvent &sw = poll("RCC_CFGR", 0);
    EXPECT_EQ(sw.flash_acr & 0xFu, 7u) << "latency must be raised before the switch";
    EXPECT_TRUE(sw.pwr_csr1 & STM32_PWR_CSR1_ODSWRDY) << "switch before over-drive is active";
    EXPECT_EQ((sw.rcc_cfgr >> 10) & 7u, 5u) << "APB1 /4 before SYSCLK goes to 216 MHz";
    EXPECT_EQ((sw.rcc_cfgr >> 13) & 7u, 4u) << "APB2 /2 before SYSCLK goes to 216 MHz";
}

TEST(Usart, BaudFollowsApb2At216MHz)
{
    stm32_usart_t u;
    std::memset(&u, 0, sizeof u);
    stm32_usart_init(&u, STM32_PCLK2_HZ, 115200u);
    EXPECT_EQ(u.brr, 938u);  // round(108e6 / 115200) = 937.5 -> 938 (+0.05 %)
    EXPECT_EQ(u.cr1, STM32_USART_CR1_TE | STM32_USART_CR1_UE);
    stm32_usart_init(&u, 16000000u, 115200u);  // reset clock: HSI
    EXPECT_EQ(u.brr, 139u);
}

TEST(Usart, WriteWaitsForTxeAndEndsOnTc)
{
    std::memset(&g_fake.usart, 0, sizeof g_fake.usart);
    g_usart_polls = 0;
    stm32_usart_write(&g_fake.usart, "ok", 2);
    EXPECT_EQ(g_fake.usart.tdr, static_cast<uint32_t>('k'));
    EXPECT_GE(g_usart_polls, 1u) << "wrote without waiting for TXE";
}

TEST(Gpio, Pa9Pa10AreAf7ForUsart1)
{
    stm32_gpio_t g;
    std::memset(&g, 0, sizeof g);
    g.moder = 0xA8000000u;  // GPIOA reset value (debug pins)
    stm32_gpio_set_af(&g, 9u, 7u);
    stm32_gpio_set_af(&g, 10u, 7u);
    EXPECT_EQ(g.afr[1], 0x00000770u);                 // AFRH: AFR9 = AFR10 = 7
    EXPECT_EQ(g.afr[0], 0u);
    EXPECT_EQ(g.moder, 0xA8000000u | (2u << 18) | (2u << 20));  // alternate function
    EXPECT_EQ(g.ospeedr, (2u << 18) | (2u << 20));
    EXPECT_EQ(g.pupdr, (1u << 18) | (1u << 20));
}

TEST(Tim, PeriodicTrgoAt1kHzFrom108MHz)
{
    stm32_tim_t t;
    std::memset(&t, 0xFF, sizeof t);
    ASSERT_TRUE(stm32_tim_periodic_start(&t, STM32_TIMCLK1_HZ, 1000u, STM32_TIM_TRGO_ON_UPDATE));
    EXPECT_EQ((t.psc + 1u) * (t.arr + 1u), 108000u);
    EXPECT_LE(t.arr, 0xFFFFu);
    EXPECT_EQ(t.cr2, 2u << 4) << "MMS = update";
    EXPECT_EQ(t.dier, 0u);
    EXPECT_EQ(t.cr1, STM32_TIM_CR1_CEN | STM32_TIM_CR1_URS);
    EXPECT_EQ(t.sr, 0u);
    EXPECT_EQ(t.egr, STM32_TIM_EGR_UG);
}

TEST(Tim, PeriodicIrqAt10kHzAndBadRates)
{
    stm32_tim_t t;
    std::memset(&t, 0, sizeof t);
    ASSERT_TRUE(stm32_tim_periodic_start(&t, STM32_TIMCLK1_HZ, 10000u, STM32_TIM_IRQ_ON_UPDATE));
    EXPECT_EQ(t.psc, 0u);
    EXPECT_EQ(t.arr, 10799u);
    EXPECT_EQ(t.dier, STM32_TIM_DIER_UIE);
    EXPECT_EQ(t.cr2, 0u);
    std::memset(&t, 0x5A, sizeof t);
    EXPECT_FALSE(stm32_tim_periodic_start(&t, STM32_TIMCLK1_HZ, 0u, 0u));
    EXPECT_FALSE(stm32_tim_periodic_start(&t, STM32_TIMCLK1_HZ, STM32_TIMCLK1_HZ, 0u));
    EXPECT_EQ(t.cr1, 0x5A5A5A5Au) << "a refused start touched the timer";
    stm32_tim_stop(&t);
    EXPECT_EQ(t.cr1, 0u);
    EXPECT_EQ(t.dier, 0u);
}

TEST(Tim, ConfigureLeavesTheCounterStopped)
{
    stm32_tim_t t;
    std::memset(&t, 0xFF, sizeof t);  // a running timer from an earlier start
    ASSERT_TRUE(stm32_tim_periodic_configure(&t, STM32_TIMCLK1_HZ, 1000u, STM32_TIM_TRGO_ON_UPDATE));
    EXPECT_EQ(t.cr1, STM32_TIM_CR1_URS) << "CEN must stay off until stm32_tim_enable";
    EXPECT_EQ(t.egr, STM32_TIM_EGR_UG);
    stm32_tim_enable(&t);
    EXPECT_EQ(t.cr1, STM32_TIM_CR1_CEN | STM32_TIM_CR1_URS);
}

TEST(Tim, TakeUpdateActsOnlyOnUif)
{
    stm32_tim_t t;
    std::memset(&t, 0, sizeof t);
    t.sr = 0x1Eu;  // other flags (CCxIF), no UIF: not our interrupt
    EXPECT_FALSE(stm32_tim_take_update(&t));
    EXPECT_EQ(t.sr, 0x1Eu) << "SR written although UIF was clear";
    t.sr = STM32_TIM_SR_UIF;
    EXPECT_TRUE(stm32_tim_take_update(&t));
    // rc_w0: the driver writes 0 to UIF only and 1 elsewhere (no other flag lost).
    EXPECT_EQ(t.sr, ~STM32_TIM_SR_UIF);
}

class AdcOnTimer : public ::testing::Test {
protected:
    void SetUp() override
    {
        std::memset(&g_fake.adc, 0, sizeof g_fake.adc);
        std::memset(&g_fake.adc_common, 0, sizeof g_fake.adc_common);
        std::memset(&g_fake.tim, 0xFF, sizeof g_fake.tim);  // left running by an earlier start
        g_polls.clear();
    }

    bool start(unsigned channel, uint32_t rate_hz = 1000u)
    {
        return stm32_adc_start_on_timer(&g_fake.adc, &g_fake.adc_common, channel,
                                        STM32_ADC_EXTSEL_TIM2_TRGO, &g_fake.tim, STM32_TIMCLK1_HZ,
                                        rate_hz, STM32_SYSCLK_HZ);
    }

    size_t delay_iterations() const
    {
        size_t n = 0;
        for (const PollEvent &e : g_polls) n += e.reg == "DELAY";
        return n;
    }
};

TEST_F(AdcOnTimer, VrefintTriggeredByTim2Trgo)
{
    ASSERT_TRUE(start(STM32_ADC_CHANNEL_VREFINT));
    const stm32_adc_t &a = g_fake.adc;
    EXPECT_EQ(g_fake.adc_common.ccr, (1u << 16) | (1u << 23));  // ADCPRE = /4, TSVREFE
    EXPECT_EQ(a.cr1, (1u << 5) | (1u << 26));   // EOCIE, OVRIE, 12-bit, no scan
    EXPECT_EQ(a.smpr1, 7u << 21);               // SMP17 = 480 cycles
    EXPECT_EQ(a.sqr1, 0u);                      // L = 0: one conversion
    EXPECT_EQ(a.sqr3, 17u);                     // SQ1 = IN17
    // EXTEN = rising (01), EXTSEL = 1011 (TIM2_TRGO), EOCS, ADON.
    EXPECT_EQ(a.cr2, 0x1B000401u);
    EXPECT_EQ(g_fake.tim.cr2, 2u << 4) << "TRGO = update";
    EXPECT_EQ((g_fake.tim.psc + 1u) * (g_fake.tim.arr + 1u), 108000u);
    EXPECT_EQ(g_fake.tim.cr1, STM32_TIM_CR1_CEN | STM32_TIM_CR1_URS);
    stm32_adc_stop(&g_fake.adc);
    EXPECT_EQ(a.cr2, 0u);
    EXPECT_EQ(a.cr1, 0u);
}

// Timer (with its UG event) first, then ADON, a settling wait, then EXTEN,
// then CEN: during the wait the timer is configured but stopped and the ADC
// is powered but deaf to TRGO, so neither the UG pulse nor a half-settled
// reference starts a conversion.
TEST_F(AdcOnTimer, StartOrderTimerAdonWaitExtenCen)
{
    ASSERT_TRUE(start(STM32_ADC_CHANNEL_VREFINT));
    ASSERT_FALSE(g_polls.empty()) << "no settling wait";
    for (const PollEvent &e : g_polls) {
        ASSERT_EQ(e.reg, "DELAY");
        EXPECT_EQ(e.tim_egr, STM32_TIM_EGR_UG) << "timer not configured before ADON";
        EXPECT_EQ((e.tim_psc + 1u) * (e.tim_arr + 1u), 108000u);
        EXPECT_EQ(e.tim_cr1 & STM32_TIM_CR1_CEN, 0u) << "timer counting during the wait";
        EXPECT_EQ(e.adc_cr2, STM32_ADC_CR2_EOCS | STM32_ADC_CR2_ADON) << "ADC armed during the wait";
        EXPECT_NE(e.adc_ccr & STM32_ADC_CCR_TSVREFE, 0u);
    }
    // >= 10 us for VREFINT: one core cycle per iteration at most 216 MHz.
    EXPECT_GE(delay_iterations(), 10u * (STM32_SYSCLK_HZ / 1000000u));
}

TEST_F(AdcOnTimer, ExternalChannelWaitsTheAdcStabilisationTime)
{
    ASSERT_TRUE(start(6u));
    EXPECT_EQ(g_fake.adc.smpr2, 7u << 18);
    EXPECT_EQ(g_fake.adc.smpr1, 0u);
    EXPECT_EQ(g_fake.adc_common.ccr, 1u << 16) << "TSVREFE only for the internal channels";
    EXPECT_GE(delay_iterations(), 3u * (STM32_SYSCLK_HZ / 1000000u));
    EXPECT_LT(delay_iterations(), 10u * (STM32_SYSCLK_HZ / 1000000u));
}

TEST_F(AdcOnTimer, RefusedRateTouchesNothing)
{
    std::memset(&g_fake.adc, 0x5A, sizeof g_fake.adc);
    EXPECT_FALSE(start(STM32_ADC_CHANNEL_VREFINT, 0u));
    EXPECT_EQ(g_fake.adc.cr2, 0x5A5A5A5Au);
    EXPECT_EQ(g_fake.tim.cr1, 0xFFFFFFFFu);
    EXPECT_TRUE(g_polls.empty());
}

TEST(RegisterLayout, OffsetsMatchRm0410)
{
    EXPECT_EQ(offsetof(stm32_rcc_t, pllcfgr), 0x04u);
    EXPECT_EQ(offsetof(stm32_rcc_t, cfgr), 0x08u);
    EXPECT_EQ(offsetof(stm32_rcc_t, ahb1enr), 0x30u);
    EXPECT_EQ(offsetof(stm32_rcc_t, apb1enr), 0x40u);
    EXPECT_EQ(offsetof(stm32_rcc_t, dckcfgr2), 0x90u);
    EXPECT_EQ(offsetof(stm32_usart_t, isr), 0x1Cu);
    EXPECT_EQ(offsetof(stm32_usart_t, tdr), 0x28u);
    EXPECT_EQ(offsetof(stm32_tim_t, arr), 0x2Cu);
    EXPECT_EQ(offsetof(stm32_adc_t, sqr3), 0x34u);
    EXPECT_EQ(offsetof(stm32_gpio_t, afr), 0x20u);
    EXPECT_EQ(offsetof(stm32_pwr_t, csr1), 0x04u);
    EXPECT_EQ(offsetof(stm32_dbgmcu_t, apb1fz), 0x08u);
    EXPECT_EQ(STM32_DBGMCU_APB1FZ_TIM2 | STM32_DBGMCU_APB1FZ_TIM7, 0x21u);
}

}  // namespace
