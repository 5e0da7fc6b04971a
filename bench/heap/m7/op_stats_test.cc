// op_stats: exact count/sum/max and nearest-rank percentiles, across the
// histogram, the overflow list, and a full overflow list.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

extern "C" {
#include "op_stats.h"
}

namespace {

// Nearest-rank percentile of a copy of `v`, the reference.
uint32_t reference(std::vector<uint32_t> v, uint32_t permille)
{
    std::sort(v.begin(), v.end());
    uint64_t rank = (static_cast<uint64_t>(v.size()) * permille + 999) / 1000;
    return v[rank - 1];
}

struct Stats {
    explicit Stats(uint32_t cap, uint32_t over_cap) : bins(cap), over(over_cap + 1)
    {
        op_stats_init(&s, bins.data(), cap, over.data(), over_cap);
    }
    std::vector<uint32_t> bins, over;
    op_stats_t s;
};

TEST(OpStats, EmptyIsZero)
{
    Stats st(16, 4);
    bool exact = false;
    EXPECT_EQ(op_stats_percentile(&st.s, 990, &exact), 0u);
    EXPECT_TRUE(exact);
    EXPECT_EQ(st.s.n, 0u);
}

TEST(OpStats, CountSumMax)
{
    Stats st(16, 4);
    for (uint32_t v : {3u, 9u, 40u, 1u}) {
        op_stats_add(&st.s, v);
    }
    EXPECT_EQ(st.s.n, 4u);
    EXPECT_EQ(st.s.sum, 53u);
    EXPECT_EQ(st.s.max, 40u);
    EXPECT_EQ(st.s.over_n, 1u);
}

TEST(OpStats, P99OfOneHundredValues)
{
    // 1..100: nearest rank ceil(100 * 0.99) = 99 -> 99; p100 -> 100.
    Stats st(1000, 4);
    for (uint32_t v = 100; v >= 1; v--) {
        op_stats_add(&st.s, v);
    }
    EXPECT_EQ(op_stats_percentile(&st.s, 990, nullptr), 99u);
    EXPECT_EQ(op_stats_percentile(&st.s, 1000, nullptr), 100u);
    EXPECT_EQ(op_stats_percentile(&st.s, 500, nullptr), 50u);
    EXPECT_EQ(op_stats_percentile(&st.s, 1, nullptr), 1u);
}

TEST(OpStats, MatchesSortingAcrossHistogramAndOverflow)
{
    std::mt19937 rng(7);
    for (uint32_t cap : {1u, 50u, 200u, 5000u}) {
        Stats st(cap, 100000);
        std::vector<uint32_t> all;
        for (int i = 0; i < 20000; i++) {
            // Mostly small, a tail of large values, many duplicates.
            uint32_t v = (rng() % 10 == 0) ? 100 + rng() % 3000 : rng() % 120;
            all.push_back(v);
            op_stats_add(&st.s, v);
        }
        for (uint32_t pm : {1u, 500u, 900u, 990u, 999u, 1000u}) {
            bool exact = false;
            EXPECT_EQ(op_stats_percentile(&st.s, pm, &exact), reference(all, pm))
                << "cap " << cap << " permille " << pm;
            EXPECT_TRUE(exact);
        }
        EXPECT_EQ(st.s.max, *std::max_element(all.begin(), all.end()));
    }
}

TEST(OpStats, AllEqualValuesInOverflow)
{
    Stats st(4, 100);
    for (int i = 0; i < 100; i++) {
        op_stats_add(&st.s, 77);
    }
    EXPECT_EQ(op_stats_percentile(&st.s, 990, nullptr), 77u);
}

TEST(OpStats, FullOverflowListIsReportedInexact)
{
    Stats st(10, 3);
    for (uint32_t v = 0; v < 10; v++) {
        op_stats_add(&st.s, v);
    }
    for (uint32_t v : {500u, 400u, 300u, 200u, 100u}) {
        op_stats_add(&st.s, v);
    }
    EXPECT_EQ(st.s.over_lost, 2u);
    EXPECT_EQ(st.s.over[3], 0u) << "wrote past over_cap";
    bool exact = true;
    // rank 15 of 15 lies among the lost values.
    EXPECT_EQ(op_stats_percentile(&st.s, 1000, &exact), 500u);
    EXPECT_FALSE(exact);
    // rank 5: inside the histogram, still exact.
    EXPECT_EQ(op_stats_percentile(&st.s, 300, &exact), 4u);
    EXPECT_TRUE(exact);
}

}  // namespace
