// Unit tests for mem/stack.h on caller-supplied regions: painting,
// measuring, and every validation error.
#include "mem/stack.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>

namespace {

constexpr size_t kWords = 64;

class StackTest : public ::testing::Test {
  protected:
    void SetUp() override { std::memset(region_, 0, sizeof region_); }
    uint32_t *low() { return region_; }
    uint32_t *high() { return region_ + kWords; }
    alignas(8) uint32_t region_[kWords + 2];  // +2: guard words
};

TEST_F(StackTest, PaintFillsExactlyTheRegion)
{
    region_[kWords] = 0x11111111;
    ASSERT_EQ(mem_stack_paint(low(), high()), MEM_OK);
    for (size_t i = 0; i < kWords; ++i) {
        ASSERT_EQ(region_[i], MEM_STACK_PAINT_WORD) << i;
    }
    EXPECT_EQ(region_[kWords], 0x11111111u);  // one past high untouched
}

TEST_F(StackTest, FreshlyPaintedRegionIsAllFree)
{
    ASSERT_EQ(mem_stack_paint(low(), high()), MEM_OK);
    mem_stack_usage_t u{};
    ASSERT_EQ(mem_stack_measure(low(), high(), &u), MEM_OK);
    EXPECT_EQ(u.size, kWords * 4);
    EXPECT_EQ(u.free, kWords * 4);
    EXPECT_EQ(u.used, 0u);
}

TEST_F(StackTest, HighWaterMarkIsTheDeepestWrite)
{
    ASSERT_EQ(mem_stack_paint(low(), high()), MEM_OK);
    // Simulate a descending stack that reached word 40 (from the top),
    // then returned: only the deepest touched word matters.
    region_[kWords - 40] = 0;
    region_[kWords - 3] = 0;
    mem_stack_usage_t u{};
    ASSERT_EQ(mem_stack_measure(low(), high(), &u), MEM_OK);
    EXPECT_EQ(u.used, 40u * 4);
    EXPECT_EQ(u.free, (kWords - 40) * 4);
    EXPECT_EQ(u.size, u.used + u.free);
    // Fully used: the lowest word was overwritten.
    region_[0] = 1;
    ASSERT_EQ(mem_stack_measure(low(), high(), &u), MEM_OK);
    EXPECT_EQ(u.free, 0u);
    EXPECT_EQ(u.used, kWords * 4);
}

TEST_F(StackTest, UnpaintedRegionReadsAsFullyUsed)
{
    mem_stack_usage_t u{};
    ASSERT_EQ(mem_stack_measure(low(), high(), &u), MEM_OK);  // zeros
    EXPECT_EQ(u.used, kWords * 4);
}

TEST_F(StackTest, OneWordRegion)
{
    ASSERT_EQ(mem_stack_paint(low(), low() + 1), MEM_OK);
    mem_stack_usage_t u{};
    ASSERT_EQ(mem_stack_measure(low(), low() + 1, &u), MEM_OK);
    EXPECT_EQ(u.free, 4u);
    EXPECT_EQ(region_[1], 0u);
}

TEST_F(StackTest, InvalidRegionsAreRejectedWithoutWriting)
{
    auto *bytes = reinterpret_cast<unsigned char *>(region_);
    mem_stack_usage_t u{1, 2, 3};
    EXPECT_EQ(mem_stack_paint(nullptr, high()), MEM_ERR_ARG);
    EXPECT_EQ(mem_stack_paint(low(), nullptr), MEM_ERR_ARG);
    EXPECT_EQ(mem_stack_paint(high(), low()), MEM_ERR_ARG);  // reversed
    EXPECT_EQ(mem_stack_paint(low(), low()), MEM_ERR_SIZE);  // empty
    EXPECT_EQ(mem_stack_paint(bytes + 1, high()), MEM_ERR_ALIGN);
    EXPECT_EQ(mem_stack_paint(low(), bytes + 4 * kWords - 2), MEM_ERR_ALIGN);
    EXPECT_EQ(mem_stack_measure(nullptr, high(), &u), MEM_ERR_ARG);
    EXPECT_EQ(mem_stack_measure(low(), nullptr, &u), MEM_ERR_ARG);
    EXPECT_EQ(mem_stack_measure(high(), low(), &u), MEM_ERR_ARG);
    EXPECT_EQ(mem_stack_measure(low(), low(), &u), MEM_ERR_SIZE);
    EXPECT_EQ(mem_stack_measure(bytes + 2, high(), &u), MEM_ERR_ALIGN);
    EXPECT_EQ(mem_stack_measure(low(), high(), nullptr), MEM_ERR_ARG);
    EXPECT_EQ(u.size, 1u);  // untouched on failure
    EXPECT_EQ(u.used, 2u);
    EXPECT_EQ(u.free, 3u);
    for (uint32_t w : region_) {
        ASSERT_EQ(w, 0u);
    }
}

TEST_F(StackTest, PaintActiveRejectsRegionsWeAreNotRunningOn)
{
    // region_ is in this fixture object, not around the current SP.
    EXPECT_EQ(mem_stack_paint_active(low(), high(), 0), MEM_ERR_RANGE);
    EXPECT_EQ(mem_stack_paint_active(nullptr, high(), 0), MEM_ERR_ARG);
    EXPECT_EQ(mem_stack_paint_active(low(), low(), 0), MEM_ERR_SIZE);
    auto *bytes = reinterpret_cast<unsigned char *>(region_);
    EXPECT_EQ(mem_stack_paint_active(bytes + 1, high(), 0), MEM_ERR_ALIGN);
    for (uint32_t w : region_) {
        ASSERT_EQ(w, 0u);
    }
}

TEST_F(StackTest, CurrentSpIsInsideThisFrame)
{
    int local = 0;
    auto sp = reinterpret_cast<uintptr_t>(mem_stack_current_sp());
    auto here = reinterpret_cast<uintptr_t>(&local);
    // The stack pointer is below (or at) any live local, and close to it.
    EXPECT_LE(sp, here);
    EXPECT_LT(here - sp, 64u * 1024u);
}

}  // namespace
