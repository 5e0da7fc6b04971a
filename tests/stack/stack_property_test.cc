// Property test: random "deepest write" patterns on a painted region; the
// measured usage must equal a reference computed by a simple model (the
// distance from the lowest overwritten word to the top).
#include "mem/stack.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

namespace {

TEST(StackProperty, MeasureMatchesModel)
{
    std::mt19937 rng(4242);
    std::vector<uint32_t> region(512);
    for (int round = 0; round < 300; ++round) {
        // Random sub-region, random writes, compare after every write.
        size_t lo = rng() % 256;
        size_t hi = lo + 1 + rng() % (region.size() - lo);
        uint32_t *low = region.data() + lo;
        uint32_t *high = region.data() + hi;
        ASSERT_EQ(mem_stack_paint(low, high), MEM_OK);
        size_t deepest = hi;  // model: lowest index written so far
        for (int w = 0; w < 20; ++w) {
            size_t idx = lo + rng() % (hi - lo);
            uint32_t value = rng();
            if (value == MEM_STACK_PAINT_WORD) {
                value ^= 1u;
            }
            region[idx] = value;
            if (idx < deepest) {
                deepest = idx;
            }
            mem_stack_usage_t u{};
            ASSERT_EQ(mem_stack_measure(low, high, &u), MEM_OK);
            ASSERT_EQ(u.size, (hi - lo) * 4);
            ASSERT_EQ(u.used, (hi - deepest) * 4) << "round " << round;
            ASSERT_EQ(u.free, (deepest - lo) * 4);
        }
    }
}

}  // namespace
