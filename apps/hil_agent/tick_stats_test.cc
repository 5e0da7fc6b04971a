// Host tests of the agent's timing statistics (tick_stats.h).
#include <cstdint>
#include <random>

#include <gtest/gtest.h>

extern "C" {
#include "apps/hil_agent/tick_stats.h"
}

TEST(TickStats, EmptyReportsZeroMin)
{
    tick_stats_t s;
    tick_stats_init(&s);
    EXPECT_EQ(s.count, 0u);
    EXPECT_EQ(tick_stats_min(&s), 0u);
    EXPECT_EQ(s.max, 0u);
    EXPECT_EQ(tick_stats_total_lo(&s), 0u);
    EXPECT_EQ(tick_stats_total_hi(&s), 0u);
}

TEST(TickStats, MatchesReferenceOverRandomValues)
{
    std::mt19937 rng(6);
    tick_stats_t s;
    tick_stats_init(&s);
    uint64_t total = 0;
    uint32_t lo = UINT32_MAX, hi = 0;
    for (int i = 0; i < 5000; ++i) {
        const uint32_t v = rng();
        tick_stats_add(&s, v);
        total += v;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        ASSERT_EQ(tick_stats_min(&s), lo);
        ASSERT_EQ(s.max, hi);
        ASSERT_EQ((uint64_t)tick_stats_total_hi(&s) << 32 | tick_stats_total_lo(&s), total);
    }
    EXPECT_GT(tick_stats_total_hi(&s), 0u);  // the total really carried past 32 bits
}

TEST(TickStats, NetNeverWraps)
{
    EXPECT_EQ(tick_stats_net(10, 3), 7u);
    EXPECT_EQ(tick_stats_net(3, 3), 0u);
    EXPECT_EQ(tick_stats_net(2, 3), 0u);
}

TEST(TickHist, BucketsAndOverflowBucket)
{
    tick_hist_t h;
    tick_hist_init(&h, 25);
    EXPECT_EQ(h.width, 25u);
    tick_hist_add(&h, 0);
    tick_hist_add(&h, 24);
    tick_hist_add(&h, 25);
    tick_hist_add(&h, 15 * 25 - 1);
    tick_hist_add(&h, 15 * 25);
    tick_hist_add(&h, UINT32_MAX);
    EXPECT_EQ(h.bucket[0], 2u);
    EXPECT_EQ(h.bucket[1], 1u);
    EXPECT_EQ(h.bucket[14], 1u);
    EXPECT_EQ(h.bucket[15], 2u);
}

TEST(TickHist, ZeroWidthIsOne)
{
    tick_hist_t h;
    tick_hist_init(&h, 0);
    EXPECT_EQ(h.width, 1u);
    tick_hist_add(&h, 3);
    EXPECT_EQ(h.bucket[3], 1u);
}
