// Real producer and consumer threads: kElements sequence-numbered elements
// pass through one queue and must arrive complete, in order, exactly once.
#include "mem/spsc.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <thread>

namespace {

// 10^7 in every configuration (plain, asan, ubsan, tsan).
constexpr uint64_t kElements = 10000000;

struct Item {
    uint64_t seq;
    uint64_t check;  // ~seq: a torn or stale slot read shows as a mismatch
};

// Moves `count` sequence-numbered items from a producer thread to this one
// through push/pop (retrying on FULL/EMPTY); returns how many arrived out of
// order or torn.
template <typename Push, typename Pop>
uint64_t MoveInOrder(uint64_t count, Push push, Pop pop)
{
    std::thread producer([count, push] {
        for (uint64_t seq = 0; seq < count;) {
            if (push(Item{seq, ~seq}) == MEM_OK) {
                ++seq;
            } else {
                std::this_thread::yield();
            }
        }
    });
    uint64_t expected = 0;
    uint64_t bad = 0;
    while (expected < count) {
        Item item;
        if (pop(&item) != MEM_OK) {
            std::this_thread::yield();
            continue;
        }
        if (item.seq != expected || item.check != ~expected) {
            ++bad;
        }
        ++expected;
    }
    producer.join();
    return bad;
}

constexpr size_t kCapacity = 256;
static MEM_SPSC_STORAGE(g_slots, Item, kCapacity);

TEST(SpscThreads, TenMillionElementsArriveInOrder)
{
    mem_spsc_t q;
    ASSERT_EQ(mem_spsc_init(&q, g_slots, sizeof g_slots, sizeof(Item),
                            kCapacity),
              MEM_OK);
    uint64_t bad = MoveInOrder(
        kElements, [&q](Item item) { return mem_spsc_push(&q, &item); },
        [&q](Item *item) { return mem_spsc_pop(&q, item); });
    EXPECT_EQ(bad, 0u);
    EXPECT_EQ(mem_spsc_count(&q), 0u);
    EXPECT_GE(mem_spsc_high_water(&q), 1u);
    EXPECT_LE(mem_spsc_high_water(&q), kCapacity);
}

// The typed API (MEM_SPSC_DEFINE_TYPED_HW) on real threads: the same
// ordering helpers as the generic queue, exercised through the inline
// push/pop. 16-byte elements so that a torn copy is visible.
MEM_SPSC_DEFINE_TYPED_HW(typed_items, Item, 64)
typed_items_t g_typed;

TEST(SpscThreads, TypedQueueMovesTwoMillionElementsInOrder)
{
    constexpr uint64_t kTypedElements = 2000000;
    typed_items_init(&g_typed);
    uint64_t bad = MoveInOrder(
        kTypedElements,
        [](Item item) { return typed_items_push(&g_typed, item); },
        [](Item *item) { return typed_items_pop(&g_typed, item); });
    EXPECT_EQ(bad, 0u);
    EXPECT_EQ(typed_items_count(&g_typed), 0u);
    EXPECT_GE(typed_items_high_water(&g_typed), 1u);
    EXPECT_LE(typed_items_high_water(&g_typed), 64u);
}

// Zero-copy APIs on both sides, batch sizes varying, small odd-sized
// elements.
TEST(SpscThreads, ZeroCopyBatchesArriveInOrder)
{
    constexpr uint64_t kBatchElements = 2000000;
    constexpr size_t kCap = 64;
    static uint32_t slots[kCap];
    mem_spsc_t q;
    ASSERT_EQ(mem_spsc_init(&q, slots, sizeof slots, 4, kCap), MEM_OK);
    std::thread producer([&q] {
        uint32_t seq = 0;
        while (seq < kBatchElements) {
            void *span;
            size_t n;
            if (mem_spsc_reserve(&q, &span, &n) != MEM_OK) {
                std::this_thread::yield();
                continue;
            }
            size_t use = 1 + seq % n;  // varying batch sizes
            if (use > kBatchElements - seq) use = kBatchElements - seq;
            for (size_t i = 0; i < use; ++i) {
                static_cast<uint32_t *>(span)[i] = seq++;
            }
            if (mem_spsc_commit(&q, use) != MEM_OK) std::abort();
        }
    });
    uint32_t expected = 0;
    uint64_t bad = 0;
    while (expected < kBatchElements) {
        const void *span;
        size_t n;
        if (mem_spsc_peek(&q, &span, &n) != MEM_OK) {
            std::this_thread::yield();
            continue;
        }
        for (size_t i = 0; i < n; ++i) {
            if (static_cast<const uint32_t *>(span)[i] != expected) ++bad;
            ++expected;
        }
        ASSERT_EQ(mem_spsc_release(&q, n), MEM_OK);
    }
    producer.join();
    EXPECT_EQ(bad, 0u);
    EXPECT_EQ(mem_spsc_count(&q), 0u);
}

}  // namespace
