// Two real threads allocate and free concurrently from one pool. Each thread
// stamps its id and a sequence number over the whole block while it owns it
// and checks the stamp before freeing: a block handed to both threads at once
// shows up as an overwritten stamp.
#include "mem/pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <thread>
#include <vector>

namespace {

constexpr size_t kBlocks = 8;
constexpr size_t kBlockWords = 6;  // 48-byte blocks
constexpr uint32_t kRounds = 300000;

MEM_POOL_DEFINE(g_pool, kBlockWords * sizeof(uint64_t), kBlocks);

struct Result {
    uint64_t corrupted = 0;
    uint64_t allocations = 0;
    uint64_t bad_frees = 0;
};

void worker(uint64_t id, Result *out)
{
    std::vector<uint64_t *> held;
    uint64_t seq = 0;
    uint32_t rng = (uint32_t)(id * 2654435761u + 1u);
    for (uint32_t round = 0; round < kRounds; ++round) {
        rng = rng * 1664525u + 1013904223u;
        bool do_alloc = held.empty() || (held.size() < 4 && (rng >> 28) < 9);
        if (do_alloc) {
            auto *b = static_cast<uint64_t *>(mem_pool_alloc(&g_pool));
            if (b == nullptr) continue;  // other thread holds the rest
            ++out->allocations;
            ++seq;
            for (size_t w = 0; w < kBlockWords; ++w) b[w] = (id << 56) | seq;
            held.push_back(b);
        } else {
            uint64_t *b = held.back();
            held.pop_back();
            uint64_t stamp = b[0];
            for (size_t w = 0; w < kBlockWords; ++w) {
                if (b[w] != stamp || (stamp >> 56) != id) ++out->corrupted;
            }
            if (mem_pool_free(&g_pool, b) != MEM_OK) ++out->bad_frees;
        }
    }
    for (uint64_t *b : held) {
        if ((b[0] >> 56) != id) ++out->corrupted;
        if (mem_pool_free(&g_pool, b) != MEM_OK) ++out->bad_frees;
    }
}

TEST(PoolThreads, NoBlockIsHandedOutTwice)
{
    ASSERT_EQ(MEM_POOL_INIT(g_pool), MEM_OK);
    Result r1, r2;
    std::thread t1(worker, 1, &r1);
    std::thread t2(worker, 2, &r2);
    t1.join();
    t2.join();
    EXPECT_EQ(r1.corrupted + r2.corrupted, 0u);
    EXPECT_EQ(r1.bad_frees + r2.bad_frees, 0u);
    EXPECT_GT(r1.allocations, 0u);
    EXPECT_GT(r2.allocations, 0u);
    mem_pool_stats_t s;
    ASSERT_EQ(mem_pool_stats(&g_pool, &s), MEM_OK);
    EXPECT_EQ(s.in_use, 0u);
    EXPECT_LE(s.low_water_free, kBlocks);
    // Every block is still reachable exactly once.
    std::vector<void *> all;
    for (size_t i = 0; i < kBlocks; ++i) {
        void *b = mem_pool_alloc(&g_pool);
        ASSERT_NE(b, nullptr);
        for (void *o : all) ASSERT_NE(o, b);
        all.push_back(b);
    }
    EXPECT_EQ(mem_pool_alloc(&g_pool), nullptr);
}

// Racing frees of the same block: exactly one wins, the other is reported
// as a double free, and the free list stays consistent.
TEST(PoolThreads, RacingDoubleFreeIsDetectedOnce)
{
    ASSERT_EQ(MEM_POOL_INIT(g_pool), MEM_OK);
    std::atomic<int> reports{0};
    mem_failure_hook_set(
        [](mem_status_t status, const void *, const void *, void *ctx) {
            if (status == MEM_ERR_DOUBLE_FREE) {
                static_cast<std::atomic<int> *>(ctx)->fetch_add(1);
            }
        },
        &reports);
    constexpr int kTrials = 20000;
    int ok_total = 0;
    for (int t = 0; t < kTrials; ++t) {
        void *b = mem_pool_alloc(&g_pool);
        ASSERT_NE(b, nullptr);
        std::atomic<int> go{0};
        mem_status_t s1 = MEM_OK, s2 = MEM_OK;
        std::thread a([&] {
            while (go.load() == 0) {
            }
            s1 = mem_pool_free(&g_pool, b);
        });
        go.store(1);
        s2 = mem_pool_free(&g_pool, b);
        a.join();
        ok_total += (s1 == MEM_OK) + (s2 == MEM_OK);
        ASSERT_TRUE((s1 == MEM_OK) != (s2 == MEM_OK)) << "trial " << t;
    }
    mem_failure_hook_set(nullptr, nullptr);
    EXPECT_EQ(ok_total, kTrials);
    EXPECT_EQ(reports.load(), kTrials);
    mem_pool_stats_t s;
    ASSERT_EQ(mem_pool_stats(&g_pool, &s), MEM_OK);
    EXPECT_EQ(s.in_use, 0u);
}

}  // namespace
