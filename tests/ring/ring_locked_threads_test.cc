// Two real threads share one ring through the *_locked functions: every
// element pushed is either popped in order or counted as rejected.
#include "mem/ring.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <thread>

namespace {

TEST(RingLockedThreads, ProducerAndConsumerAgreeWithCounters)
{
    constexpr uint32_t kAttempts = 200000;
    static uint32_t slots[16];
    mem_ring_t r;
    ASSERT_EQ(mem_ring_init(&r, slots, sizeof slots, 4, 16, MEM_RING_REJECT),
              MEM_OK);
    std::atomic<bool> done{false};
    uint32_t accepted = 0;
    std::thread producer([&] {
        uint32_t seq = 0;
        for (uint32_t i = 0; i < kAttempts; ++i) {
            if (mem_ring_push_locked(&r, &seq) == MEM_OK) {
                ++seq;
            }
        }
        accepted = seq;
        done.store(true, std::memory_order_release);
    });
    uint32_t expected = 0, bad = 0;
    for (;;) {
        uint32_t v;
        if (mem_ring_pop_locked(&r, &v) == MEM_OK) {
            if (v != expected) ++bad;
            ++expected;
        } else if (done.load(std::memory_order_acquire) &&
                   mem_ring_count_locked(&r) == 0) {
            break;
        }
    }
    producer.join();
    EXPECT_EQ(bad, 0u);
    EXPECT_EQ(expected, accepted);
    mem_ring_stats_t s;
    ASSERT_EQ(mem_ring_stats_locked(&r, &s), MEM_OK);
    EXPECT_EQ(s.pushed, accepted);
    EXPECT_EQ(s.popped, accepted);
    EXPECT_EQ(s.pushed + s.rejected, kAttempts);
}

}  // namespace
