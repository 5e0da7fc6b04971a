// The locked wrapper over every heap (kHeaps): every forwarding function, itself as a heap, and two
// threads hammering one heap (run under --config=tsan to prove the locking).
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <thread>
#include <vector>

extern "C" {
#include "mem/heap_locked.h"
}
#include "heap_adapter.h"
#include "tests/support/failure_hook_capture.h"

namespace {

class LockedTest : public tidemark_test::FailureHookTest,
                   public ::testing::WithParamInterface<HeapCase> {
protected:
    alignas(16) unsigned char arena[64 * 1024];
    HeapState state;
    mem_heap_locked_t locked;
    void SetUp() override {
        FailureHookTest::SetUp();
        ASSERT_EQ(MEM_OK, GetParam().init(&state, arena, sizeof(arena)));
        ASSERT_EQ(MEM_OK, mem_heap_locked_init(&locked, mem_heap_t{GetParam().ops, &state}));
    }
};

TEST_P(LockedTest, EveryOperationForwards) {
    void *a = mem_heap_locked_alloc(&locked, 100);
    ASSERT_NE(nullptr, a);
    EXPECT_EQ(104u, mem_heap_locked_usable_size(&locked, a));
    void *b = mem_heap_locked_aligned_alloc(&locked, 256, 10);
    ASSERT_NE(nullptr, b);
    EXPECT_EQ(0u, reinterpret_cast<uintptr_t>(b) % 256);
    auto *c = static_cast<unsigned char *>(mem_heap_locked_calloc(&locked, 10, 10));
    ASSERT_NE(nullptr, c);
    for (int i = 0; i < 100; i++) ASSERT_EQ(0, c[i]);
    EXPECT_EQ(nullptr, mem_heap_locked_calloc(&locked, SIZE_MAX, 2));
    a = mem_heap_locked_realloc(&locked, a, 3000);
    ASSERT_NE(nullptr, a);
    mem_heap_stats_t s;
    ASSERT_EQ(MEM_OK, mem_heap_locked_stats(&locked, &s));
    EXPECT_EQ(sizeof(arena), s.arena_bytes);
    EXPECT_EQ(3u, s.live_blocks);
    EXPECT_EQ(1u, s.failed_allocs);
    EXPECT_GE(s.peak_bytes_in_use, s.bytes_in_use);
    EXPECT_GT(s.largest_free_block, 0u);
    EXPECT_EQ(MEM_OK, mem_heap_locked_check(&locked, nullptr));
    EXPECT_EQ(MEM_OK, mem_heap_locked_free(&locked, a));
    EXPECT_EQ(MEM_ERR_DOUBLE_FREE, mem_heap_locked_free(&locked, a));
    EXPECT_EQ(1, hook_.calls);
    EXPECT_EQ(MEM_ERR_DOUBLE_FREE, hook_.status);
    EXPECT_EQ(MEM_OK, mem_heap_locked_free(&locked, b));
    EXPECT_EQ(MEM_OK, mem_heap_locked_free(&locked, c));
    EXPECT_EQ(MEM_OK, mem_heap_locked_free(&locked, nullptr));
    ASSERT_EQ(MEM_OK, mem_heap_locked_stats(&locked, &s));
    EXPECT_EQ(0u, s.bytes_in_use);
    EXPECT_EQ(MEM_ERR_ARG, mem_heap_locked_stats(&locked, nullptr));
}

TEST_P(LockedTest, TwoThreadsShareOneHeap) {
    auto worker = [this](uint32_t seed) {
        std::mt19937 rng(seed);
        std::vector<std::pair<unsigned char *, unsigned char>> mine;
        for (int i = 0; i < 3000; i++) {
            if (mine.size() < 20 && (rng() % 2 == 0 || mine.empty())) {
                size_t n = 16 + rng() % 200;
                auto *p = static_cast<unsigned char *>(mem_heap_locked_alloc(&locked, n));
                if (p != nullptr) {
                    unsigned char fill = static_cast<unsigned char>(seed + i);
                    std::memset(p, fill, 16);
                    mine.push_back({p, fill});
                }
            } else {
                size_t k = rng() % mine.size();
                for (int j = 0; j < 16; j++) ASSERT_EQ(mine[k].second, mine[k].first[j]);
                ASSERT_EQ(MEM_OK, mem_heap_locked_free(&locked, mine[k].first));
                mine.erase(mine.begin() + static_cast<long>(k));
            }
        }
        for (auto &m : mine) ASSERT_EQ(MEM_OK, mem_heap_locked_free(&locked, m.first));
    };
    std::thread t1(worker, 1u), t2(worker, 2u);
    t1.join();
    t2.join();
    EXPECT_EQ(MEM_OK, mem_heap_locked_check(&locked, nullptr));
    mem_heap_stats_t s;
    ASSERT_EQ(MEM_OK, mem_heap_locked_stats(&locked, &s));
    EXPECT_EQ(0u, s.bytes_in_use);
    EXPECT_EQ(0, hook_.calls);
}

// The wrapper is a heap itself: the same operations through mem_heap_locked_ops.
TEST_P(LockedTest, WrapperIsAHeap) {
    mem_heap_t h{&mem_heap_locked_ops, &locked};
    EXPECT_STREQ("locked", h.ops->name);
    EXPECT_EQ(MEM_OK, mem_heap_init(h, arena, sizeof(arena)));
    int ooms = 0;
    mem_heap_oom_hook_set(
        h, [](const void *, size_t, size_t, void *c) { ++*static_cast<int *>(c); }, &ooms);
    void *a = mem_heap_alloc(h, 100);
    ASSERT_NE(nullptr, a);
    EXPECT_EQ(104u, mem_heap_usable_size(h, a));
    void *b = mem_heap_aligned_alloc(h, 64, 10);
    ASSERT_NE(nullptr, b);
    EXPECT_EQ(0u, reinterpret_cast<uintptr_t>(b) % 64);
    EXPECT_EQ(nullptr, mem_heap_calloc(h, SIZE_MAX, 2));
    EXPECT_EQ(1, ooms);
    a = mem_heap_realloc(h, a, 500);
    ASSERT_NE(nullptr, a);
    mem_heap_stats_t s;
    ASSERT_EQ(MEM_OK, mem_heap_stats(h, &s));
    EXPECT_EQ(2u, s.live_blocks);
    EXPECT_EQ(MEM_OK, mem_heap_check(h, nullptr));
    EXPECT_EQ(MEM_OK, mem_heap_free(h, a));
    EXPECT_EQ(MEM_OK, mem_heap_free(h, b));
    EXPECT_EQ(0, hook_.calls);
}

INSTANTIATE_TEST_SUITE_P(Heaps, LockedTest, ::testing::ValuesIn(kHeaps), HeapCaseName);

TEST(LockedInit, RejectsNullAndUninitialisedWrappers) {
    mem_tlsf_t t;
    mem_llff_t l;
    mem_heap_locked_t w;
    EXPECT_EQ(MEM_ERR_ARG, mem_heap_locked_init(nullptr, mem_heap_t{&mem_tlsf_ops, &t}));
    EXPECT_EQ(MEM_ERR_ARG, mem_heap_locked_init(&w, mem_heap_t{&mem_tlsf_ops, nullptr}));
    EXPECT_EQ(MEM_ERR_ARG, mem_heap_locked_init(nullptr, mem_heap_t{&mem_llff_ops, &l}));
    EXPECT_EQ(MEM_ERR_ARG, mem_heap_locked_init(&w, mem_heap_t{&mem_llff_ops, nullptr}));
    EXPECT_EQ(MEM_ERR_ARG, mem_heap_locked_init(&w, mem_heap_t{nullptr, &t}));
    mem_heap_locked_t none{};
    EXPECT_EQ(nullptr, mem_heap_locked_alloc(&none, 8));
    EXPECT_EQ(nullptr, mem_heap_locked_aligned_alloc(&none, 16, 8));
    EXPECT_EQ(nullptr, mem_heap_locked_calloc(&none, 1, 8));
    EXPECT_EQ(nullptr, mem_heap_locked_realloc(&none, nullptr, 8));
    EXPECT_EQ(MEM_ERR_ARG, mem_heap_locked_free(&none, nullptr));
    EXPECT_EQ(0u, mem_heap_locked_usable_size(&none, nullptr));
    mem_heap_stats_t s;
    EXPECT_EQ(MEM_ERR_ARG, mem_heap_locked_stats(&none, &s));
    EXPECT_EQ(MEM_ERR_ARG, mem_heap_locked_check(&none, nullptr));
    EXPECT_EQ(MEM_ERR_ARG, mem_heap_locked_init_arena(&none, nullptr, 0));
    mem_heap_locked_oom_hook_set(&none, nullptr, nullptr);  // no effect, no crash
    EXPECT_EQ(nullptr, mem_heap_locked_alloc(nullptr, 8));
    EXPECT_EQ(MEM_ERR_ARG, mem_heap_locked_check(nullptr, nullptr));
}

}  // namespace
