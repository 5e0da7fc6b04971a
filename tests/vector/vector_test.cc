// Unit tests for mem/vector.h: every public function and every error path.
#include "mem/vector.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>

#include "tests/support/failure_hook_capture.h"

namespace {

MEM_VEC_DEFINE(u32_vec, uint32_t, 4, uint8_t);
MEM_VEC_DEFINE(byte_vec8, uint8_t, 10, uint8_t);
MEM_VEC_DEFINE(byte_vec16, uint8_t, 300, uint16_t);
MEM_VEC_DEFINE(byte_vec32, uint8_t, 70000, uint32_t);

struct Rgb {
    uint8_t r, g, b;
};
MEM_VEC_DEFINE(rgb_vec, Rgb, 5, uint8_t);

class VectorTest : public tidemark_test::FailureHookTest {};

TEST_F(VectorTest, LengthTypeSetsHeaderSize)
{
    EXPECT_EQ(sizeof(byte_vec8_t), 11u);  // 1-byte length + 10 items
    EXPECT_EQ(sizeof(byte_vec16_t), 302u);
    EXPECT_EQ(sizeof(byte_vec32_t), 70004u);
    EXPECT_EQ(sizeof(rgb_vec_t), 16u);
}

TEST_F(VectorTest, InitClearLenCapacity)
{
    u32_vec_t v;
    v.len = 3;
    u32_vec_init(&v);
    EXPECT_EQ(u32_vec_len(&v), 0u);
    EXPECT_EQ(u32_vec_capacity(&v), 4u);
    uint32_t x = 9;
    ASSERT_EQ(u32_vec_push(&v, &x), MEM_OK);
    EXPECT_EQ(u32_vec_len(&v), 1u);
    u32_vec_clear(&v);
    EXPECT_EQ(u32_vec_len(&v), 0u);
    EXPECT_EQ(u32_vec_at(&v, 0), nullptr);
}

TEST_F(VectorTest, ZeroInitialisedIsEmpty)
{
    static byte_vec32_t big;  // static storage: zeroed
    EXPECT_EQ(byte_vec32_len(&big), 0u);
    EXPECT_EQ(byte_vec32_capacity(&big), 70000u);
    for (uint32_t i = 0; i < 70000u; ++i) {
        uint8_t b = static_cast<uint8_t>(i);
        ASSERT_EQ(byte_vec32_push(&big, &b), MEM_OK);
    }
    uint8_t b = 1;
    EXPECT_EQ(byte_vec32_push(&big, &b), MEM_ERR_FULL);
    EXPECT_EQ(byte_vec32_len(&big), 70000u);
    EXPECT_EQ(*byte_vec32_at(&big, 69999), static_cast<uint8_t>(69999));
}

TEST_F(VectorTest, PushFullChangesNothing)
{
    u32_vec_t v;
    u32_vec_init(&v);
    for (uint32_t i = 0; i < 4; ++i) {
        uint32_t x = 100 + i;
        ASSERT_EQ(u32_vec_push(&v, &x), MEM_OK);
    }
    u32_vec_t before;
    std::memcpy(&before, &v, sizeof v);
    uint32_t extra = 7;
    EXPECT_EQ(u32_vec_push(&v, &extra), MEM_ERR_FULL);
    EXPECT_EQ(std::memcmp(&before, &v, sizeof v), 0);
    EXPECT_EQ(hook_.calls, 0);
}

TEST_F(VectorTest, PopReturnsLastAndEmptyFails)
{
    u32_vec_t v;
    u32_vec_init(&v);
    uint32_t out = 0;
    EXPECT_EQ(u32_vec_pop(&v, &out), MEM_ERR_EMPTY);
    uint32_t a = 1, b = 2;
    u32_vec_push(&v, &a);
    u32_vec_push(&v, &b);
    EXPECT_EQ(u32_vec_pop(&v, &out), MEM_OK);
    EXPECT_EQ(out, 2u);
    EXPECT_EQ(u32_vec_pop(&v, nullptr), MEM_OK);  // discard
    EXPECT_EQ(u32_vec_len(&v), 0u);
    EXPECT_EQ(u32_vec_pop(&v, &out), MEM_ERR_EMPTY);
    EXPECT_EQ(out, 2u);
}

TEST_F(VectorTest, InsertShiftsAndChecksRangeBeforeFull)
{
    u32_vec_t v;
    u32_vec_init(&v);
    uint32_t x = 1;
    EXPECT_EQ(u32_vec_insert(&v, 1, &x), MEM_ERR_RANGE);  // index > len
    EXPECT_EQ(u32_vec_insert(&v, 0, &x), MEM_OK);         // [1]
    x = 3;
    EXPECT_EQ(u32_vec_insert(&v, 1, &x), MEM_OK);  // [1 3] (at end)
    x = 2;
    EXPECT_EQ(u32_vec_insert(&v, 1, &x), MEM_OK);  // [1 2 3]
    x = 0;
    EXPECT_EQ(u32_vec_insert(&v, 0, &x), MEM_OK);  // [0 1 2 3]
    for (uint32_t i = 0; i < 4; ++i) {
        EXPECT_EQ(*u32_vec_at(&v, i), i);
    }
    u32_vec_t before;
    std::memcpy(&before, &v, sizeof v);
    EXPECT_EQ(u32_vec_insert(&v, 2, &x), MEM_ERR_FULL);
    EXPECT_EQ(u32_vec_insert(&v, 5, &x), MEM_ERR_RANGE);
    EXPECT_EQ(std::memcmp(&before, &v, sizeof v), 0);
}

TEST_F(VectorTest, RemoveKeepsOrderAndChecksRange)
{
    u32_vec_t v;
    u32_vec_init(&v);
    uint32_t out = 77;
    EXPECT_EQ(u32_vec_remove(&v, 0, &out), MEM_ERR_RANGE);  // empty
    for (uint32_t i = 0; i < 4; ++i) {
        u32_vec_push(&v, &i);
    }
    EXPECT_EQ(u32_vec_remove(&v, 4, &out), MEM_ERR_RANGE);
    EXPECT_EQ(out, 77u);
    EXPECT_EQ(u32_vec_remove(&v, 1, &out), MEM_OK);  // [0 2 3]
    EXPECT_EQ(out, 1u);
    EXPECT_EQ(u32_vec_remove(&v, 2, nullptr), MEM_OK);  // [0 2]
    ASSERT_EQ(u32_vec_len(&v), 2u);
    EXPECT_EQ(*u32_vec_at(&v, 0), 0u);
    EXPECT_EQ(*u32_vec_at(&v, 1), 2u);
}

TEST_F(VectorTest, AtAndGet)
{
    rgb_vec_t v;
    rgb_vec_init(&v);
    Rgb c{1, 2, 3};
    ASSERT_EQ(rgb_vec_push(&v, &c), MEM_OK);
    Rgb *p = rgb_vec_at(&v, 0);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p, &v.items[0]);
    p->g = 20;  // in-place update through at()
    Rgb out{};
    EXPECT_EQ(rgb_vec_get(&v, 0, &out), MEM_OK);
    EXPECT_EQ(out.g, 20);
    EXPECT_EQ(rgb_vec_at(&v, 1), nullptr);
    EXPECT_EQ(rgb_vec_get(&v, 1, &out), MEM_ERR_RANGE);
    EXPECT_EQ(rgb_vec_get(&v, 0, nullptr), MEM_ERR_ARG);
    EXPECT_EQ(rgb_vec_get(nullptr, 0, &out), MEM_ERR_ARG);
    EXPECT_EQ(rgb_vec_at(nullptr, 0), nullptr);
}

