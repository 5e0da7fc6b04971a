// Tests of the typed SPSC API (MEM_SPSC_DEFINE_TYPED / _HW in mem/spsc.h):
// every generated function, full and empty, counter wrap past 2^32, element
// types other than a word, and random operation sequences against
// std::deque. Built twice (BUILD): with the default host ordering
// (acquire/release) and with MEM_CONFIG_SINGLE_CORE=1 (relaxed + compiler
// fences), so both variants of the shared helpers run.
#include "mem/spsc.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <deque>
#include <random>

namespace {

MEM_SPSC_DEFINE_TYPED(words, uint32_t, 8)
MEM_SPSC_DEFINE_TYPED_HW(words_hw, uint32_t, 8)
MEM_SPSC_DEFINE_TYPED(single, uint32_t, 1)

struct Sample {
    uint16_t channel;
    uint16_t value;
    uint64_t stamp;
};
MEM_SPSC_DEFINE_TYPED_HW(samples, Sample, 4)

// A zero-initialised static queue is empty without init.
words_t g_static_words;

TEST(SpscTyped, ZeroInitialisedStaticQueueIsEmpty)
{
    uint32_t v = 7;
    EXPECT_EQ(words_count(&g_static_words), 0u);
    EXPECT_EQ(words_pop(&g_static_words, &v), MEM_ERR_EMPTY);
    EXPECT_EQ(v, 7u);
    EXPECT_EQ(words_push(&g_static_words, 1u), MEM_OK);
    EXPECT_EQ(words_pop(&g_static_words, &v), MEM_OK);
    EXPECT_EQ(v, 1u);
}

TEST(SpscTyped, HoldsExactlyCapacityInFifoOrder)
{
    words_t q;
    words_init(&q);
    EXPECT_EQ(words_capacity(), 8u);
    for (uint32_t i = 0; i < 8; ++i) {
        ASSERT_EQ(words_push(&q, 100 + i), MEM_OK);
        EXPECT_EQ(words_count(&q), i + 1);
    }
    EXPECT_EQ(words_push(&q, 999u), MEM_ERR_FULL);
    EXPECT_EQ(words_count(&q), 8u);
    for (uint32_t i = 0; i < 8; ++i) {
        uint32_t v = 0;
        ASSERT_EQ(words_pop(&q, &v), MEM_OK);
        EXPECT_EQ(v, 100 + i);
    }
    uint32_t untouched = 5;
    EXPECT_EQ(words_pop(&q, &untouched), MEM_ERR_EMPTY);
    EXPECT_EQ(untouched, 5u);
    EXPECT_EQ(words_count(&q), 0u);
}

TEST(SpscTyped, FullPushLeavesQueueUnchanged)
{
    words_t q;
    words_init(&q);
    for (uint32_t i = 0; i < 8; ++i) {
        ASSERT_EQ(words_push(&q, i), MEM_OK);
    }
    words_t before = q;
    EXPECT_EQ(words_push(&q, 42u), MEM_ERR_FULL);
    EXPECT_EQ(memcmp(&before, &q, sizeof q), 0);
}

TEST(SpscTyped, CapacityOne)
{
    single_t q;
    single_init(&q);
    uint32_t v = 0;
    EXPECT_EQ(single_push(&q, 3u), MEM_OK);
    EXPECT_EQ(single_push(&q, 4u), MEM_ERR_FULL);
    EXPECT_EQ(single_pop(&q, &v), MEM_OK);
    EXPECT_EQ(v, 3u);
    EXPECT_EQ(single_pop(&q, &v), MEM_ERR_EMPTY);
}

TEST(SpscTyped, CountersWrapPast32Bits)
{
    words_t q;
    words_init(&q);
    q.head_ = q.tail_ = UINT32_MAX - 3u;  // free-running counters near wrap
    for (uint32_t round = 0; round < 4; ++round) {
        for (uint32_t i = 0; i < 8; ++i) {
            ASSERT_EQ(words_push(&q, round * 8 + i), MEM_OK);
        }
        EXPECT_EQ(words_push(&q, 0u), MEM_ERR_FULL);
        EXPECT_EQ(words_count(&q), 8u);
        for (uint32_t i = 0; i < 8; ++i) {
            uint32_t v = 0;
            ASSERT_EQ(words_pop(&q, &v), MEM_OK);
            EXPECT_EQ(v, round * 8 + i);
        }
    }
    EXPECT_LT(q.tail_, 100u);  // really wrapped
}

TEST(SpscTyped, StructElementsAndHighWater)
{
    samples_t q;
    samples_init(&q);
    EXPECT_EQ(samples_high_water(&q), 0u);
    for (uint16_t i = 0; i < 3; ++i) {
        ASSERT_EQ(samples_push(&q, Sample{i, uint16_t(i * 10), i * 1000ull}),
                  MEM_OK);
    }
    EXPECT_EQ(samples_high_water(&q), 3u);
    Sample s{};
    ASSERT_EQ(samples_pop(&q, &s), MEM_OK);
    EXPECT_EQ(s.channel, 0u);
    ASSERT_EQ(samples_pop(&q, &s), MEM_OK);
    EXPECT_EQ(s.value, 10u);
    EXPECT_EQ(s.stamp, 1000u);
    EXPECT_EQ(samples_high_water(&q), 3u);  // a mark, not the level
    samples_high_water_reset(&q);
    EXPECT_EQ(samples_high_water(&q), 1u);  // restarts at the current level
    for (int i = 0; i < 4; ++i) {
        (void)samples_push(&q, Sample{});
    }
    EXPECT_EQ(samples_high_water(&q), 4u);
    EXPECT_EQ(samples_push(&q, Sample{}), MEM_ERR_FULL);
    EXPECT_EQ(samples_high_water(&q), 4u);
}

TEST(SpscTyped, QueueWithoutMarkNeverWritesIt)
{
    words_t q;
    words_init(&q);
    for (uint32_t i = 0; i < 8; ++i) {
        ASSERT_EQ(words_push(&q, i), MEM_OK);
    }
    EXPECT_EQ(q.high_water_, 0u);
}

TEST(SpscTyped, InitEmptiesAQueue)
{
    words_hw_t q;
    words_hw_init(&q);
    ASSERT_EQ(words_hw_push(&q, 1u), MEM_OK);
    ASSERT_EQ(words_hw_push(&q, 2u), MEM_OK);
    words_hw_init(&q);
    uint32_t v;
    EXPECT_EQ(words_hw_count(&q), 0u);
    EXPECT_EQ(words_hw_high_water(&q), 0u);
    EXPECT_EQ(words_hw_pop(&q, &v), MEM_ERR_EMPTY);
}

// Random push / pop / reset sequences against std::deque, compared after
// every step (count, high-water mark, popped values, full/empty status).
class SpscTypedModel : public ::testing::TestWithParam<unsigned> {};

TEST_P(SpscTypedModel, MatchesDequeAfterEveryStep)
{
    std::mt19937 rng(GetParam());
    words_hw_t q;
    words_hw_init(&q);
    q.head_ = q.tail_ = UINT32_MAX - 20u;  // cross the wrap during the run
    std::deque<uint32_t> model;
    size_t model_mark = 0;
    uint32_t next = 0;
    for (int step = 0; step < 20000; ++step) {
        unsigned op = rng() % 10;
        if (op < 5) {
            mem_status_t st = words_hw_push(&q, next);
            if (model.size() == 8) {
                ASSERT_EQ(st, MEM_ERR_FULL) << step;
            } else {
                ASSERT_EQ(st, MEM_OK) << step;
                model.push_back(next);
                model_mark = std::max(model_mark, model.size());
            }
            ++next;
        } else if (op < 9) {
            uint32_t v = 0xDEADu;
            mem_status_t st = words_hw_pop(&q, &v);
            if (model.empty()) {
                ASSERT_EQ(st, MEM_ERR_EMPTY) << step;
                ASSERT_EQ(v, 0xDEADu) << step;
            } else {
                ASSERT_EQ(st, MEM_OK) << step;
                ASSERT_EQ(v, model.front()) << step;
                model.pop_front();
            }
        } else {
            words_hw_high_water_reset(&q);
            model_mark = model.size();
        }
        ASSERT_EQ(words_hw_count(&q), model.size()) << step;
        ASSERT_EQ(words_hw_high_water(&q), model_mark) << step;
    }
}

INSTANTIATE_TEST_SUITE_P(Seeds, SpscTypedModel,
                         ::testing::Values(1u, 5u, 77u, 2024u));

}  // namespace
