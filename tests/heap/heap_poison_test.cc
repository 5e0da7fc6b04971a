// Heaps built with MEM_CONFIG_POISON=1: freed memory is poisoned, and a write
// to it (use after free) is caught by the integrity walk and by the next
// allocation that hands the memory out.
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <vector>

#include "heap_adapter.h"
#include "mem/config.h"
#include "tests/support/failure_hook_capture.h"

namespace {

class PoisonTest : public tidemark_test::FailureHookTest,
                   public ::testing::WithParamInterface<HeapCase> {
protected:
    alignas(16) unsigned char arena[4096];
    HeapState heap;
    const HeapCase &H = GetParam();
    void SetUp() override {
        FailureHookTest::SetUp();
        ASSERT_EQ(MEM_OK, H.init(&heap, arena, sizeof(arena)));
    }
};

INSTANTIATE_TEST_SUITE_P(Heaps, PoisonTest, ::testing::ValuesIn(kHeaps), HeapCaseName);

TEST_P(PoisonTest, FreedMemoryHoldsThePoisonByte) {
    unsigned char *a = static_cast<unsigned char *>(H.alloc(&this->heap, 200));
    void *wall = H.alloc(&this->heap, 8);
    std::memset(a, 0, 200);
    ASSERT_EQ(MEM_OK, H.free(&this->heap, a));
    // Beyond the free-list links (first 8 payload bytes) everything is poison.
    for (int i = 8; i < 200; i++) ASSERT_EQ(MEM_POISON_BYTE, a[i]) << i;
    EXPECT_EQ(MEM_OK, H.check(&this->heap));
    EXPECT_EQ(MEM_OK, H.free(&this->heap, wall));
    EXPECT_EQ(0, this->hook_.calls);
}

TEST_P(PoisonTest, UseAfterFreeIsCaughtByTheWalk) {
    unsigned char *a = static_cast<unsigned char *>(H.alloc(&this->heap, 200));
    void *wall = H.alloc(&this->heap, 8);
    ASSERT_EQ(MEM_OK, H.free(&this->heap, a));
    a[100] = 0;  // use after free
    std::string why;
    EXPECT_EQ(MEM_ERR_CORRUPT, H.check(&this->heap, &why));
    EXPECT_NE(std::string::npos, why.find("use after free")) << why;
    ASSERT_EQ(1, this->hook_.calls);
    a[100] = MEM_POISON_BYTE;
    this->hook_ = {};
    EXPECT_EQ(MEM_OK, H.check(&this->heap));
    EXPECT_EQ(MEM_OK, H.free(&this->heap, wall));
}

TEST_P(PoisonTest, UseAfterFreeIsCaughtWhenTheMemoryIsHandedOutAgain) {
    unsigned char *a = static_cast<unsigned char *>(H.alloc(&this->heap, 64));
    void *wall = H.alloc(&this->heap, 8);
    ASSERT_EQ(MEM_OK, H.free(&this->heap, a));
    a[40] = 1;
    void *again = H.alloc(&this->heap, 64);
    EXPECT_EQ(a, again);
    ASSERT_EQ(1, this->hook_.calls);
    EXPECT_EQ(MEM_ERR_CORRUPT, this->hook_.status);
    this->hook_ = {};
    EXPECT_EQ(MEM_OK, H.free(&this->heap, again));
    EXPECT_EQ(MEM_OK, H.free(&this->heap, wall));
    EXPECT_EQ(MEM_OK, H.check(&this->heap));
}

TEST_P(PoisonTest, DoubleFreeOfAMergedBlockIsStillADoubleFree) {
    void *a = H.alloc(&this->heap, 64);
    void *b = H.alloc(&this->heap, 64);
    void *wall = H.alloc(&this->heap, 8);
    ASSERT_EQ(MEM_OK, H.free(&this->heap, a));
    ASSERT_EQ(MEM_OK, H.free(&this->heap, b));  // merges into a; header poisoned
    EXPECT_EQ(MEM_ERR_DOUBLE_FREE, H.free(&this->heap, b));
    EXPECT_EQ(MEM_OK, H.free(&this->heap, wall));
    EXPECT_EQ(MEM_OK, H.check(&this->heap));
}

// Random sequences with the poison invariant checked after every step.
TEST_P(PoisonTest, RandomOperationsKeepThePoisonIntact) {
    std::mt19937 rng(7);
    std::vector<std::pair<unsigned char *, size_t>> live;
    for (int step = 0; step < 2000; step++) {
        unsigned op = rng() % 3;
        if (op == 0 || live.empty()) {
            size_t n = rng() % 300;
            size_t al = size_t{1} << (rng() % 7);
            auto *p = static_cast<unsigned char *>(H.aligned(&this->heap, al, n));
            if (p != nullptr) {
                std::memset(p, 0x3C, n);
                live.push_back({p, n});
            }
        } else if (op == 1) {
            size_t i = rng() % live.size();
            ASSERT_EQ(MEM_OK, H.free(&this->heap, live[i].first));
            live.erase(live.begin() + static_cast<long>(i));
        } else {
            size_t i = rng() % live.size();
            size_t n = rng() % 400;
            auto *q = static_cast<unsigned char *>(H.realloc(&this->heap, live[i].first, n));
            if (q != nullptr) {
                std::memset(q, 0x3C, n);
                live[i] = {q, n};
            }
        }
        std::string why;
        ASSERT_EQ(MEM_OK, H.check(&this->heap, &why)) << why << " step " << step;
        ASSERT_EQ(0, this->hook_.calls) << "step " << step;
    }
}

}  // namespace