TEST_F(VectorTest, TypedNullArguments)
{
    uint32_t x = 1;
    u32_vec_t v;
    u32_vec_init(&v);
    EXPECT_EQ(u32_vec_push(nullptr, &x), MEM_ERR_ARG);
    EXPECT_EQ(u32_vec_push(&v, nullptr), MEM_ERR_ARG);
    EXPECT_EQ(u32_vec_pop(nullptr, &x), MEM_ERR_ARG);
    EXPECT_EQ(u32_vec_insert(nullptr, 0, &x), MEM_ERR_ARG);
    EXPECT_EQ(u32_vec_insert(&v, 0, nullptr), MEM_ERR_ARG);
    EXPECT_EQ(u32_vec_remove(nullptr, 0, &x), MEM_ERR_ARG);
    EXPECT_EQ(u32_vec_len(&v), 0u);
}

TEST_F(VectorTest, CoreArgumentAndSizeErrors)
{
    uint32_t items[4] = {};
    size_t len = 0;
    uint32_t x = 5;
    EXPECT_EQ(mem_vec_push(nullptr, 4, 4, &len, &x), MEM_ERR_ARG);
    EXPECT_EQ(mem_vec_push(items, 4, 4, nullptr, &x), MEM_ERR_ARG);
    EXPECT_EQ(mem_vec_push(items, 0, 4, &len, &x), MEM_ERR_SIZE);
    EXPECT_EQ(mem_vec_push(items, 16, SIZE_MAX / 8, &len, &x), MEM_ERR_SIZE);
    EXPECT_EQ(mem_vec_pop(nullptr, 4, 4, &len, &x), MEM_ERR_ARG);
    EXPECT_EQ(mem_vec_pop(items, 0, 4, &len, &x), MEM_ERR_SIZE);
    EXPECT_EQ(mem_vec_insert(items, 4, 4, &len, 0, nullptr), MEM_ERR_ARG);
    EXPECT_EQ(mem_vec_insert(items, 0, 4, &len, 0, &x), MEM_ERR_SIZE);
    EXPECT_EQ(mem_vec_remove(items, 4, 4, nullptr, 0, &x), MEM_ERR_ARG);
    EXPECT_EQ(mem_vec_remove(items, 0, 4, &len, 0, &x), MEM_ERR_SIZE);
    EXPECT_EQ(len, 0u);
    EXPECT_EQ(mem_vec_at(nullptr, 4, 4, 1, 0), nullptr);
    EXPECT_EQ(mem_vec_at(items, 0, 4, 1, 0), nullptr);
    EXPECT_EQ(mem_vec_at(items, 16, SIZE_MAX / 8, 1, 0), nullptr);
    EXPECT_EQ(hook_.calls, 0);
}

