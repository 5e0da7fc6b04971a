// Single-threaded tests of mem/spsc.h: every public function, every error
// path, counter wrap-around, and random operation sequences compared with
// std::deque after every step.
#include "mem/spsc.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <deque>
#include <random>
#include <vector>

namespace {

struct Msg {
    uint32_t seq;
    uint16_t tag;
    uint16_t pad;
};

static MEM_SPSC_STORAGE(g_static_slots, Msg, 8);

// Raw storage with controllable alignment.
struct alignas(16) Raw {
    uint8_t bytes[1024];
};

TEST(SpscInit, StaticStorageMacroHasRightSizeAndAlignment)
{
    static_assert(sizeof(g_static_slots) == 8 * sizeof(Msg), "size");
    EXPECT_EQ(reinterpret_cast<uintptr_t>(g_static_slots) % MEM_SPSC_MAX_ALIGN,
              0u);
    mem_spsc_t q;
    ASSERT_EQ(mem_spsc_init(&q, g_static_slots, sizeof g_static_slots,
                            sizeof(Msg), 8),
              MEM_OK);
    EXPECT_EQ(mem_spsc_capacity(&q), 8u);
    EXPECT_EQ(mem_spsc_count(&q), 0u);
    EXPECT_EQ(mem_spsc_high_water(&q), 0u);
}

TEST(SpscInit, RejectsBadArgumentsAndLeavesQueueUntouched)
{
    Raw raw;
    mem_spsc_t q;
    std::memset(&q, 0x5A, sizeof q);
    mem_spsc_t before = q;
    const size_t big = (size_t)1 << 32;

    EXPECT_EQ(mem_spsc_init(nullptr, raw.bytes, 64, 4, 16), MEM_ERR_ARG);
    EXPECT_EQ(mem_spsc_init(&q, nullptr, 64, 4, 16), MEM_ERR_ARG);
    EXPECT_EQ(mem_spsc_init(&q, raw.bytes, 64, 0, 16), MEM_ERR_SIZE);
    EXPECT_EQ(mem_spsc_init(&q, raw.bytes, 64, 4, 0), MEM_ERR_SIZE);
    EXPECT_EQ(mem_spsc_init(&q, raw.bytes, 64, 4, 12), MEM_ERR_SIZE);
    EXPECT_EQ(mem_spsc_init(&q, raw.bytes, 64, 4, 3), MEM_ERR_SIZE);
    EXPECT_EQ(mem_spsc_init(&q, raw.bytes, SIZE_MAX, 1, big), MEM_ERR_SIZE);
    EXPECT_EQ(mem_spsc_init(&q, raw.bytes, SIZE_MAX, big + 8, 2),
              MEM_ERR_SIZE);
    // capacity * elem_size overflowing size_t can only happen where size_t
    // is 32 bits (capacity <= 2^31 and elem_size < 2^32 here).
    if (sizeof(size_t) == 4) {
        EXPECT_EQ(mem_spsc_init(&q, raw.bytes, SIZE_MAX, (size_t)1 << 31, 2),
                  MEM_ERR_SIZE);
    }
    // Storage one byte short.
    EXPECT_EQ(mem_spsc_init(&q, raw.bytes, 63, 4, 16), MEM_ERR_SIZE);
    // Misaligned for a 4-byte-multiple element; 8-byte cap for 16 bytes.
    EXPECT_EQ(mem_spsc_init(&q, raw.bytes + 2, 64, 4, 16), MEM_ERR_ALIGN);
    EXPECT_EQ(mem_spsc_init(&q, raw.bytes + 4, 256, 16, 16), MEM_ERR_ALIGN);
    EXPECT_EQ(std::memcmp(&q, &before, sizeof q), 0);

    // What is allowed: odd element sizes at any address, 4 at 4, 16 at 8,
    // and a capacity-1 queue.
    EXPECT_EQ(mem_spsc_init(&q, raw.bytes + 1, 48, 3, 16), MEM_OK);
    EXPECT_EQ(mem_spsc_init(&q, raw.bytes + 4, 64, 4, 16), MEM_OK);
    EXPECT_EQ(mem_spsc_init(&q, raw.bytes + 8, 256, 16, 16), MEM_OK);
    EXPECT_EQ(mem_spsc_init(&q, raw.bytes, 4, 4, 1), MEM_OK);
}

TEST(SpscPushPop, HoldsExactlyCapacityElementsInFifoOrder)
{
    uint32_t slots[4];
    mem_spsc_t q;
    ASSERT_EQ(mem_spsc_init(&q, slots, sizeof slots, sizeof(uint32_t), 4),
              MEM_OK);
    uint32_t v = 0;
    EXPECT_EQ(mem_spsc_pop(&q, &v), MEM_ERR_EMPTY);
    for (uint32_t i = 0; i < 4; ++i) {
        EXPECT_EQ(mem_spsc_push(&q, &i), MEM_OK) << i;
        EXPECT_EQ(mem_spsc_count(&q), i + 1);
    }
    uint32_t extra = 99;
    EXPECT_EQ(mem_spsc_push(&q, &extra), MEM_ERR_FULL);
    EXPECT_EQ(mem_spsc_count(&q), 4u);
    EXPECT_EQ(mem_spsc_high_water(&q), 4u);
    for (uint32_t i = 0; i < 4; ++i) {
        v = 1234;
        EXPECT_EQ(mem_spsc_pop(&q, &v), MEM_OK);
        EXPECT_EQ(v, i);
    }
    v = 77;
    EXPECT_EQ(mem_spsc_pop(&q, &v), MEM_ERR_EMPTY);
    EXPECT_EQ(v, 77u) << "EMPTY must not write the output";
    EXPECT_EQ(mem_spsc_high_water(&q), 4u);
}

TEST(SpscPushPop, CapacityOneQueue)
{
    uint8_t slot[1];
    mem_spsc_t q;
    ASSERT_EQ(mem_spsc_init(&q, slot, 1, 1, 1), MEM_OK);
    for (uint8_t i = 0; i < 10; ++i) {
        EXPECT_EQ(mem_spsc_push(&q, &i), MEM_OK);
        EXPECT_EQ(mem_spsc_push(&q, &i), MEM_ERR_FULL);
        uint8_t out = 0;
        EXPECT_EQ(mem_spsc_pop(&q, &out), MEM_OK);
        EXPECT_EQ(out, i);
    }
}

TEST(SpscPushPop, FullPushDoesNotTouchStorage)
{
    uint8_t slots[2 * 3];
    mem_spsc_t q;
    ASSERT_EQ(mem_spsc_init(&q, slots, sizeof slots, 3, 2), MEM_OK);
    const uint8_t a[3] = {1, 2, 3}, b[3] = {4, 5, 6}, c[3] = {7, 8, 9};
    ASSERT_EQ(mem_spsc_push(&q, a), MEM_OK);
    ASSERT_EQ(mem_spsc_push(&q, b), MEM_OK);
    uint8_t copy[sizeof slots];
    std::memcpy(copy, slots, sizeof slots);
    EXPECT_EQ(mem_spsc_push(&q, c), MEM_ERR_FULL);
    EXPECT_EQ(std::memcmp(copy, slots, sizeof slots), 0);
}

// The counters are free-running 32-bit values; start them just below 2^32 to
// show that a power-of-two capacity keeps slot order across the wrap.
TEST(SpscPushPop, CountersWrapPast32Bits)
{
    uint16_t slots[8];
    mem_spsc_t q;
    ASSERT_EQ(mem_spsc_init(&q, slots, sizeof slots, sizeof(uint16_t), 8),
              MEM_OK);
    q.head_ = q.tail_ = UINT32_MAX - 5u;
    uint16_t next_in = 0, next_out = 0;
    for (int round = 0; round < 20; ++round) {
        while (mem_spsc_push(&q, &next_in) == MEM_OK) {
            ++next_in;
        }
        EXPECT_EQ(mem_spsc_count(&q), 8u);
        for (int i = 0; i < 5; ++i) {
            uint16_t out = 0;
            ASSERT_EQ(mem_spsc_pop(&q, &out), MEM_OK);
            ASSERT_EQ(out, next_out++);
        }
    }
    EXPECT_LT(q.tail_, 1000u) << "tail should have wrapped";
}

TEST(SpscHighWater, TracksPeakAndResetsToCurrentLevel)
{
    uint32_t slots[8];
    mem_spsc_t q;
    ASSERT_EQ(mem_spsc_init(&q, slots, sizeof slots, 4, 8), MEM_OK);
    uint32_t v = 1;
    for (int i = 0; i < 5; ++i) ASSERT_EQ(mem_spsc_push(&q, &v), MEM_OK);
    for (int i = 0; i < 4; ++i) ASSERT_EQ(mem_spsc_pop(&q, &v), MEM_OK);
    EXPECT_EQ(mem_spsc_high_water(&q), 5u);
    EXPECT_EQ(mem_spsc_high_water_reset(&q), MEM_OK);
    EXPECT_EQ(mem_spsc_high_water(&q), 1u);
    ASSERT_EQ(mem_spsc_push(&q, &v), MEM_OK);
    EXPECT_EQ(mem_spsc_high_water(&q), 2u);
    EXPECT_EQ(mem_spsc_high_water_reset(nullptr), MEM_ERR_ARG);
}

TEST(SpscQueries, NullQueueGivesZero)
{
    EXPECT_EQ(mem_spsc_count(nullptr), 0u);
    EXPECT_EQ(mem_spsc_capacity(nullptr), 0u);
    EXPECT_EQ(mem_spsc_high_water(nullptr), 0u);
}

TEST(SpscZeroCopy, ReserveCommitSpansStopAtEndOfStorage)
{
    uint32_t slots[8];
    mem_spsc_t q;
    ASSERT_EQ(mem_spsc_init(&q, slots, sizeof slots, 4, 8), MEM_OK);
    void *span = nullptr;
    size_t n = 0;
    ASSERT_EQ(mem_spsc_reserve(&q, &span, &n), MEM_OK);
    EXPECT_EQ(span, static_cast<void *>(slots));
    EXPECT_EQ(n, 8u);
    for (uint32_t i = 0; i < 6; ++i) static_cast<uint32_t *>(span)[i] = i;
    ASSERT_EQ(mem_spsc_commit(&q, 6), MEM_OK);
    EXPECT_EQ(mem_spsc_count(&q), 6u);
    EXPECT_EQ(mem_spsc_high_water(&q), 6u);

    // Consume 5: 1 left at slot 5, free slots 6,7 (end) and 0..4 (start).
    const void *cspan = nullptr;
    ASSERT_EQ(mem_spsc_peek(&q, &cspan, &n), MEM_OK);
    EXPECT_EQ(cspan, static_cast<const void *>(slots));
    EXPECT_EQ(n, 6u);
    ASSERT_EQ(mem_spsc_release(&q, 5), MEM_OK);

    ASSERT_EQ(mem_spsc_reserve(&q, &span, &n), MEM_OK);
    EXPECT_EQ(span, static_cast<void *>(&slots[6]));
    EXPECT_EQ(n, 2u) << "span must stop at the end of storage";
    static_cast<uint32_t *>(span)[0] = 6;
    static_cast<uint32_t *>(span)[1] = 7;
    ASSERT_EQ(mem_spsc_commit(&q, 2), MEM_OK);
    ASSERT_EQ(mem_spsc_reserve(&q, &span, &n), MEM_OK);
    EXPECT_EQ(span, static_cast<void *>(&slots[0]));
    EXPECT_EQ(n, 5u);
    static_cast<uint32_t *>(span)[0] = 8;
    ASSERT_EQ(mem_spsc_commit(&q, 1), MEM_OK);

    // Consumer sees 5,6,7 at the end, then 8 at the start.
    ASSERT_EQ(mem_spsc_peek(&q, &cspan, &n), MEM_OK);
    EXPECT_EQ(cspan, static_cast<const void *>(&slots[5]));
    ASSERT_EQ(n, 3u);
    EXPECT_EQ(static_cast<const uint32_t *>(cspan)[2], 7u);
    ASSERT_EQ(mem_spsc_release(&q, 3), MEM_OK);
    uint32_t v = 0;
    ASSERT_EQ(mem_spsc_pop(&q, &v), MEM_OK);
    EXPECT_EQ(v, 8u);
}

TEST(SpscZeroCopy, ReserveAndPeekReportFullAndEmpty)
{
    uint8_t slots[2];
    mem_spsc_t q;
    ASSERT_EQ(mem_spsc_init(&q, slots, 2, 1, 2), MEM_OK);
    const void *cspan = &q;
    size_t n = 9;
    EXPECT_EQ(mem_spsc_peek(&q, &cspan, &n), MEM_ERR_EMPTY);
    EXPECT_EQ(cspan, nullptr);
    EXPECT_EQ(n, 0u);
    uint8_t v = 1;
    ASSERT_EQ(mem_spsc_push(&q, &v), MEM_OK);
    ASSERT_EQ(mem_spsc_push(&q, &v), MEM_OK);
    void *span = &q;
    n = 9;
    EXPECT_EQ(mem_spsc_reserve(&q, &span, &n), MEM_ERR_FULL);
    EXPECT_EQ(span, nullptr);
    EXPECT_EQ(n, 0u);
    EXPECT_EQ(mem_spsc_commit(&q, 0), MEM_ERR_STATE)
        << "a FULL reserve grants nothing to commit";
}

TEST(SpscZeroCopy, ArgumentAndStateErrors)
{
    uint32_t slots[4];
    mem_spsc_t q;
    ASSERT_EQ(mem_spsc_init(&q, slots, sizeof slots, 4, 4), MEM_OK);
    void *span;
    const void *cspan;
    size_t n;
    EXPECT_EQ(mem_spsc_reserve(nullptr, &span, &n), MEM_ERR_ARG);
    EXPECT_EQ(mem_spsc_reserve(&q, nullptr, &n), MEM_ERR_ARG);
    EXPECT_EQ(mem_spsc_reserve(&q, &span, nullptr), MEM_ERR_ARG);
    EXPECT_EQ(mem_spsc_peek(nullptr, &cspan, &n), MEM_ERR_ARG);
    EXPECT_EQ(mem_spsc_peek(&q, nullptr, &n), MEM_ERR_ARG);
    EXPECT_EQ(mem_spsc_peek(&q, &cspan, nullptr), MEM_ERR_ARG);
    EXPECT_EQ(mem_spsc_commit(nullptr, 1), MEM_ERR_ARG);
    EXPECT_EQ(mem_spsc_release(nullptr, 1), MEM_ERR_ARG);

    // Commit without a reservation, more than reserved, after a push.
    EXPECT_EQ(mem_spsc_commit(&q, 1), MEM_ERR_STATE);
    ASSERT_EQ(mem_spsc_reserve(&q, &span, &n), MEM_OK);
    ASSERT_EQ(n, 4u);
    EXPECT_EQ(mem_spsc_commit(&q, 5), MEM_ERR_SIZE);
    EXPECT_EQ(mem_spsc_count(&q), 0u) << "failed commit publishes nothing";
    uint32_t v = 42;
    ASSERT_EQ(mem_spsc_push(&q, &v), MEM_OK);
    EXPECT_EQ(mem_spsc_commit(&q, 1), MEM_ERR_STATE);
    EXPECT_EQ(mem_spsc_count(&q), 1u);
    // Commit 0 ends a reservation.
    ASSERT_EQ(mem_spsc_reserve(&q, &span, &n), MEM_OK);
    EXPECT_EQ(mem_spsc_commit(&q, 0), MEM_OK);
    EXPECT_EQ(mem_spsc_commit(&q, 0), MEM_ERR_STATE);
    EXPECT_EQ(mem_spsc_count(&q), 1u);

    // Release without a peek, more than peeked, after a pop.
    EXPECT_EQ(mem_spsc_release(&q, 1), MEM_ERR_STATE);
    ASSERT_EQ(mem_spsc_peek(&q, &cspan, &n), MEM_OK);
    ASSERT_EQ(n, 1u);
    EXPECT_EQ(mem_spsc_release(&q, 2), MEM_ERR_SIZE);
    EXPECT_EQ(mem_spsc_count(&q), 1u);
    ASSERT_EQ(mem_spsc_pop(&q, &v), MEM_OK);
    EXPECT_EQ(v, 42u);
    EXPECT_EQ(mem_spsc_release(&q, 1), MEM_ERR_STATE);
    ASSERT_EQ(mem_spsc_push(&q, &v), MEM_OK);
    ASSERT_EQ(mem_spsc_peek(&q, &cspan, &n), MEM_OK);
    EXPECT_EQ(mem_spsc_release(&q, 0), MEM_OK);
    EXPECT_EQ(mem_spsc_release(&q, 0), MEM_ERR_STATE);
    EXPECT_EQ(mem_spsc_count(&q), 1u);
}

// Random sequences of every operation on a queue of 3-byte elements,
// compared with std::deque after each step.
class SpscModel : public ::testing::TestWithParam<uint32_t> {};

TEST_P(SpscModel, MatchesDequeAfterEveryStep)
{
    constexpr size_t kCap = 8, kSize = 3;
    uint8_t slots[kCap * kSize];
    mem_spsc_t q;
    ASSERT_EQ(mem_spsc_init(&q, slots, sizeof slots, kSize, kCap), MEM_OK);
    std::deque<uint32_t> model;  // value v is stored as 3 bytes
    size_t model_high = 0;
    std::mt19937 rng(GetParam());
    uint32_t next = 0;
    auto encode = [](uint32_t v, uint8_t *out) {
        out[0] = (uint8_t)v;
        out[1] = (uint8_t)(v >> 8);
        out[2] = (uint8_t)(v >> 16);
    };
    auto decode = [](const uint8_t *in) {
        return (uint32_t)in[0] | ((uint32_t)in[1] << 8) |
               ((uint32_t)in[2] << 16);
    };
    for (int step = 0; step < 20000; ++step) {
        switch (rng() % 6) {
        case 0:
        case 1: {  // push
            uint8_t e[kSize];
            encode(next & 0xFFFFFF, e);
            mem_status_t s = mem_spsc_push(&q, e);
            if (model.size() == kCap) {
                ASSERT_EQ(s, MEM_ERR_FULL);
            } else {
                ASSERT_EQ(s, MEM_OK);
                model.push_back(next & 0xFFFFFF);
                ++next;
            }
            break;
        }
        case 2: {  // pop
            uint8_t e[kSize] = {0xEE, 0xEE, 0xEE};
            mem_status_t s = mem_spsc_pop(&q, e);
            if (model.empty()) {
                ASSERT_EQ(s, MEM_ERR_EMPTY);
            } else {
                ASSERT_EQ(s, MEM_OK);
                ASSERT_EQ(decode(e), model.front());
                model.pop_front();
            }
            break;
        }
        case 3: {  // reserve + commit some
            void *span;
            size_t n;
            mem_status_t s = mem_spsc_reserve(&q, &span, &n);
            if (model.size() == kCap) {
                ASSERT_EQ(s, MEM_ERR_FULL);
                break;
            }
            ASSERT_EQ(s, MEM_OK);
            ASSERT_GE(n, 1u);
            ASSERT_LE(n, kCap - model.size());
            size_t use = rng() % (n + 1);
            for (size_t i = 0; i < use; ++i) {
                encode(next & 0xFFFFFF, static_cast<uint8_t *>(span) + i * kSize);
                model.push_back(next & 0xFFFFFF);
                ++next;
            }
            ASSERT_EQ(mem_spsc_commit(&q, use), MEM_OK);
            break;
        }
        case 4: {  // peek + release some
            const void *span;
            size_t n;
            mem_status_t s = mem_spsc_peek(&q, &span, &n);
            if (model.empty()) {
                ASSERT_EQ(s, MEM_ERR_EMPTY);
                break;
            }
            ASSERT_EQ(s, MEM_OK);
            ASSERT_GE(n, 1u);
            ASSERT_LE(n, model.size());
            for (size_t i = 0; i < n; ++i) {
                ASSERT_EQ(decode(static_cast<const uint8_t *>(span) + i * kSize),
                          model[i]);
            }
            size_t use = rng() % (n + 1);
            ASSERT_EQ(mem_spsc_release(&q, use), MEM_OK);
            model.erase(model.begin(), model.begin() + (long)use);
            break;
        }
        default: {  // reset the mark now and then
            if (rng() % 8 == 0) {
                ASSERT_EQ(mem_spsc_high_water_reset(&q), MEM_OK);
                model_high = model.size();
            }
            break;
        }
        }
        model_high = std::max(model_high, model.size());
        ASSERT_EQ(mem_spsc_count(&q), model.size()) << "step " << step;
        // Single-threaded, the producer sees the exact head: mark is exact.
        ASSERT_EQ(mem_spsc_high_water(&q), model_high) << "step " << step;
    }
}

INSTANTIATE_TEST_SUITE_P(Seeds, SpscModel, ::testing::Values(1u, 2u, 3u, 42u));

}  // namespace
