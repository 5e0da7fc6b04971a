// Host tests of the adc_sampler consumer logic (sample_stats).
#include <gtest/gtest.h>

#include <deque>
#include <random>

extern "C" {
#include "bsp/board.h"
#include "sample_stats.h"
}

namespace {

adc_sample_t S(uint32_t seq) { return {seq, bsp_sample_synthetic(seq), 0}; }

TEST(SampleStats, InOrderSequenceHasNoLoss)
{
    sample_stats_t st;
    sample_stats_init(&st, true);
    for (uint32_t seq = 0; seq < 100; ++seq) {
        adc_sample_t s = S(seq);
        sample_stats_add(&st, &s);
    }
    EXPECT_EQ(st.received, 100u);
    EXPECT_EQ(st.lost, 0u);
    EXPECT_EQ(st.reordered, 0u);
    EXPECT_EQ(st.corrupt, 0u);
    EXPECT_EQ(st.count, 100u);
    EXPECT_EQ(sample_stats_window_overwritten(&st), 100u - SAMPLE_STATS_WINDOW);
}

TEST(SampleStats, GapsDuplicatesAndCorruptionAreCounted)
{
    sample_stats_t st;
    sample_stats_init(&st, true);
    for (uint32_t seq : {0u, 1u, 4u, 5u, 5u, 3u, 9u}) {
        adc_sample_t s = S(seq);
        sample_stats_add(&st, &s);
    }
    EXPECT_EQ(st.lost, 2u + 3u);    // 2,3 then 6,7,8
    EXPECT_EQ(st.reordered, 2u);    // the second 5, then 3
    adc_sample_t bad = S(10);
    bad.value ^= 1u;
    sample_stats_add(&st, &bad);
    EXPECT_EQ(st.corrupt, 1u);
    sample_stats_init(&st, false);
    sample_stats_add(&st, &bad);
    EXPECT_EQ(st.corrupt, 0u) << "real ADC values are not checked";
}

TEST(SampleStats, FirstSampleLateCountsAsLoss)
{
    sample_stats_t st;
    sample_stats_init(&st, true);
    adc_sample_t s = S(7);
    sample_stats_add(&st, &s);
    EXPECT_EQ(st.lost, 7u);
    EXPECT_EQ(st.reordered, 0u);
}

// The filter is the mean of the last 8 values; min/max/mean track it.
TEST(SampleStats, FilterMatchesAReferenceModel)
{
    std::mt19937 rng(1234);
    sample_stats_t st;
    sample_stats_init(&st, false);
    std::deque<uint32_t> window;
    uint32_t mn = UINT32_MAX, mx = 0;
    uint64_t sum = 0;
    for (uint32_t seq = 0; seq < 2000; ++seq) {
        uint16_t v = static_cast<uint16_t>(rng() & 0xFFFu);
        adc_sample_t s = {seq, v, 0};
        sample_stats_add(&st, &s);
        window.push_back(v);
        if (window.size() > SAMPLE_STATS_WINDOW) window.pop_front();
        uint32_t total = 0;
        for (uint32_t w : window) total += w;
        uint32_t filt = total / static_cast<uint32_t>(window.size());
        ASSERT_EQ(st.filtered, filt) << seq;
        mn = std::min(mn, filt);
        mx = std::max(mx, filt);
        sum += filt;
        ASSERT_EQ(st.min, mn);
        ASSERT_EQ(st.max, mx);
        ASSERT_EQ(sample_stats_interval_mean(&st), static_cast<uint32_t>(sum / (seq + 1)));
    }
    sample_stats_interval_reset(&st);
    EXPECT_EQ(st.count, 0u);
    EXPECT_EQ(sample_stats_interval_mean(&st), 0u);
}

}  // namespace
