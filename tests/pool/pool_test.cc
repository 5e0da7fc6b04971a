// Tests of mem/pool.h: every public function, every error path (returned and
// reported through the failure hook, pool left intact), the division-free
// pointer check for every byte offset, and random sequences against a model.
#include "mem/pool.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <set>
#include <vector>

#include "tests/support/failure_hook_capture.h"

namespace {

using tidemark_test::HookLog;
using tidemark_test::record_failure;

using PoolTest = tidemark_test::FailureHookTest;

MEM_POOL_DEFINE(g_defined, 13, 5);

struct alignas(16) Raw {
    uint8_t bytes[4096];
};

mem_pool_stats_t stats_of(const mem_pool_t *pool)
{
    mem_pool_stats_t s;
    EXPECT_EQ(mem_pool_stats(pool, &s), MEM_OK);
    return s;
}

// Allocates every block; checks they are distinct, aligned and inside.
std::vector<void *> take_all(mem_pool_t *pool, const void *storage,
                             size_t block_size, size_t count,
                             size_t pool_blocks = 0)
{
    if (pool_blocks == 0) pool_blocks = count;
    std::vector<void *> blocks;
    std::set<void *> seen;
    for (size_t i = 0; i < count; ++i) {
        void *b = mem_pool_alloc(pool);
        EXPECT_NE(b, nullptr);
        if (b == nullptr) break;
        EXPECT_TRUE(seen.insert(b).second) << "block handed out twice";
        uintptr_t off = (uintptr_t)b - (uintptr_t)storage;
        EXPECT_EQ(off % block_size, 0u);
        EXPECT_LT(off, block_size * pool_blocks);
        EXPECT_EQ((uintptr_t)b % MEM_POOL_ALIGN, 0u);
        blocks.push_back(b);
    }
    return blocks;
}

TEST_F(PoolTest, DefineMacroGivesRoundedAlignedStorage)
{
    static_assert(sizeof(g_defined_blocks_) == 5 * 16, "13 rounds up to 16");
    static_assert(sizeof(g_defined_links_) == 5 * sizeof(uint16_t), "links");
    EXPECT_EQ((uintptr_t)g_defined_blocks_ % MEM_POOL_ALIGN, 0u);
    ASSERT_EQ(MEM_POOL_INIT(g_defined), MEM_OK);
    mem_pool_stats_t s = stats_of(&g_defined);
    EXPECT_EQ(s.block_size, 16u);
    EXPECT_EQ(s.block_count, 5u);
    EXPECT_EQ(s.in_use, 0u);
    EXPECT_EQ(s.low_water_free, 5u);
    EXPECT_EQ(s.failed_allocs, 0u);
    auto blocks = take_all(&g_defined, g_defined_blocks_, 16, 5);
    EXPECT_EQ(blocks.size(), 5u);
}

TEST_F(PoolTest, InitRejectsBadArgumentsAndLeavesPoolUntouched)
{
    Raw raw;
    uint16_t links[64];
    mem_pool_t p;
    std::memset(&p, 0x5A, sizeof p);
    const mem_pool_t before = p;
    EXPECT_EQ(mem_pool_init(nullptr, raw.bytes, 4096, 8, 4, links, 8),
              MEM_ERR_ARG);
    EXPECT_EQ(mem_pool_init(&p, nullptr, 4096, 8, 4, links, 8), MEM_ERR_ARG);
    EXPECT_EQ(mem_pool_init(&p, raw.bytes, 4096, 8, 4, nullptr, 8),
              MEM_ERR_ARG);
    EXPECT_EQ(mem_pool_init(&p, raw.bytes, 4096, 0, 4, links, 8),
              MEM_ERR_SIZE);
    EXPECT_EQ(mem_pool_init(&p, raw.bytes, 4096, 8, 0, links, 8),
              MEM_ERR_SIZE);
    EXPECT_EQ(mem_pool_init(&p, raw.bytes, SIZE_MAX, 8,
                            MEM_POOL_MAX_BLOCKS + 1u, links, SIZE_MAX),
              MEM_ERR_SIZE);
    EXPECT_EQ(mem_pool_init(&p, raw.bytes, SIZE_MAX, SIZE_MAX - 3, 1, links,
                            2),
              MEM_ERR_SIZE)
        << "rounding the block size would overflow";
    EXPECT_EQ(mem_pool_init(&p, raw.bytes, SIZE_MAX, (size_t)1 << 20, 4096,
                            links, SIZE_MAX),
              MEM_ERR_SIZE)
        << "4 GiB total";
    EXPECT_EQ(mem_pool_init(&p, raw.bytes, 31, 8, 4, links, 8), MEM_ERR_SIZE);
    // Block size 5 rounds up to 8, so 32 bytes are enough for 4 blocks.
    EXPECT_EQ(mem_pool_init(&p, raw.bytes, 32, 5, 4, links, 8), MEM_OK);
    EXPECT_EQ(stats_of(&p).block_size, 8u);
    std::memcpy(&p, &before, sizeof p);
    EXPECT_EQ(mem_pool_init(&p, raw.bytes, 32, 8, 4, links, 7), MEM_ERR_SIZE);
    EXPECT_EQ(mem_pool_init(&p, raw.bytes + 4, 32, 8, 4, links, 8),
              MEM_ERR_ALIGN);
    EXPECT_EQ(mem_pool_init(&p, raw.bytes, 32, 8, 4,
                            reinterpret_cast<uint8_t *>(links) + 1, 8),
              MEM_ERR_ALIGN);
    // Storage that would run past the top of the address space (never
    // dereferenced: init rejects it first).
    void *top = reinterpret_cast<void *>(~(uintptr_t)0 & ~(uintptr_t)15);
    EXPECT_EQ(mem_pool_init(&p, top, 32, 8, 4, links, 8), MEM_ERR_SIZE);
    EXPECT_EQ(std::memcmp(&p, &before, sizeof p), 0);
    EXPECT_EQ(hook_.calls, 0) << "init errors are returned, not reported";
}

// The largest pool: every block index, the end marker (N) and the "being
// freed" link value (0xFF00 | shift) must stay distinct at the limit.
TEST_F(PoolTest, LargestPoolHandsOutEveryBlockOnceAndDetectsDoubleFree)
{
    constexpr size_t kBlocks = MEM_POOL_MAX_BLOCKS;
    static MEM_POOL_ALIGNED_ARRAY_(uint8_t, storage,
                                   MEM_POOL_STORAGE_SIZE(8, kBlocks));
    static uint16_t links[kBlocks];
    static void *blocks[kBlocks];
    mem_pool_t p;
    ASSERT_EQ(mem_pool_init(&p, storage, sizeof storage, 8, kBlocks, links,
                            sizeof links),
              MEM_OK);
    std::vector<bool> seen(kBlocks, false);
    for (size_t i = 0; i < kBlocks; ++i) {
        blocks[i] = mem_pool_alloc(&p);
        ASSERT_NE(blocks[i], nullptr) << i;
        size_t index = (static_cast<uint8_t *>(blocks[i]) - storage) / 8;
        ASSERT_LT(index, kBlocks);
        ASSERT_FALSE(seen[index]) << index;
        seen[index] = true;
    }
    EXPECT_EQ(mem_pool_alloc(&p), nullptr);
    EXPECT_EQ(stats_of(&p).in_use, kBlocks);
    for (size_t i = 0; i < kBlocks; ++i) {
        ASSERT_EQ(mem_pool_free(&p, blocks[i]), MEM_OK) << i;
    }
    EXPECT_EQ(mem_pool_free(&p, blocks[kBlocks - 1]), MEM_ERR_DOUBLE_FREE);
    EXPECT_EQ(mem_pool_free(&p, blocks[0]), MEM_ERR_DOUBLE_FREE);
    EXPECT_EQ(hook_.calls, 2);
    EXPECT_EQ(stats_of(&p).in_use, 0u);
    EXPECT_EQ(stats_of(&p).low_water_free, 0u);
    // LIFO after the frees: the last one freed comes back first
    EXPECT_EQ(mem_pool_alloc(&p), blocks[kBlocks - 1]);
}

TEST_F(PoolTest, AllocUntilEmptyThenFreeEverything)
{
    Raw raw;
    uint16_t links[6];
    mem_pool_t p;
    ASSERT_EQ(mem_pool_init(&p, raw.bytes, 6 * 24, 20, 6, links, sizeof links),
              MEM_OK);
    auto blocks = take_all(&p, raw.bytes, 24, 6);
    ASSERT_EQ(blocks.size(), 6u);
    EXPECT_EQ(stats_of(&p).in_use, 6u);
    EXPECT_EQ(stats_of(&p).low_water_free, 0u);
    EXPECT_EQ(mem_pool_alloc(&p), nullptr);
    EXPECT_EQ(mem_pool_alloc(&p), nullptr);
    EXPECT_EQ(stats_of(&p).failed_allocs, 2u);
    EXPECT_EQ(hook_.calls, 0) << "exhaustion is not misuse";
    for (void *b : blocks) EXPECT_EQ(mem_pool_free(&p, b), MEM_OK);
    EXPECT_EQ(stats_of(&p).in_use, 0u);
    EXPECT_EQ(stats_of(&p).low_water_free, 0u);
    // LIFO reuse: the last block freed comes back first.
    EXPECT_EQ(mem_pool_alloc(&p), blocks.back());
}

TEST_F(PoolTest, FailedAllocCounterSaturates)
{
    Raw raw;
    uint16_t links[1];
    mem_pool_t p;
    ASSERT_EQ(mem_pool_init(&p, raw.bytes, 8, 8, 1, links, 2), MEM_OK);
    ASSERT_NE(mem_pool_alloc(&p), nullptr);
    p.failed_allocs_ = UINT32_MAX - 1u;
    EXPECT_EQ(mem_pool_alloc(&p), nullptr);
    EXPECT_EQ(mem_pool_alloc(&p), nullptr);
    EXPECT_EQ(stats_of(&p).failed_allocs, UINT32_MAX);
}

TEST_F(PoolTest, BadFreesAreReportedAndLeaveThePoolIntact)
{
    Raw raw;
    uint16_t links[4];
    mem_pool_t p;
    ASSERT_EQ(mem_pool_init(&p, raw.bytes + 16, 4 * 32, 32, 4, links,
                            sizeof links),
              MEM_OK);
    void *a = mem_pool_alloc(&p);
    void *b = mem_pool_alloc(&p);
    ASSERT_NE(a, nullptr);
    ASSERT_NE(b, nullptr);
    const mem_pool_stats_t before = stats_of(&p);
    int local = 0;

    struct Case {
        void *ptr;
        mem_status_t expected;
    };
    const Case cases[] = {
        {raw.bytes, MEM_ERR_FOREIGN},             // just before the storage
        {raw.bytes + 15, MEM_ERR_FOREIGN},
        {raw.bytes + 16 + 4 * 32, MEM_ERR_FOREIGN},  // just past the end
        {&local, MEM_ERR_FOREIGN},
        {static_cast<uint8_t *>(a) + 1, MEM_ERR_ALIGN},
        {static_cast<uint8_t *>(a) + 8, MEM_ERR_ALIGN},
        {static_cast<uint8_t *>(b) + 31, MEM_ERR_ALIGN},
    };
    for (const Case &c : cases) {
        hook_ = HookLog{};
        EXPECT_EQ(mem_pool_free(&p, c.ptr), c.expected);
        EXPECT_EQ(hook_.calls, 1);
        EXPECT_EQ(hook_.status, c.expected);
        EXPECT_EQ(hook_.object, &p);
        EXPECT_EQ(hook_.pointer, c.ptr);
    }
    // NULL: argument error, returned only.
    hook_ = HookLog{};
    EXPECT_EQ(mem_pool_free(&p, nullptr), MEM_ERR_ARG);
    EXPECT_EQ(hook_.calls, 0);

    // Double free, also of a block that was never allocated.
    EXPECT_EQ(mem_pool_free(&p, a), MEM_OK);
    hook_ = HookLog{};
    EXPECT_EQ(mem_pool_free(&p, a), MEM_ERR_DOUBLE_FREE);
    EXPECT_EQ(hook_.calls, 1);
    EXPECT_EQ(hook_.status, MEM_ERR_DOUBLE_FREE);
    EXPECT_EQ(hook_.pointer, a);
    void *never = raw.bytes + 16 + 3 * 32;
    ASSERT_NE(never, a);
    ASSERT_NE(never, b);
    EXPECT_EQ(mem_pool_free(&p, never), MEM_ERR_DOUBLE_FREE);

    // The pool is exactly as before minus the one legal free.
    mem_pool_stats_t after = stats_of(&p);
    EXPECT_EQ(after.in_use, before.in_use - 1);
    EXPECT_EQ(after.low_water_free, before.low_water_free);
    auto blocks = take_all(&p, raw.bytes + 16, 32, 3, 4);
    EXPECT_EQ(blocks.size(), 3u);
    EXPECT_EQ(mem_pool_alloc(&p), nullptr);
}

// The division-free pointer check must accept exactly the block starts, for
// block sizes with different odd parts and powers of two.
TEST_F(PoolTest, PointerCheckMatchesDivisionForEveryOffset)
{
    static Raw raw;
    static uint16_t links[64];
    for (size_t size : {8u, 24u, 40u, 56u, 96u, 120u, 1504u}) {
        size_t count = std::min<size_t>(2048 / size, 64);
        mem_pool_t p;
        ASSERT_EQ(mem_pool_init(&p, raw.bytes + 1024, 3072, size, count, links,
                                sizeof links),
                  MEM_OK);
        auto blocks = take_all(&p, raw.bytes + 1024, size, count);
        ASSERT_EQ(blocks.size(), count);
        const long total = (long)(size * count);
        for (long off = -1024; off < total + 1024; ++off) {
            void *ptr = raw.bytes + 1024 + off;
            mem_status_t expected;
            if (off < 0 || off >= total) {
                expected = MEM_ERR_FOREIGN;
            } else if (off % (long)size != 0) {
                expected = MEM_ERR_ALIGN;
            } else {
                continue;  // a real block: allocated, freed below
            }
            ASSERT_EQ(mem_pool_free(&p, ptr), expected)
                << "size " << size << " offset " << off;
        }
        for (void *b : blocks) ASSERT_EQ(mem_pool_free(&p, b), MEM_OK);
        EXPECT_EQ(stats_of(&p).in_use, 0u);
    }
}

TEST_F(PoolTest, StatsResetAndNullArguments)
{
    Raw raw;
    uint16_t links[3];
    mem_pool_t p;
    ASSERT_EQ(mem_pool_init(&p, raw.bytes, 3 * 8, 8, 3, links, sizeof links),
              MEM_OK);
    void *a = mem_pool_alloc(&p);
    void *b = mem_pool_alloc(&p);
    ASSERT_NE(mem_pool_alloc(&p), nullptr);
    EXPECT_EQ(mem_pool_alloc(&p), nullptr);
    ASSERT_EQ(mem_pool_free(&p, a), MEM_OK);
    ASSERT_EQ(mem_pool_free(&p, b), MEM_OK);
    EXPECT_EQ(stats_of(&p).low_water_free, 0u);
    ASSERT_EQ(mem_pool_stats_reset(&p), MEM_OK);
    mem_pool_stats_t s = stats_of(&p);
    EXPECT_EQ(s.low_water_free, 2u);
    EXPECT_EQ(s.failed_allocs, 0u);
    EXPECT_EQ(s.in_use, 1u);
    EXPECT_EQ(mem_pool_stats_reset(nullptr), MEM_ERR_ARG);
    EXPECT_EQ(mem_pool_stats(nullptr, &s), MEM_ERR_ARG);
    EXPECT_EQ(mem_pool_stats(&p, nullptr), MEM_ERR_ARG);
}

// Random alloc / free / bad-free sequences compared with a model (the set of
// allocated blocks and the counters) after every step.
class PoolModel : public ::testing::TestWithParam<uint32_t> {};

TEST_P(PoolModel, MatchesReferenceAfterEveryStep)
{
    HookLog log;
    mem_failure_hook_set(record_failure, &log);
    constexpr size_t kCount = 9, kSize = 40;
    static Raw raw;
    uint16_t links[kCount];
    mem_pool_t p;
    ASSERT_EQ(mem_pool_init(&p, raw.bytes, sizeof raw.bytes, kSize, kCount,
                            links, sizeof links),
              MEM_OK);
    std::mt19937 rng(GetParam());
    std::vector<uint8_t *> allocated;
    std::set<uint8_t *> allocated_set;
    size_t low = kCount;
    uint32_t failed = 0;
    int reports = 0;
    for (int step = 0; step < 20000; ++step) {
        uint32_t op = rng() % 8;
        if (op < 3) {
            uint8_t *b = static_cast<uint8_t *>(mem_pool_alloc(&p));
            if (allocated.size() == kCount) {
                ASSERT_EQ(b, nullptr);
                ++failed;
            } else {
                ASSERT_NE(b, nullptr);
                ASSERT_TRUE(allocated_set.insert(b).second);
                allocated.push_back(b);
                std::memset(b, 0xC3, kSize);  // owner writes the whole block
            }
        } else if (op < 6 && !allocated.empty()) {
            size_t i = rng() % allocated.size();
            uint8_t *b = allocated[i];
            ASSERT_EQ(mem_pool_free(&p, b), MEM_OK);
            allocated_set.erase(b);
            allocated.erase(allocated.begin() + (long)i);
        } else if (op == 6) {
            // A pointer at a random offset: outside, misaligned, or a block
            // start (double free if it is not allocated).
            long off = (long)(rng() % (kCount * kSize + 100));
            uint8_t *ptr = raw.bytes + off;
            if (allocated_set.count(ptr) != 0) continue;
            mem_status_t expected =
                off >= (long)(kCount * kSize) ? MEM_ERR_FOREIGN
                : off % (long)kSize != 0      ? MEM_ERR_ALIGN
                                              : MEM_ERR_DOUBLE_FREE;
            ASSERT_EQ(mem_pool_free(&p, ptr), expected) << "offset " << off;
            ++reports;
        } else if (rng() % 64 == 0) {
            ASSERT_EQ(mem_pool_stats_reset(&p), MEM_OK);
            low = kCount - allocated.size();
            failed = 0;
        }
        low = std::min(low, kCount - allocated.size());
        mem_pool_stats_t s = stats_of(&p);
        ASSERT_EQ(s.in_use, allocated.size()) << "step " << step;
        ASSERT_EQ(s.low_water_free, low) << "step " << step;
        ASSERT_EQ(s.failed_allocs, failed) << "step " << step;
        ASSERT_EQ(log.calls, reports) << "step " << step;
    }
    mem_failure_hook_set(nullptr, nullptr);
}

INSTANTIATE_TEST_SUITE_P(Seeds, PoolModel, ::testing::Values(1u, 7u, 99u));

}  // namespace