TEST_F(VectorTest, CoreWorksOnCallerArray)
{
    char names[3][4] = {};
    size_t len = 0;
    EXPECT_EQ(mem_vec_push(names, 4, 3, &len, "abc"), MEM_OK);
    EXPECT_EQ(mem_vec_insert(names, 4, 3, &len, 0, "xyz"), MEM_OK);
    EXPECT_STREQ(static_cast<char *>(mem_vec_at(names, 4, 3, len, 0)), "xyz");
    EXPECT_STREQ(static_cast<char *>(mem_vec_at(names, 4, 3, len, 1)), "abc");
    char out[4];
    EXPECT_EQ(mem_vec_pop(names, 4, 3, &len, out), MEM_OK);
    EXPECT_STREQ(out, "abc");
    EXPECT_EQ(mem_vec_remove(names, 4, 3, &len, 0, out), MEM_OK);
    EXPECT_STREQ(out, "xyz");
    EXPECT_EQ(len, 0u);
}

TEST_F(VectorTest, LengthAboveCapacityIsCorruptAndReported)
{
    uint32_t items[4] = {1, 2, 3, 4};
    size_t len = 5;
    uint32_t x = 0;
    EXPECT_EQ(mem_vec_push(items, 4, 4, &len, &x), MEM_ERR_CORRUPT);
    EXPECT_EQ(hook_.calls, 1);
    EXPECT_EQ(hook_.status, MEM_ERR_CORRUPT);
    EXPECT_EQ(hook_.object, items);
    EXPECT_EQ(mem_vec_pop(items, 4, 4, &len, &x), MEM_ERR_CORRUPT);
    EXPECT_EQ(mem_vec_insert(items, 4, 4, &len, 0, &x), MEM_ERR_CORRUPT);
    EXPECT_EQ(mem_vec_remove(items, 4, 4, &len, 0, &x), MEM_ERR_CORRUPT);
    EXPECT_EQ(mem_vec_at(items, 4, 4, 5, 0), nullptr);
    EXPECT_EQ(hook_.calls, 4);
    EXPECT_EQ(len, 5u);
    EXPECT_EQ(items[0], 1u);
    EXPECT_EQ(items[3], 4u);

    u32_vec_t v;
    v.len = 200;  // typed vector with a corrupted length
    EXPECT_EQ(u32_vec_push(&v, &x), MEM_ERR_CORRUPT);
    EXPECT_EQ(u32_vec_len(&v), 200u);
    EXPECT_EQ(u32_vec_get(&v, 100, &x), MEM_ERR_RANGE);
    EXPECT_EQ(u32_vec_at(&v, 0), nullptr);
}

}  // namespace
