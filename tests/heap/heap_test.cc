// Behaviour of every heap (mem/heap.h tables: TLSF, first-fit) through one
// value-parametrised suite; heap-specific extras at the end.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <random>
#include <vector>

#include "heap_adapter.h"
#include "tests/support/failure_hook_capture.h"

namespace {

struct OomCall {
    const void *heap;
    size_t size, alignment;
};
std::vector<OomCall> g_oom;
void on_oom(const void *heap, size_t size, size_t alignment, void *ctx) {
    g_oom.push_back({heap, size, alignment});
    ++*static_cast<int *>(ctx);
}

class HeapTest : public tidemark_test::FailureHookTest,
                 public ::testing::WithParamInterface<HeapCase> {
protected:
    alignas(64) unsigned char arena[16384];
    HeapState heap;
    const HeapCase &H = GetParam();
    int oom_count = 0;

    void SetUp() override {
        FailureHookTest::SetUp();
        g_oom.clear();
    }
    void Init(size_t n = sizeof(arena)) {
        ASSERT_EQ(MEM_OK, H.init(&heap, arena, n));
        H.oom(&heap, on_oom, &oom_count);
        ExpectIntact();
    }
    void ExpectIntact() {
        std::string why;
        EXPECT_EQ(MEM_OK, H.check(&heap, &why)) << why;
    }
    // A misuse call must be reported once with `st` and leave the heap as it was.
    void ExpectOneReport(mem_status_t st, const void *ptr) {
        ASSERT_EQ(1, this->hook_.calls);
        EXPECT_EQ(st, this->hook_.status) << mem_status_name(this->hook_.status);
        EXPECT_EQ(static_cast<const void *>(&heap), this->hook_.object);
        EXPECT_EQ(ptr, this->hook_.pointer);
        this->hook_ = {};
    }
};

INSTANTIATE_TEST_SUITE_P(Heaps, HeapTest, ::testing::ValuesIn(kHeaps), HeapCaseName);

TEST_P(HeapTest, InitRejectsBadArenasWithoutTouchingThem) {
    std::memset(this->arena, 0x5C, sizeof(this->arena));
    EXPECT_EQ(MEM_ERR_ARG, H.init(nullptr, this->arena, 1024));
    EXPECT_EQ(MEM_ERR_ARG, H.init(&this->heap, nullptr, 1024));
    EXPECT_EQ(MEM_ERR_ALIGN, H.init(&this->heap, this->arena + 4, 1024));
    EXPECT_EQ(MEM_ERR_ALIGN, H.init(&this->heap, this->arena + 1, 1024));
    EXPECT_EQ(MEM_ERR_SIZE, H.init(&this->heap, this->arena, H.arena_min() - 1));
    EXPECT_EQ(MEM_ERR_SIZE, H.init(&this->heap, this->arena, 0));
    // Larger than the maximum: rejected before the memory is touched.
    EXPECT_EQ(MEM_ERR_SIZE, H.init(&this->heap, this->arena, H.arena_max() + 1));
    EXPECT_EQ(MEM_ERR_SIZE, H.init(&this->heap, this->arena, SIZE_MAX));
    for (unsigned char c : this->arena) ASSERT_EQ(0x5C, c);
    EXPECT_EQ(0, this->hook_.calls);
}

TEST_P(HeapTest, MinimumArenaHoldsOneSmallBlock) {
    this->Init(H.arena_min());
    void *p = H.alloc(&this->heap, 8);
    ASSERT_NE(nullptr, p);
    EXPECT_EQ(nullptr, H.alloc(&this->heap, 1));
    EXPECT_EQ(MEM_OK, H.free(&this->heap, p));
    EXPECT_EQ(nullptr, H.alloc(&this->heap, 9));
    this->ExpectIntact();
}

TEST_P(HeapTest, TrailingBytesAreTrimmed) {
    this->Init(1027);
    EXPECT_EQ(1024u, H.stats(&this->heap).arena_bytes);
    this->ExpectIntact();
}

TEST_P(HeapTest, WholeArenaCanBeHandedOutForEveryArenaSize) {
    for (size_t n = H.arena_min(); n <= 4096; n += 8) {
        ASSERT_EQ(MEM_OK, H.init(&this->heap, this->arena, n));
        Stats s = H.stats(&this->heap);
        // All of the arena minus one header (and TLSF's end marker).
        ASSERT_EQ(n - 8 - H.kFixedOverhead, s.largest_free_block) << n;
        ASSERT_EQ(nullptr, H.alloc(&this->heap, s.largest_free_block + 1)) << n;
        void *p = H.alloc(&this->heap, s.largest_free_block);
        ASSERT_NE(nullptr, p) << n;
        EXPECT_EQ(0u, H.stats(&this->heap).largest_free_block);
        EXPECT_EQ(0u, H.stats(&this->heap).free_bytes);
        std::memset(p, 0xEE, s.largest_free_block);
        ASSERT_EQ(MEM_OK, H.free(&this->heap, p));
        ASSERT_EQ(MEM_OK, H.check(&this->heap));
    }
}

TEST_P(HeapTest, BlockOverheadIsEightBytes) {
    this->Init();
    void *a = H.alloc(&this->heap, 1);
    EXPECT_EQ(16u, H.stats(&this->heap).bytes_in_use);
    void *b = H.alloc(&this->heap, 100);
    EXPECT_EQ(16u + 112u, H.stats(&this->heap).bytes_in_use);
    void *c = H.alloc(&this->heap, 0);  // 0 is treated as 1: unique pointer
    ASSERT_NE(nullptr, c);
    EXPECT_NE(a, c);
    EXPECT_GE(H.usable(&this->heap, a), 1u);
    EXPECT_EQ(104u, H.usable(&this->heap, b));
    EXPECT_EQ(MEM_OK, H.free(&this->heap, a));
    EXPECT_EQ(MEM_OK, H.free(&this->heap, b));
    EXPECT_EQ(MEM_OK, H.free(&this->heap, c));
    this->ExpectIntact();
}

TEST_P(HeapTest, FreeNullIsANoOp) {
    this->Init();
    Stats before = H.stats(&this->heap);
    EXPECT_EQ(MEM_OK, H.free(&this->heap, nullptr));
    EXPECT_EQ(before.bytes_in_use, H.stats(&this->heap).bytes_in_use);
    EXPECT_EQ(0, this->hook_.calls);
    EXPECT_EQ(MEM_ERR_ARG, H.free(nullptr, nullptr));
    EXPECT_EQ(nullptr, H.alloc(nullptr, 8));
    EXPECT_EQ(nullptr, H.aligned(nullptr, 64, 8));
    EXPECT_EQ(nullptr, H.calloc(nullptr, 1, 8));
    EXPECT_EQ(nullptr, H.realloc(nullptr, nullptr, 8));
    EXPECT_EQ(0u, H.usable(nullptr, this->arena));
    EXPECT_EQ(MEM_ERR_ARG, H.check(nullptr));
    Stats s{};
    EXPECT_EQ(MEM_ERR_ARG, H.ops->stats(nullptr, &s));  // must not crash
    EXPECT_EQ(MEM_ERR_ARG, H.ops->stats(&this->heap, nullptr));
}

TEST_P(HeapTest, DoubleFreeIsReportedAndHarmless) {
    this->Init();
    void *a = H.alloc(&this->heap, 40);
    void *b = H.alloc(&this->heap, 40);
    void *c = H.alloc(&this->heap, 40);
    ASSERT_EQ(MEM_OK, H.free(&this->heap, b));
    Stats before = H.stats(&this->heap);
    EXPECT_EQ(MEM_ERR_DOUBLE_FREE, H.free(&this->heap, b));
    this->ExpectOneReport(MEM_ERR_DOUBLE_FREE, b);
    EXPECT_EQ(before.bytes_in_use, H.stats(&this->heap).bytes_in_use);
    this->ExpectIntact();
    // b merged into a's block when a is freed: b is still a double free.
    ASSERT_EQ(MEM_OK, H.free(&this->heap, a));
    EXPECT_EQ(MEM_ERR_DOUBLE_FREE, H.free(&this->heap, b));
    this->ExpectOneReport(MEM_ERR_DOUBLE_FREE, b);
    EXPECT_EQ(MEM_ERR_DOUBLE_FREE, H.free(&this->heap, a));
    this->ExpectOneReport(MEM_ERR_DOUBLE_FREE, a);
    // realloc of a freed block is refused the same way.
    EXPECT_EQ(nullptr, H.realloc(&this->heap, a, 10));
    this->ExpectOneReport(MEM_ERR_DOUBLE_FREE, a);
    EXPECT_EQ(0u, H.usable(&this->heap, a));
    this->ExpectOneReport(MEM_ERR_DOUBLE_FREE, a);
    ASSERT_EQ(MEM_OK, H.free(&this->heap, c));
    EXPECT_EQ(MEM_ERR_DOUBLE_FREE, H.free(&this->heap, c));
    this->ExpectOneReport(MEM_ERR_DOUBLE_FREE, c);
    EXPECT_EQ(0u, H.stats(&this->heap).bytes_in_use);
    this->ExpectIntact();
}

TEST_P(HeapTest, ForeignPointersAreReportedAndHarmless) {
    this->Init(4096);
    unsigned char *a = static_cast<unsigned char *>(H.alloc(&this->heap, 64));
    ASSERT_NE(nullptr, a);
    std::memset(a, 0, 64);
    Stats before = H.stats(&this->heap);
    int local = 0;
    // Outside the arena: below, above, a stack variable.
    EXPECT_EQ(MEM_ERR_FOREIGN, H.free(&this->heap, &local));
    this->ExpectOneReport(MEM_ERR_FOREIGN, &local);
    EXPECT_EQ(MEM_ERR_FOREIGN, H.free(&this->heap, this->arena + 8192));
    this->ExpectOneReport(MEM_ERR_FOREIGN, this->arena + 8192);
    EXPECT_EQ(MEM_ERR_FOREIGN, H.free(&this->heap, this->arena));
    this->ExpectOneReport(MEM_ERR_FOREIGN, this->arena);
    // Too close to the end to be a payload.
    EXPECT_EQ(MEM_ERR_FOREIGN, H.free(&this->heap, this->arena + 4096 - 4));
    this->ExpectOneReport(MEM_ERR_FOREIGN, this->arena + 4096 - 4);
    // Inside a live block.
    EXPECT_EQ(MEM_ERR_FOREIGN, H.free(&this->heap, a + 16));
    this->ExpectOneReport(MEM_ERR_FOREIGN, a + 16);
    EXPECT_EQ(MEM_ERR_ALIGN, H.free(&this->heap, a + 1));
    this->ExpectOneReport(MEM_ERR_ALIGN, a + 1);
    // From another heap of the same kind.
    HeapState other;
    alignas(8) unsigned char other_arena[256];
    ASSERT_EQ(MEM_OK, H.init(&other, other_arena, sizeof(other_arena)));
    void *o = H.alloc(&other, 16);
    EXPECT_EQ(MEM_ERR_FOREIGN, H.free(&this->heap, o));
    this->ExpectOneReport(MEM_ERR_FOREIGN, o);
    EXPECT_EQ(nullptr, H.realloc(&this->heap, o, 32));
    this->ExpectOneReport(MEM_ERR_FOREIGN, o);
    EXPECT_EQ(0u, H.usable(&this->heap, o));
    this->ExpectOneReport(MEM_ERR_FOREIGN, o);
    EXPECT_EQ(MEM_ERR_FOREIGN, H.free(&this->heap, this->arena + 4096 + 64));
    this->ExpectOneReport(MEM_ERR_FOREIGN, this->arena + 4096 + 64);
    EXPECT_EQ(before.bytes_in_use, H.stats(&this->heap).bytes_in_use);
    EXPECT_EQ(before.free_bytes, H.stats(&this->heap).free_bytes);
    this->ExpectIntact();
    EXPECT_EQ(MEM_OK, H.free(&other, o));
    EXPECT_EQ(MEM_OK, H.free(&this->heap, a));
    this->ExpectIntact();
}

// An interior pointer whose preceding words look like a freed header (bit 0
// set, even a plausible size whose successor points back, or a prev_size
// that leads to a real free block) is foreign, not a double free.
TEST_P(HeapTest, InteriorPointerAfterAnOddWordIsForeign) {
    this->Init(4096);
    auto *f = static_cast<unsigned char *>(H.alloc(&this->heap, 32));
    auto *a = static_cast<unsigned char *>(H.alloc(&this->heap, 96));
    auto *b = static_cast<unsigned char *>(H.alloc(&this->heap, 32));
    void *wall = H.alloc(&this->heap, 8);
    ASSERT_NE(nullptr, wall);
    ASSERT_NE(nullptr, f);
    ASSERT_EQ(MEM_OK, H.free(&this->heap, f));  // free blocks before and after a
    ASSERT_EQ(MEM_OK, H.free(&this->heap, b));
    Stats before = H.stats(&this->heap);
    // The payload words before a + 32: [a + 24] prev_size, [a + 28] size/flags.
    const uint32_t sizes[] = {1u, 0x11u, 16u | 1u, 24u | 1u, 0xFFFFFFF1u};
    for (uint32_t sf : sizes) {
        for (uint32_t ps : {0u, 8u, 32u, static_cast<uint32_t>((a + 24) - (f - 8))}) {
            std::memset(a, 0, 96);
            std::memcpy(a + 24, &ps, 4);
            std::memcpy(a + 28, &sf, 4);
            // A successor that points back at a 16-byte "free block".
            uint32_t back = sf - 1u;
            std::memcpy(a + 24 + 16, &back, 4);
            EXPECT_EQ(MEM_ERR_FOREIGN, H.free(&this->heap, a + 32))
                << "size_flags " << sf << " prev_size " << ps;
            this->ExpectOneReport(MEM_ERR_FOREIGN, a + 32);
            EXPECT_EQ(nullptr, H.realloc(&this->heap, a + 32, 8));
            this->ExpectOneReport(MEM_ERR_FOREIGN, a + 32);
            EXPECT_EQ(0u, H.usable(&this->heap, a + 32));
            this->ExpectOneReport(MEM_ERR_FOREIGN, a + 32);
        }
    }
    EXPECT_EQ(before.bytes_in_use, H.stats(&this->heap).bytes_in_use);
    EXPECT_EQ(before.free_bytes, H.stats(&this->heap).free_bytes);
    this->ExpectIntact();
    EXPECT_EQ(MEM_OK, H.free(&this->heap, a));
    EXPECT_EQ(MEM_OK, H.free(&this->heap, wall));
    this->ExpectIntact();
}

TEST_P(HeapTest, OutOfMemoryCallsTheHookAndCounts) {
    this->Init(1024);
    EXPECT_EQ(nullptr, H.alloc(&this->heap, 2000));
    EXPECT_EQ(1, this->oom_count);
    ASSERT_EQ(1u, g_oom.size());
    EXPECT_EQ(static_cast<const void *>(&this->heap), g_oom[0].heap);
    EXPECT_EQ(2000u, g_oom[0].size);
    EXPECT_EQ(8u, g_oom[0].alignment);
    EXPECT_EQ(nullptr, H.alloc(&this->heap, SIZE_MAX));
    EXPECT_EQ(nullptr, H.alloc(&this->heap, SIZE_MAX - 7));
    EXPECT_EQ(nullptr, H.alloc(&this->heap, H.arena_max()));
    // 1020 bytes cannot fit a 1024-byte arena whatever its address (>= 8 B
    // of header), so this fails for any alignment of the arena.
    EXPECT_EQ(nullptr, H.aligned(&this->heap, 256, 1020));
    EXPECT_EQ(256u, g_oom.back().alignment);
    EXPECT_EQ(nullptr, H.aligned(&this->heap, size_t{1} << 40, 8));
    EXPECT_EQ(6, this->oom_count);
    EXPECT_EQ(6u, H.stats(&this->heap).failed_allocs);
    EXPECT_EQ(0, this->hook_.calls);  // not misuse
    // Without a hook the failure is only counted.
    H.oom(&this->heap, nullptr, nullptr);
    EXPECT_EQ(nullptr, H.alloc(&this->heap, 5000));
    EXPECT_EQ(6, this->oom_count);
    EXPECT_EQ(7u, H.stats(&this->heap).failed_allocs);
    this->ExpectIntact();
}

TEST_P(HeapTest, CallocZeroesAndChecksOverflow) {
    this->Init();
    unsigned char *p = static_cast<unsigned char *>(H.alloc(&this->heap, 256));
    std::memset(p, 0xFF, 256);
    ASSERT_EQ(MEM_OK, H.free(&this->heap, p));
    unsigned char *q = static_cast<unsigned char *>(H.calloc(&this->heap, 16, 16));
    ASSERT_NE(nullptr, q);
    for (int i = 0; i < 256; i++) ASSERT_EQ(0, q[i]);
    EXPECT_EQ(nullptr, H.calloc(&this->heap, SIZE_MAX / 2, 3));
    ASSERT_EQ(1u, g_oom.size());
    EXPECT_EQ(SIZE_MAX, g_oom[0].size);
    EXPECT_EQ(nullptr, H.calloc(&this->heap, 1u << 20, 1u << 20));
    EXPECT_EQ(2u, H.stats(&this->heap).failed_allocs);
    void *z = H.calloc(&this->heap, 0, 5);
    EXPECT_NE(nullptr, z);
    EXPECT_EQ(MEM_OK, H.free(&this->heap, z));
    EXPECT_EQ(MEM_OK, H.free(&this->heap, q));
    this->ExpectIntact();
}

TEST_P(HeapTest, AlignedAllocHonoursEveryPowerOfTwo) {
    this->Init();
    std::vector<void *> live;
    for (size_t al = 1; al <= 2048; al <<= 1) {
        for (size_t n : {1u, 24u, 100u}) {
            void *p = H.aligned(&this->heap, al, n);
            ASSERT_NE(nullptr, p) << al << " " << n;
            EXPECT_EQ(0u, reinterpret_cast<uintptr_t>(p) % al);
            EXPECT_EQ(0u, reinterpret_cast<uintptr_t>(p) % 8);
            std::memset(p, 0x11, n);
            live.push_back(p);
            this->ExpectIntact();
        }
    }
    for (void *p : live) ASSERT_EQ(MEM_OK, H.free(&this->heap, p));
    EXPECT_EQ(0u, H.stats(&this->heap).bytes_in_use);
    this->ExpectIntact();
    // Invalid alignments: NULL, counted, no OOM hook, no report.
    for (size_t bad : {size_t{0}, size_t{3}, size_t{24}, size_t{96}}) {
        EXPECT_EQ(nullptr, H.aligned(&this->heap, bad, 16));
    }
    EXPECT_EQ(4u, H.stats(&this->heap).failed_allocs);
    EXPECT_TRUE(g_oom.empty());
    EXPECT_EQ(0, this->hook_.calls);
}

TEST_P(HeapTest, ReallocInPlaceMovedAndFailed) {
    this->Init(2048);
    unsigned char *a = static_cast<unsigned char *>(H.realloc(&this->heap, nullptr, 100));
    ASSERT_NE(nullptr, a);
    for (int i = 0; i < 100; i++) a[i] = static_cast<unsigned char>(i);
    // Grow in place into the free space after it.
    unsigned char *g = static_cast<unsigned char *>(H.realloc(&this->heap, a, 300));
    EXPECT_EQ(a, g);
    for (int i = 0; i < 100; i++) ASSERT_EQ(i, g[i]);
    this->ExpectIntact();
    // Shrink in place; the tail is returned to the heap.
    EXPECT_EQ(312u, H.stats(&this->heap).bytes_in_use);
    EXPECT_EQ(a, H.realloc(&this->heap, a, 40));
    EXPECT_EQ(48u, H.stats(&this->heap).bytes_in_use);
    for (int i = 0; i < 40; i++) ASSERT_EQ(i, a[i]);
    EXPECT_EQ(a, H.realloc(&this->heap, a, 0));  // to the minimum block
    EXPECT_EQ(16u, H.stats(&this->heap).bytes_in_use);
    EXPECT_EQ(0, a[0]);
    EXPECT_EQ(a, H.realloc(&this->heap, a, 40));
    for (int i = 0; i < 40; i++) a[i] = static_cast<unsigned char>(i);
    this->ExpectIntact();
    // Blocked by a neighbour: moves and keeps the content.
    void *wall = H.alloc(&this->heap, 16);
    ASSERT_NE(nullptr, wall);
    unsigned char *m = static_cast<unsigned char *>(H.realloc(&this->heap, a, 500));
    ASSERT_NE(nullptr, m);
    EXPECT_NE(a, m);
    for (int i = 0; i < 40; i++) ASSERT_EQ(i, m[i]);
    this->ExpectIntact();
    // Too large: NULL, old block intact and still owned.
    EXPECT_EQ(nullptr, H.realloc(&this->heap, m, 4000));
    EXPECT_EQ(nullptr, H.realloc(&this->heap, m, SIZE_MAX));
    EXPECT_EQ(2, this->oom_count);
    for (int i = 0; i < 40; i++) ASSERT_EQ(i, m[i]);
    EXPECT_EQ(MEM_OK, H.free(&this->heap, m));
    EXPECT_EQ(MEM_OK, H.free(&this->heap, wall));
    EXPECT_EQ(0u, H.stats(&this->heap).bytes_in_use);
    EXPECT_EQ(0u, H.stats(&this->heap).live_blocks);
    this->ExpectIntact();
}

TEST_P(HeapTest, ReallocGrowsIntoAFreedNeighbourExactly) {
    this->Init(1024);
    void *a = H.alloc(&this->heap, 64);
    void *b = H.alloc(&this->heap, 64);
    void *c = H.alloc(&this->heap, 64);
    ASSERT_EQ(MEM_OK, H.free(&this->heap, b));
    // a (72 B block) + b (72 B) = 144 B: exactly a 136-byte payload.
    EXPECT_EQ(a, H.realloc(&this->heap, a, 136));
    this->ExpectIntact();
    EXPECT_EQ(MEM_OK, H.free(&this->heap, a));
    EXPECT_EQ(MEM_OK, H.free(&this->heap, c));
    this->ExpectIntact();
}

TEST_P(HeapTest, StatisticsTrackUseAndPeak) {
    this->Init(4096);
    Stats s0 = H.stats(&this->heap);
    EXPECT_EQ(4096u, s0.arena_bytes);
    EXPECT_EQ(0u, s0.bytes_in_use);
    EXPECT_EQ(4096u - H.kFixedOverhead, s0.free_bytes);
    void *a = H.alloc(&this->heap, 1000);
    void *b = H.alloc(&this->heap, 1000);
    Stats s1 = H.stats(&this->heap);
    EXPECT_EQ(2016u, s1.bytes_in_use);
    EXPECT_EQ(2016u, s1.peak_bytes_in_use);
    EXPECT_EQ(2u, s1.live_blocks);
    EXPECT_EQ(2u, s1.alloc_count);
    EXPECT_EQ(s0.free_bytes - 2016u, s1.free_bytes);
    ASSERT_EQ(MEM_OK, H.free(&this->heap, a));
    Stats s2 = H.stats(&this->heap);
    EXPECT_EQ(1008u, s2.bytes_in_use);
    EXPECT_EQ(2016u, s2.peak_bytes_in_use);
    EXPECT_EQ(1u, s2.live_blocks);
    EXPECT_EQ(2u, s2.alloc_count);
    // Largest free block: the tail after b.
    EXPECT_EQ(4096u - H.kFixedOverhead - 2016u - 8u, s2.largest_free_block);
    ASSERT_EQ(MEM_OK, H.free(&this->heap, b));
    EXPECT_EQ(s0.largest_free_block, H.stats(&this->heap).largest_free_block);
}

TEST_P(HeapTest, IntegrityCheckFindsDamagedHeaders) {
    this->Init(1024);
    unsigned char *a = static_cast<unsigned char *>(H.alloc(&this->heap, 32));
    unsigned char *b = static_cast<unsigned char *>(H.alloc(&this->heap, 32));
    ASSERT_NE(nullptr, b);
    uint32_t saved;
    std::memcpy(&saved, b - 4, 4);
    uint32_t bad = saved ^ 0x40u;  // buffer overrun from a into b's header
    std::memcpy(b - 4, &bad, 4);
    std::string why;
    EXPECT_EQ(MEM_ERR_CORRUPT, H.check(&this->heap, &why));
    EXPECT_FALSE(why.empty());
    ASSERT_EQ(1, this->hook_.calls);
    EXPECT_EQ(MEM_ERR_CORRUPT, this->hook_.status);
    this->hook_ = {};
    // Freeing the damaged block is refused rather than followed.
    EXPECT_NE(MEM_OK, H.free(&this->heap, b));
    EXPECT_EQ(1, this->hook_.calls);
    this->hook_ = {};
    std::memcpy(b - 4, &saved, 4);
    this->ExpectIntact();
    // A damaged size word of a free block.
    ASSERT_EQ(MEM_OK, H.free(&this->heap, a));
    uint32_t word;
    std::memcpy(&word, a - (std::string(H.name()) == "tlsf" ? 4 : 8), 4);
    word += 8;
    std::memcpy(a - (std::string(H.name()) == "tlsf" ? 4 : 8), &word, 4);
    EXPECT_EQ(MEM_ERR_CORRUPT, H.check(&this->heap, &why));
    this->hook_ = {};
}

TEST_P(HeapTest, CountersDisagreeingWithBlocksAreCorruption) {
    this->Init(1024);
    void *a = H.alloc(&this->heap, 32);
    ASSERT_NE(nullptr, a);
    // White box: the heap's own in_use counter.
    size_t &in_use = H.name() == "tlsf" ? this->heap.tlsf.in_use : this->heap.llff.in_use;
    in_use += 8;
    std::string why;
    EXPECT_EQ(MEM_ERR_CORRUPT, H.check(&this->heap, &why));
    EXPECT_NE(std::string::npos, why.find("counters")) << why;
    in_use -= 8;
    this->hook_ = {};
    this->ExpectIntact();
}

// Random operation sequences against a model; full integrity walk after every
// step; the largest_free_block statistic must be exactly the largest request
// that succeeds.
TEST_P(HeapTest, RandomOperationsMatchTheModel) {
    struct Live {
        unsigned char *p;
        size_t n;
        unsigned char fill;
    };
    for (uint32_t seed : {1u, 2u, 3u, 4u}) {
        std::mt19937 rng(seed);
        size_t arena_n = 1024 + (rng() % 8) * 1024;
        ASSERT_EQ(MEM_OK, H.init(&this->heap, this->arena, arena_n));
        std::vector<Live> live;
        size_t model_in_use = 0, model_peak = 0;
        uint32_t model_allocs = 0, model_failed = 0;
        auto block_of = [](size_t n) { return std::max<size_t>(16, (n + 15) & ~size_t{7}); };
        auto verify = [&](const Live &l) {
            for (size_t i = 0; i < l.n; i++) ASSERT_EQ(l.fill, l.p[i]);
        };
        for (int step = 0; step < 1500; step++) {
            unsigned op = rng() % 10;
            if (op < 4 || live.empty()) {
                size_t n = (rng() % 4 == 0) ? rng() % 600 : rng() % 64;
                size_t al = (rng() % 5 == 0) ? size_t{1} << (rng() % 8) : 8;
                unsigned char *p = static_cast<unsigned char *>(
                    al == 8 ? H.alloc(&this->heap, n) : H.aligned(&this->heap, al, n));
                if (p == nullptr) {
                    model_failed++;
                } else {
                    ASSERT_EQ(0u, reinterpret_cast<uintptr_t>(p) % al);
                    ASSERT_GE(p, this->arena);
                    ASSERT_LE(p + n, this->arena + arena_n);
                    ASSERT_GE(H.usable(&this->heap, p), n);
                    Live l{p, n, static_cast<unsigned char>(rng())};
                    std::memset(p, l.fill, n);
                    live.push_back(l);
                    model_allocs++;
                }
            } else if (op < 7) {
                size_t i = rng() % live.size();
                verify(live[i]);
                ASSERT_EQ(MEM_OK, H.free(&this->heap, live[i].p));
                live.erase(live.begin() + static_cast<long>(i));
            } else if (op < 9) {
                size_t i = rng() % live.size();
                Live &l = live[i];
                size_t n = rng() % 700;
                unsigned char *q = static_cast<unsigned char *>(H.realloc(&this->heap, l.p, n));
                if (q == nullptr) {
                    model_failed++;
                    verify(l);
                } else {
                    if (q != l.p) model_allocs++;
                    for (size_t k = 0; k < std::min(n, l.n); k++) ASSERT_EQ(l.fill, q[k]);
                    l.p = q;
                    l.n = n;
                    std::memset(q, l.fill, n);
                }
            } else {
                // Largest-free exactness.
                size_t big = H.stats(&this->heap).largest_free_block;
                if (big > 0) {
                    void *p = H.alloc(&this->heap, big);
                    ASSERT_NE(nullptr, p) << "largest_free_block " << big << " failed";
                    model_allocs++;
                    ASSERT_EQ(MEM_OK, H.free(&this->heap, p));
                }
                ASSERT_EQ(nullptr, H.alloc(&this->heap, big + 1));
                model_failed++;
            }
            // Model comparison after every step.
            model_in_use = 0;
            for (const Live &l : live) model_in_use += H.usable(&this->heap, l.p) + 8;
            model_peak = std::max(model_peak, model_in_use);
            Stats s = H.stats(&this->heap);
            ASSERT_EQ(live.size(), s.live_blocks);
            ASSERT_EQ(model_in_use, s.bytes_in_use);
            ASSERT_GE(s.peak_bytes_in_use, model_peak);
            ASSERT_EQ(model_failed, s.failed_allocs);
            ASSERT_EQ(model_allocs, s.alloc_count);
            ASSERT_EQ(s.arena_bytes - H.kFixedOverhead - s.bytes_in_use, s.free_bytes);
            for (const Live &l : live) ASSERT_LE(block_of(l.n), H.usable(&this->heap, l.p) + 8);
            // No two live blocks overlap.
            std::vector<std::pair<uintptr_t, uintptr_t>> spans;
            for (const Live &l : live)
                spans.push_back({reinterpret_cast<uintptr_t>(l.p),
                                 reinterpret_cast<uintptr_t>(l.p) + std::max<size_t>(l.n, 1)});
            std::sort(spans.begin(), spans.end());
            for (size_t k = 1; k < spans.size(); k++) ASSERT_LE(spans[k - 1].second, spans[k].first);
            std::string why;
            ASSERT_EQ(MEM_OK, H.check(&this->heap, &why)) << why << " seed " << seed << " step " << step;
        }
        for (const Live &l : live) {
            verify(l);
            ASSERT_EQ(MEM_OK, H.free(&this->heap, l.p));
        }
        Stats end = H.stats(&this->heap);
        EXPECT_EQ(0u, end.bytes_in_use);
        EXPECT_EQ(end.arena_bytes - 8 - H.kFixedOverhead, end.largest_free_block);
        ASSERT_EQ(0, this->hook_.calls);
    }
}

}  // namespace

