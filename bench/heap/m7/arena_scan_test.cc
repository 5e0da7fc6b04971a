// arena_scan: a scan (first clean factor in increasing order), not a
// bisection, so a non-monotonic heap is answered right.
#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <vector>

extern "C" {
#include "arena_scan.h"
}

namespace {

struct Fake {
    std::set<size_t> clean;       // arena sizes that replay cleanly
    std::vector<size_t> tried;
};

bool try_fake(size_t bytes, void *context)
{
    auto *f = static_cast<Fake *>(context);
    f->tried.push_back(bytes);
    return f->clean.count(bytes) != 0;
}

TEST(ArenaScan, BytesRoundUpToEight)
{
    EXPECT_EQ(arena_scan_bytes(1000, 64, 64), 1000u);
    EXPECT_EQ(arena_scan_bytes(1000, 65, 64), 1016u);  // 1015.6 -> 1016
    EXPECT_EQ(arena_scan_bytes(1001, 64, 64), 1008u);
    EXPECT_EQ(arena_scan_bytes(3, 64, 64), 8u);
}

TEST(ArenaScan, FindsTheFirstCleanStepEvenWhenLaterOnesFail)
{
    // Clean at 70/64 and from 80/64 up, failing in between: a bisection over
    // [64, 128] would probe 96, then 80, ... and miss 70.
    Fake f;
    f.clean.insert(arena_scan_bytes(6400, 70, 64));
    for (uint32_t s = 80; s <= 128; s++) {
        f.clean.insert(arena_scan_bytes(6400, s, 64));
    }
    EXPECT_EQ(arena_scan(6400, 64, 128, 64, SIZE_MAX, try_fake, &f), 70u);
    ASSERT_EQ(f.tried.size(), 7u);
    for (size_t i = 1; i < f.tried.size(); i++) {
        EXPECT_GT(f.tried[i], f.tried[i - 1]);
    }
}

TEST(ArenaScan, NoneCleanIsZeroAndStopsAtTheLimit)
{
    Fake f;
    EXPECT_EQ(arena_scan(6400, 64, 256, 64, 9000, try_fake, &f), 0u);
    ASSERT_FALSE(f.tried.empty());
    EXPECT_LE(f.tried.back(), 9000u);
    EXPECT_EQ(f.tried.size(), 27u);  // 6400 .. 9000 in steps of 100
}

}  // namespace
