// Tests of mem/ring.h: every public function, every full-policy, every error
// path, saturation of the counters, and random sequences against std::deque.
#include "mem/ring.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <deque>
#include <random>

namespace {

static MEM_RING_STORAGE(g_static_slots, uint16_t, 5);

TEST(RingInit, RejectsBadArgumentsAndLeavesRingUntouched)
{
    uint8_t storage[64];
    mem_ring_t r;
    std::memset(&r, 0x5A, sizeof r);
    mem_ring_t before = r;
    EXPECT_EQ(mem_ring_init(nullptr, storage, 64, 4, 16, MEM_RING_REJECT),
              MEM_ERR_ARG);
    EXPECT_EQ(mem_ring_init(&r, nullptr, 64, 4, 16, MEM_RING_REJECT),
              MEM_ERR_ARG);
    EXPECT_EQ(mem_ring_init(&r, storage, 64, 4, 16,
                            static_cast<mem_ring_policy_t>(3)),
              MEM_ERR_ARG);
    EXPECT_EQ(mem_ring_init(&r, storage, 64, 0, 16, MEM_RING_REJECT),
              MEM_ERR_SIZE);
    EXPECT_EQ(mem_ring_init(&r, storage, 64, 4, 0, MEM_RING_REJECT),
              MEM_ERR_SIZE);
    EXPECT_EQ(mem_ring_init(&r, storage, 63, 4, 16, MEM_RING_REJECT),
              MEM_ERR_SIZE);
    EXPECT_EQ(mem_ring_init(&r, storage, SIZE_MAX, SIZE_MAX / 2, 3,
                            MEM_RING_REJECT),
              MEM_ERR_SIZE)
        << "capacity * elem_size overflow";
    if (sizeof(size_t) > 4) {
        EXPECT_EQ(mem_ring_init(&r, storage, SIZE_MAX, 1,
                                (size_t)UINT32_MAX + 1u, MEM_RING_REJECT),
                  MEM_ERR_SIZE);
    }
    EXPECT_EQ(std::memcmp(&r, &before, sizeof r), 0);
}

TEST(RingInit, AnyCapacityAndStaticStorage)
{
    mem_ring_t r;
    ASSERT_EQ(mem_ring_init(&r, g_static_slots, sizeof g_static_slots,
                            sizeof(uint16_t), 5, MEM_RING_OVERWRITE_OLDEST),
              MEM_OK);
    EXPECT_EQ(mem_ring_capacity(&r), 5u);
    EXPECT_EQ(mem_ring_count(&r), 0u);
    EXPECT_EQ(mem_ring_policy(&r), MEM_RING_OVERWRITE_OLDEST);
    mem_ring_stats_t st;
    ASSERT_EQ(mem_ring_stats(&r, &st), MEM_OK);
    EXPECT_EQ(st.pushed + st.popped + st.rejected + st.overwritten +
                  st.dropped_newest + st.high_water,
              0u);
}

struct Fixture {
    uint32_t slots[3];
    mem_ring_t r;
    explicit Fixture(mem_ring_policy_t p)
    {
        EXPECT_EQ(mem_ring_init(&r, slots, sizeof slots, 4, 3, p), MEM_OK);
    }
    void fill()
    {
        for (uint32_t v = 1; v <= 3; ++v) {
            EXPECT_EQ(mem_ring_push(&r, &v), MEM_OK);
        }
    }
    std::vector<uint32_t> drain()
    {
        std::vector<uint32_t> out;
        uint32_t v;
        while (mem_ring_pop(&r, &v) == MEM_OK) out.push_back(v);
        return out;
    }
    mem_ring_stats_t stats()
    {
        mem_ring_stats_t s;
        EXPECT_EQ(mem_ring_stats(&r, &s), MEM_OK);
        return s;
    }
};

TEST(RingPolicy, RejectFailsAndCounts)
{
    Fixture f(MEM_RING_REJECT);
    f.fill();
    uint32_t v = 9;
    EXPECT_EQ(mem_ring_push(&f.r, &v), MEM_ERR_FULL);
    EXPECT_EQ(mem_ring_push(&f.r, &v), MEM_ERR_FULL);
    mem_ring_stats_t s = f.stats();
    EXPECT_EQ(s.rejected, 2u);
    EXPECT_EQ(s.overwritten, 0u);
    EXPECT_EQ(s.dropped_newest, 0u);
    EXPECT_EQ(s.pushed, 3u);
    EXPECT_EQ(f.drain(), (std::vector<uint32_t>{1, 2, 3}));
    EXPECT_EQ(f.stats().popped, 3u);
}

TEST(RingPolicy, OverwriteOldestSucceedsDropsOldestAndCounts)
{
    Fixture f(MEM_RING_OVERWRITE_OLDEST);
    f.fill();
    for (uint32_t v = 4; v <= 7; ++v) {
        EXPECT_EQ(mem_ring_push(&f.r, &v), MEM_OK);
        EXPECT_EQ(mem_ring_count(&f.r), 3u);
    }
    mem_ring_stats_t s = f.stats();
    EXPECT_EQ(s.overwritten, 4u);
    EXPECT_EQ(s.rejected, 0u);
    EXPECT_EQ(s.dropped_newest, 0u);
    EXPECT_EQ(s.pushed, 7u);
    EXPECT_EQ(s.high_water, 3u);
    EXPECT_EQ(f.drain(), (std::vector<uint32_t>{5, 6, 7}));
}

TEST(RingPolicy, DropNewestReportsDiscardAndKeepsOldData)
{
    Fixture f(MEM_RING_DROP_NEWEST);
    f.fill();
    uint32_t v = 9;
    EXPECT_EQ(mem_ring_push(&f.r, &v), MEM_ERR_FULL);
    mem_ring_stats_t s = f.stats();
    EXPECT_EQ(s.dropped_newest, 1u);
    EXPECT_EQ(s.rejected, 0u);
    EXPECT_EQ(s.overwritten, 0u);
    EXPECT_EQ(f.drain(), (std::vector<uint32_t>{1, 2, 3}));
}

TEST(RingOps, PeekByAgeAcrossWrapAndRangeError)
{
    Fixture f(MEM_RING_OVERWRITE_OLDEST);
    for (uint32_t v = 1; v <= 5; ++v) ASSERT_EQ(mem_ring_push(&f.r, &v), MEM_OK);
    // Holds 3,4,5 with head in the middle of storage.
    uint32_t out = 0;
    for (uint32_t age = 0; age < 3; ++age) {
        ASSERT_EQ(mem_ring_peek(&f.r, age, &out), MEM_OK);
        EXPECT_EQ(out, 3 + age);
    }
    out = 77;
    EXPECT_EQ(mem_ring_peek(&f.r, 3, &out), MEM_ERR_RANGE);
    EXPECT_EQ(out, 77u);
    EXPECT_EQ(mem_ring_count(&f.r), 3u) << "peek removes nothing";
}

TEST(RingOps, PopEmptyClearAndNullArguments)
{
    Fixture f(MEM_RING_REJECT);
    uint32_t v = 5;
    EXPECT_EQ(mem_ring_pop(&f.r, &v), MEM_ERR_EMPTY);
    EXPECT_EQ(v, 5u);
    f.fill();
    EXPECT_EQ(mem_ring_clear(&f.r), MEM_OK);
    EXPECT_EQ(mem_ring_count(&f.r), 0u);
    EXPECT_EQ(mem_ring_pop(&f.r, &v), MEM_ERR_EMPTY);
    EXPECT_EQ(f.stats().pushed, 3u) << "clear keeps the stats";
    EXPECT_EQ(f.stats().popped, 0u) << "clear is not counted as pops";

    EXPECT_EQ(mem_ring_push(nullptr, &v), MEM_ERR_ARG);
    EXPECT_EQ(mem_ring_push(&f.r, nullptr), MEM_ERR_ARG);
    EXPECT_EQ(mem_ring_pop(nullptr, &v), MEM_ERR_ARG);
    EXPECT_EQ(mem_ring_pop(&f.r, nullptr), MEM_ERR_ARG);
    EXPECT_EQ(mem_ring_peek(nullptr, 0, &v), MEM_ERR_ARG);
    EXPECT_EQ(mem_ring_peek(&f.r, 0, nullptr), MEM_ERR_ARG);
    EXPECT_EQ(mem_ring_clear(nullptr), MEM_ERR_ARG);
    mem_ring_stats_t s;
    EXPECT_EQ(mem_ring_stats(nullptr, &s), MEM_ERR_ARG);
    EXPECT_EQ(mem_ring_stats(&f.r, nullptr), MEM_ERR_ARG);
    EXPECT_EQ(mem_ring_stats_reset(nullptr), MEM_ERR_ARG);
    EXPECT_EQ(mem_ring_count(nullptr), 0u);
    EXPECT_EQ(mem_ring_capacity(nullptr), 0u);
    EXPECT_EQ(mem_ring_policy(nullptr), MEM_RING_REJECT);
}

TEST(RingStats, ResetZeroesCountersAndRestartsHighWater)
{
    Fixture f(MEM_RING_REJECT);
    f.fill();
    uint32_t v;
    ASSERT_EQ(mem_ring_push(&f.r, &v), MEM_ERR_FULL);
    ASSERT_EQ(mem_ring_pop(&f.r, &v), MEM_OK);
    ASSERT_EQ(mem_ring_stats_reset(&f.r), MEM_OK);
    mem_ring_stats_t s = f.stats();
    EXPECT_EQ(s.pushed, 0u);
    EXPECT_EQ(s.popped, 0u);
    EXPECT_EQ(s.rejected, 0u);
    EXPECT_EQ(s.high_water, 2u) << "restarts at the current count";
}

TEST(RingStats, CountersSaturateInsteadOfWrapping)
{
    Fixture f(MEM_RING_REJECT);
    f.fill();
    f.r.stats_.rejected = UINT32_MAX - 1u;
    uint32_t v = 0;
    for (int i = 0; i < 3; ++i) EXPECT_EQ(mem_ring_push(&f.r, &v), MEM_ERR_FULL);
    EXPECT_EQ(f.stats().rejected, UINT32_MAX);
}

TEST(RingLocked, WrappersBehaveLikePlainFunctions)
{
    Fixture f(MEM_RING_DROP_NEWEST);
    uint32_t v = 1;
    EXPECT_EQ(mem_ring_push_locked(&f.r, &v), MEM_OK);
    v = 2;
    EXPECT_EQ(mem_ring_push_locked(&f.r, &v), MEM_OK);
    EXPECT_EQ(mem_ring_count_locked(&f.r), 2u);
    uint32_t out = 0;
    EXPECT_EQ(mem_ring_peek_locked(&f.r, 1, &out), MEM_OK);
    EXPECT_EQ(out, 2u);
    EXPECT_EQ(mem_ring_peek_locked(&f.r, 2, &out), MEM_ERR_RANGE);
    EXPECT_EQ(mem_ring_pop_locked(&f.r, &out), MEM_OK);
    EXPECT_EQ(out, 1u);
    mem_ring_stats_t s;
    EXPECT_EQ(mem_ring_stats_locked(&f.r, &s), MEM_OK);
    EXPECT_EQ(s.pushed, 2u);
    EXPECT_EQ(s.popped, 1u);
    EXPECT_EQ(mem_ring_stats_reset_locked(&f.r), MEM_OK);
    EXPECT_EQ(mem_ring_stats_locked(&f.r, &s), MEM_OK);
    EXPECT_EQ(s.pushed, 0u);
    EXPECT_EQ(mem_ring_clear_locked(&f.r), MEM_OK);
    EXPECT_EQ(mem_ring_count_locked(&f.r), 0u);
    EXPECT_EQ(mem_ring_pop_locked(&f.r, &out), MEM_ERR_EMPTY);
    EXPECT_EQ(mem_ring_push_locked(nullptr, &v), MEM_ERR_ARG);
    EXPECT_EQ(mem_ring_pop_locked(nullptr, &out), MEM_ERR_ARG);
    EXPECT_EQ(mem_ring_peek_locked(nullptr, 0, &out), MEM_ERR_ARG);
    EXPECT_EQ(mem_ring_clear_locked(nullptr), MEM_ERR_ARG);
    EXPECT_EQ(mem_ring_count_locked(nullptr), 0u);
    EXPECT_EQ(mem_ring_stats_locked(nullptr, &s), MEM_ERR_ARG);
    EXPECT_EQ(mem_ring_stats_reset_locked(nullptr), MEM_ERR_ARG);
}

// Random operations for each policy and several capacities, compared with a
// std::deque model (and model counters) after every step.
struct ModelParam {
    mem_ring_policy_t policy;
    size_t capacity;
    uint32_t seed;
};

class RingModel : public ::testing::TestWithParam<ModelParam> {};

TEST_P(RingModel, MatchesDequeAfterEveryStep)
{
    const ModelParam p = GetParam();
    constexpr size_t kSize = 5;  // odd element size
    uint8_t storage[7 * kSize];
    mem_ring_t r;
    ASSERT_EQ(mem_ring_init(&r, storage, sizeof storage, kSize, p.capacity,
                            p.policy),
              MEM_OK);
    std::deque<uint8_t> model;
    mem_ring_stats_t ms{};
    std::mt19937 rng(p.seed);
    uint8_t next = 0;
    for (int step = 0; step < 20000; ++step) {
        uint32_t op = rng() % 10;
        uint8_t e[kSize];
        if (op < 5) {  // push
            std::memset(e, next, kSize);
            mem_status_t s = mem_ring_push(&r, e);
            if (model.size() < p.capacity) {
                ASSERT_EQ(s, MEM_OK);
                model.push_back(next);
                ms.pushed++;
            } else if (p.policy == MEM_RING_OVERWRITE_OLDEST) {
                ASSERT_EQ(s, MEM_OK);
                model.pop_front();
                model.push_back(next);
                ms.pushed++;
                ms.overwritten++;
            } else {
                ASSERT_EQ(s, MEM_ERR_FULL);
                (p.policy == MEM_RING_REJECT ? ms.rejected : ms.dropped_newest)++;
            }
            ++next;
        } else if (op < 8) {  // pop
            mem_status_t s = mem_ring_pop(&r, e);
            if (model.empty()) {
                ASSERT_EQ(s, MEM_ERR_EMPTY);
            } else {
                ASSERT_EQ(s, MEM_OK);
                for (uint8_t b : e) ASSERT_EQ(b, model.front());
                model.pop_front();
                ms.popped++;
            }
        } else if (op == 8) {  // peek
            size_t age = rng() % (p.capacity + 1);
            mem_status_t s = mem_ring_peek(&r, age, e);
            if (age >= model.size()) {
                ASSERT_EQ(s, MEM_ERR_RANGE);
            } else {
                ASSERT_EQ(s, MEM_OK);
                for (uint8_t b : e) ASSERT_EQ(b, model[age]);
            }
        } else if (rng() % 16 == 0) {
            ASSERT_EQ(mem_ring_clear(&r), MEM_OK);
            model.clear();
        } else if (rng() % 16 == 0) {
            ASSERT_EQ(mem_ring_stats_reset(&r), MEM_OK);
            ms = mem_ring_stats_t{};
            ms.high_water = (uint32_t)model.size();
        }
        ms.high_water = std::max<uint32_t>(ms.high_water, (uint32_t)model.size());
        ASSERT_EQ(mem_ring_count(&r), model.size()) << "step " << step;
        mem_ring_stats_t rs;
        ASSERT_EQ(mem_ring_stats(&r, &rs), MEM_OK);
        ASSERT_EQ(std::memcmp(&rs, &ms, sizeof rs), 0) << "step " << step;
    }
}

INSTANTIATE_TEST_SUITE_P(
    PoliciesAndCapacities, RingModel,
    ::testing::Values(ModelParam{MEM_RING_REJECT, 1, 1},
                      ModelParam{MEM_RING_REJECT, 7, 2},
                      ModelParam{MEM_RING_OVERWRITE_OLDEST, 1, 3},
                      ModelParam{MEM_RING_OVERWRITE_OLDEST, 5, 4},
                      ModelParam{MEM_RING_OVERWRITE_OLDEST, 7, 5},
                      ModelParam{MEM_RING_DROP_NEWEST, 1, 6},
                      ModelParam{MEM_RING_DROP_NEWEST, 6, 7}));

}  // namespace