// The statistics each heap has beyond mem_heap_stats_t.
namespace {

TEST(HeapExtras, TlsfLargestFreeBoundBracketsTheLargestFreeBlock) {
    alignas(8) unsigned char arena[4096];
    mem_tlsf_t h;
    ASSERT_EQ(MEM_OK, mem_tlsf_init(&h, arena, sizeof(arena)));
    void *a = mem_tlsf_alloc(&h, 1000);
    void *b = mem_tlsf_alloc(&h, 8);
    ASSERT_NE(nullptr, a);
    ASSERT_NE(nullptr, b);
    ASSERT_EQ(MEM_OK, mem_tlsf_free(&h, a));
    mem_heap_stats_t s;
    ASSERT_EQ(MEM_OK, mem_tlsf_stats(&h, &s));
    size_t bound = mem_tlsf_largest_free_bound(&h);
    EXPECT_GE(bound, s.largest_free_block);
    EXPECT_LE(bound, s.free_bytes);
    EXPECT_EQ(0u, mem_tlsf_largest_free_bound(nullptr));
}

TEST(HeapExtras, LlffFreeBlocksCountsTheFreeList) {
    alignas(8) unsigned char arena[4096];
    mem_llff_t h;
    ASSERT_EQ(MEM_OK, mem_llff_init(&h, arena, sizeof(arena)));
    EXPECT_EQ(1u, mem_llff_free_blocks(&h));
    void *a = mem_llff_alloc(&h, 100);
    void *b = mem_llff_alloc(&h, 100);
    ASSERT_NE(nullptr, a);
    ASSERT_NE(nullptr, b);
    EXPECT_EQ(1u, mem_llff_free_blocks(&h));
    ASSERT_EQ(MEM_OK, mem_llff_free(&h, a));
    EXPECT_EQ(2u, mem_llff_free_blocks(&h));
    ASSERT_EQ(MEM_OK, mem_llff_free(&h, b));
    EXPECT_EQ(1u, mem_llff_free_blocks(&h));
    EXPECT_EQ(0u, mem_llff_free_blocks(nullptr));
}

// A block is split only when the rest is at least 24 bytes (FreeRTOS
// heap_4's rule): 16-byte fragments would lengthen every first-fit walk.
TEST(HeapExtras, LlffSplitsOnlyWhenTwentyFourBytesRemain) {
    alignas(8) unsigned char arena[4096];
    mem_llff_t h;
    ASSERT_EQ(MEM_OK, mem_llff_init(&h, arena, sizeof(arena)));
    void *a = mem_llff_alloc(&h, 32);  // a 40-byte block
    void *wall = mem_llff_alloc(&h, 8);
    ASSERT_NE(nullptr, wall);
    ASSERT_EQ(MEM_OK, mem_llff_free(&h, a));
    void *p = mem_llff_alloc(&h, 16);  // 24 of 40: 16 left, not split
    EXPECT_EQ(a, p);
    EXPECT_EQ(32u, mem_llff_usable_size(&h, p));
    EXPECT_EQ(1u, mem_llff_free_blocks(&h));
    ASSERT_EQ(MEM_OK, mem_llff_free(&h, p));
    void *q = mem_llff_alloc(&h, 8);  // 16 of 40: 24 left, split
    EXPECT_EQ(a, q);
    EXPECT_EQ(8u, mem_llff_usable_size(&h, q));
    EXPECT_EQ(2u, mem_llff_free_blocks(&h));
    EXPECT_EQ(MEM_OK, mem_llff_check(&h, nullptr));
}

// First fit: the lowest free block that is large enough, wherever it sits
// in the list (the walk takes two blocks per round: odd and even places).
TEST(HeapExtras, LlffTakesTheLowestFreeBlockThatFits) {
    alignas(8) unsigned char arena[8192];
    mem_llff_t h;
    ASSERT_EQ(MEM_OK, mem_llff_init(&h, arena, sizeof(arena)));
    constexpr int kHoles = 9;
    void *hole[kHoles];
    for (int i = 0; i < kHoles; i++) {
        hole[i] = mem_llff_alloc(&h, 24 + 32 * static_cast<size_t>(i));
        ASSERT_NE(nullptr, mem_llff_alloc(&h, 8));  // keeps the holes apart
    }
    void *rest = mem_llff_alloc(&h, 8192 - 2048);  // the tail, taken too
    ASSERT_NE(nullptr, rest);
    for (void *p : hole) {
        ASSERT_EQ(MEM_OK, mem_llff_free(&h, p));
    }
    ASSERT_EQ(static_cast<size_t>(kHoles + 1), mem_llff_free_blocks(&h));
    for (int i = kHoles - 1; i >= 0; i--) {  // each fits hole i and above
        void *p = mem_llff_alloc(&h, 24 + 32 * static_cast<size_t>(i));
        EXPECT_EQ(hole[i], p) << "hole " << i;
    }
    EXPECT_EQ(nullptr, mem_llff_alloc(&h, 4096));
    EXPECT_EQ(MEM_OK, mem_llff_check(&h, nullptr));
}

}  // namespace
