// Paints and measures a stack that code is actually running on, through
// the MSP helpers. The test plays the linker script: it defines
// _stack_bottom (an aligned array) and _stack_top (one past its end) and
// runs a thread whose stack is exactly that array.
#include <gtest/gtest.h>
#include <pthread.h>

#include <cstdint>
#include <cstring>

#include "mem/stack.h"

namespace {
constexpr size_t kStackBytes = 512 * 1024;  // roomy enough for sanitizers
}

// The "linker symbols". _stack_top is placed with assembler directives so
// it is a real symbol one past the end of _stack_bottom, as in a linker
// script.
extern "C" {
alignas(4096) uint32_t _stack_bottom[kStackBytes / 4];
}
asm(".globl _stack_top\n"
    ".set _stack_top, _stack_bottom + 524288\n");
static_assert(kStackBytes == 524288, "keep the asm offset in sync");

namespace {

struct LiveResult {
    mem_status_t paint = MEM_ERR_STATE;
    mem_status_t measure_before = MEM_ERR_STATE;
    mem_status_t measure_after = MEM_ERR_STATE;
    mem_stack_usage_t before{};
    mem_stack_usage_t after{};
    uintptr_t sp_at_paint = 0;
    uint32_t canary_after = 0;
    uint64_t recursion_sum = 0;
};

// Uses about `depth` * 1 KiB of stack below the caller.
__attribute__((noinline)) uint64_t burn_stack(int depth)
{
    volatile unsigned char frame[1024];
    for (size_t i = 0; i < sizeof frame; i += 64) {
        frame[i] = static_cast<unsigned char>(depth + i);
    }
    uint64_t below = depth > 0 ? burn_stack(depth - 1) : 0;
    return below + frame[0];
}

void *live_thread(void *arg)
{
    auto *r = static_cast<LiveResult *>(arg);
    // A canary in our own frame: painting must not touch it.
    volatile uint32_t canary = 0x600DF00Du;
    r->sp_at_paint = reinterpret_cast<uintptr_t>(mem_stack_current_sp());
    r->paint = MEM_STACK_MSP_PAINT();
    r->measure_before = MEM_STACK_MSP_MEASURE(&r->before);
    r->recursion_sum = burn_stack(64);  // >= 64 KiB deeper
    r->measure_after = MEM_STACK_MSP_MEASURE(&r->after);
    r->canary_after = canary;
    return nullptr;
}

TEST(StackLive, PaintsBelowSpAndMeasuresRecursion)
{
    std::memset(_stack_bottom, 0, sizeof _stack_bottom);
    LiveResult r;
    pthread_attr_t attr;
    ASSERT_EQ(pthread_attr_init(&attr), 0);
    ASSERT_EQ(pthread_attr_setstack(&attr, _stack_bottom, kStackBytes), 0);
    pthread_t thread;
    ASSERT_EQ(pthread_create(&thread, &attr, live_thread, &r), 0);
    ASSERT_EQ(pthread_join(thread, nullptr), 0);
    pthread_attr_destroy(&attr);

    ASSERT_EQ(r.paint, MEM_OK);
    ASSERT_EQ(r.measure_before, MEM_OK);
    ASSERT_EQ(r.measure_after, MEM_OK);
    EXPECT_EQ(r.canary_after, 0x600DF00Du);
    EXPECT_GT(r.recursion_sum, 0u);

    const auto low = reinterpret_cast<uintptr_t>(_stack_bottom);
    const auto high = low + kStackBytes;
    ASSERT_GT(r.sp_at_paint, low);
    ASSERT_LE(r.sp_at_paint, high);
    EXPECT_EQ(r.before.size, kStackBytes);
    EXPECT_EQ(r.after.size, kStackBytes);
    // Right after painting, usage is the frames above SP plus the margin
    // (and little else).
    EXPECT_GE(r.before.used, high - r.sp_at_paint);
    EXPECT_LE(r.before.used, high - r.sp_at_paint + MEM_STACK_PAINT_MARGIN + 4096);
    // The recursion went at least 64 KiB deeper.
    EXPECT_GE(r.after.used, r.before.used + 64u * 1024u);
    EXPECT_LT(r.after.used, kStackBytes);
    EXPECT_EQ(r.after.used + r.after.free, kStackBytes);
}

TEST(StackLive, MspPaintFromAnotherStackIsRejected)
{
    // The main thread does not run on _stack_bottom.._stack_top.
    std::memset(_stack_bottom, 0x5A, sizeof _stack_bottom);
    EXPECT_EQ(MEM_STACK_MSP_PAINT(), MEM_ERR_RANGE);
    EXPECT_EQ(_stack_bottom[0], 0x5A5A5A5Au);  // nothing painted
    mem_stack_usage_t u{};
    EXPECT_EQ(MEM_STACK_MSP_MEASURE(&u), MEM_OK);
    EXPECT_EQ(u.used, kStackBytes);
}

TEST(StackLive, PaintActiveNeedsRoomBelowTheMargin)
{
    // A region around the current SP with only ~4 KiB below it: less than
    // the 1 MiB margin, so nothing may be painted (nothing is written: the
    // check precedes any store).
    uintptr_t sp = reinterpret_cast<uintptr_t>(mem_stack_current_sp());
    uintptr_t top = (sp + 64) & ~uintptr_t{3};
    uintptr_t bottom = (sp - 4096) & ~uintptr_t{3};
    EXPECT_EQ(mem_stack_paint_active(reinterpret_cast<void *>(bottom),
                                     reinterpret_cast<void *>(top), 1u << 20),
              MEM_ERR_SIZE);
}

}  // namespace
