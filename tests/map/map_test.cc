// Unit tests for mem/map.h: every public function and every error path.
#include "mem/map.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <map>
#include <set>

#include "tests/support/failure_hook_capture.h"

namespace {

class MapTest : public tidemark_test::FailureHookTest {
  protected:
    void SetUp() override
    {
        FailureHookTest::SetUp();
        ASSERT_EQ(mem_map_init(&map_, keys_, sizeof keys_[0], values_,
                               sizeof values_[0], 4),
                  MEM_OK);
    }

    void put(uint16_t k, uint32_t v) { ASSERT_EQ(mem_map_insert(&map_, &k, &v), MEM_OK); }

    uint16_t keys_[4] = {};
    uint32_t values_[4] = {};
    mem_map_t map_{};
};

TEST_F(MapTest, InitValidatesArguments)
{
    mem_map_t m;
    std::memset(&m, 0x5A, sizeof m);
    const mem_map_t before = m;
    uint8_t k[8], v[8];
    EXPECT_EQ(mem_map_init(nullptr, k, 1, v, 1, 8), MEM_ERR_ARG);
    EXPECT_EQ(mem_map_init(&m, nullptr, 1, v, 1, 8), MEM_ERR_ARG);
    EXPECT_EQ(mem_map_init(&m, k, 1, nullptr, 1, 8), MEM_ERR_ARG);
    EXPECT_EQ(mem_map_init(&m, k, 0, v, 1, 8), MEM_ERR_SIZE);
    EXPECT_EQ(mem_map_init(&m, k, 1, v, 1, 0), MEM_ERR_SIZE);
    EXPECT_EQ(mem_map_init(&m, k, 16, v, 1, SIZE_MAX / 8), MEM_ERR_SIZE);
    EXPECT_EQ(mem_map_init(&m, k, 1, v, 16, SIZE_MAX / 8), MEM_ERR_SIZE);
    EXPECT_EQ(std::memcmp(&m, &before, sizeof m), 0);
    EXPECT_EQ(mem_map_init(&m, k, 1, nullptr, 0, 8), MEM_OK);  // a set
    EXPECT_EQ(mem_map_count(&m), 0u);
    EXPECT_EQ(mem_map_capacity(&m), 8u);
}

TEST_F(MapTest, InsertGetReplace)
{
    put(10, 100);
    put(20, 200);
    EXPECT_EQ(mem_map_count(&map_), 2u);
    uint32_t out = 0;
    uint16_t k = 10;
    EXPECT_EQ(mem_map_get(&map_, &k, &out), MEM_OK);
    EXPECT_EQ(out, 100u);
    put(10, 111);  // replace: count unchanged
    EXPECT_EQ(mem_map_count(&map_), 2u);
    EXPECT_EQ(mem_map_get(&map_, &k, &out), MEM_OK);
    EXPECT_EQ(out, 111u);
    EXPECT_EQ(mem_map_get(&map_, &k, nullptr), MEM_OK);  // presence test
    k = 30;
    out = 5;
    EXPECT_EQ(mem_map_get(&map_, &k, &out), MEM_ERR_NOT_FOUND);
    EXPECT_EQ(out, 5u);
}

TEST_F(MapTest, FullOnlyForNewKeys)
{
    for (uint16_t k = 1; k <= 4; ++k) {
        put(k, k * 10u);
    }
    uint16_t k = 5;
    uint32_t v = 50;
    uint16_t keys_before[4];
    uint32_t values_before[4];
    std::memcpy(keys_before, keys_, sizeof keys_);
    std::memcpy(values_before, values_, sizeof values_);
    EXPECT_EQ(mem_map_insert(&map_, &k, &v), MEM_ERR_FULL);
    EXPECT_EQ(std::memcmp(keys_before, keys_, sizeof keys_), 0);
    EXPECT_EQ(std::memcmp(values_before, values_, sizeof values_), 0);
    EXPECT_EQ(mem_map_count(&map_), 4u);
    k = 3;  // replacing still works when full
    EXPECT_EQ(mem_map_insert(&map_, &k, &v), MEM_OK);
    EXPECT_EQ(*static_cast<uint32_t *>(mem_map_find(&map_, &k)), 50u);
}

TEST_F(MapTest, FindContainsAndInPlaceUpdate)
{
    put(7, 70);
    uint16_t k = 7;
    auto *p = static_cast<uint32_t *>(mem_map_find(&map_, &k));
    ASSERT_NE(p, nullptr);
    *p = 71;
    uint32_t out = 0;
    EXPECT_EQ(mem_map_get(&map_, &k, &out), MEM_OK);
    EXPECT_EQ(out, 71u);
    EXPECT_TRUE(mem_map_contains(&map_, &k));
    k = 8;
    EXPECT_EQ(mem_map_find(&map_, &k), nullptr);
    EXPECT_FALSE(mem_map_contains(&map_, &k));
    EXPECT_EQ(mem_map_find(nullptr, &k), nullptr);
    EXPECT_EQ(mem_map_find(&map_, nullptr), nullptr);
    EXPECT_FALSE(mem_map_contains(nullptr, &k));
}

TEST_F(MapTest, RemoveMovesLastAndReportsNotFound)
{
    put(1, 10);
    put(2, 20);
    put(3, 30);
    uint16_t k = 1;
    uint32_t out = 0;
    EXPECT_EQ(mem_map_remove(&map_, &k, &out), MEM_OK);
    EXPECT_EQ(out, 10u);
    EXPECT_EQ(mem_map_count(&map_), 2u);
    EXPECT_EQ(keys_[0], 3u);  // last entry moved into the hole
    EXPECT_EQ(values_[0], 30u);
    out = 99;
    EXPECT_EQ(mem_map_remove(&map_, &k, &out), MEM_ERR_NOT_FOUND);
    EXPECT_EQ(out, 99u);
    EXPECT_EQ(mem_map_count(&map_), 2u);
    k = 3;
    EXPECT_EQ(mem_map_remove(&map_, &k, nullptr), MEM_OK);
    k = 2;
    EXPECT_EQ(mem_map_remove(&map_, &k, nullptr), MEM_OK);  // last slot
    EXPECT_EQ(mem_map_count(&map_), 0u);
    EXPECT_EQ(mem_map_remove(&map_, &k, nullptr), MEM_ERR_NOT_FOUND);
}

TEST_F(MapTest, ClearCountCapacity)
{
    put(1, 1);
    put(2, 2);
    EXPECT_EQ(mem_map_clear(&map_), MEM_OK);
    EXPECT_EQ(mem_map_count(&map_), 0u);
    EXPECT_EQ(mem_map_capacity(&map_), 4u);
    uint16_t k = 1;
    EXPECT_FALSE(mem_map_contains(&map_, &k));
    EXPECT_EQ(mem_map_clear(nullptr), MEM_ERR_ARG);
    EXPECT_EQ(mem_map_count(nullptr), 0u);
    EXPECT_EQ(mem_map_capacity(nullptr), 0u);
}

TEST_F(MapTest, NullArguments)
{
    uint16_t k = 1;
    uint32_t v = 1;
    EXPECT_EQ(mem_map_insert(nullptr, &k, &v), MEM_ERR_ARG);
    EXPECT_EQ(mem_map_insert(&map_, nullptr, &v), MEM_ERR_ARG);
    EXPECT_EQ(mem_map_insert(&map_, &k, nullptr), MEM_ERR_ARG);
    EXPECT_EQ(mem_map_get(nullptr, &k, &v), MEM_ERR_ARG);
    EXPECT_EQ(mem_map_get(&map_, nullptr, &v), MEM_ERR_ARG);
    EXPECT_EQ(mem_map_remove(nullptr, &k, &v), MEM_ERR_ARG);
    EXPECT_EQ(mem_map_remove(&map_, nullptr, &v), MEM_ERR_ARG);
    mem_map_iter_t it;
    EXPECT_EQ(mem_map_iter_init(nullptr, &map_), MEM_ERR_ARG);
    EXPECT_EQ(mem_map_iter_init(&it, nullptr), MEM_ERR_ARG);
    EXPECT_FALSE(mem_map_iter_next(nullptr, nullptr, nullptr));
    EXPECT_EQ(mem_map_iter_remove(nullptr), MEM_ERR_ARG);
    mem_map_iter_t blank{};
    EXPECT_FALSE(mem_map_iter_next(&blank, nullptr, nullptr));
    EXPECT_EQ(mem_map_iter_remove(&blank), MEM_ERR_ARG);
    EXPECT_EQ(mem_map_count(&map_), 0u);
    EXPECT_EQ(hook_.calls, 0);
}

TEST_F(MapTest, SetWithZeroSizedValues)
{
    uint32_t keys[3];
    mem_map_t set;
    ASSERT_EQ(mem_map_init(&set, keys, sizeof keys[0], nullptr, 0, 3), MEM_OK);
    uint32_t k = 0xABCDEF;
    EXPECT_EQ(mem_map_insert(&set, &k, nullptr), MEM_OK);
    EXPECT_EQ(mem_map_insert(&set, &k, nullptr), MEM_OK);
    EXPECT_EQ(mem_map_count(&set), 1u);
    EXPECT_TRUE(mem_map_contains(&set, &k));
    EXPECT_NE(mem_map_find(&set, &k), nullptr);
    uint32_t unused = 7;
    EXPECT_EQ(mem_map_get(&set, &k, &unused), MEM_OK);
    EXPECT_EQ(unused, 7u);
    EXPECT_EQ(mem_map_remove(&set, &k, &unused), MEM_OK);
    EXPECT_EQ(unused, 7u);
    EXPECT_FALSE(mem_map_contains(&set, &k));
}

TEST_F(MapTest, ByteEqualityOnStructKeys)
{
    struct Name {
        char text[6];
    };
    Name keys[2];
    int values[2];
    mem_map_t m;
    ASSERT_EQ(mem_map_init(&m, keys, sizeof(Name), values, sizeof(int), 2), MEM_OK);
    Name a{};
    std::strcpy(a.text, "abc");
    Name b{};
    std::strcpy(b.text, "abc");
    int v = 1;
    EXPECT_EQ(mem_map_insert(&m, &a, &v), MEM_OK);
    v = 2;
    EXPECT_EQ(mem_map_insert(&m, &b, &v), MEM_OK);  // same bytes: replace
    EXPECT_EQ(mem_map_count(&m), 1u);
    b.text[5] = 'x';  // differs only after the terminator: another key
    EXPECT_EQ(mem_map_insert(&m, &b, &v), MEM_OK);
    EXPECT_EQ(mem_map_count(&m), 2u);
}

TEST_F(MapTest, CorruptCountIsReportedAndLeftAlone)
{
    put(1, 1);
    map_.count = 9;  // beyond capacity
    uint16_t k = 1;
    uint32_t v = 0;
    EXPECT_EQ(mem_map_insert(&map_, &k, &v), MEM_ERR_CORRUPT);
    EXPECT_EQ(hook_.calls, 1);
    EXPECT_EQ(hook_.status, MEM_ERR_CORRUPT);
    EXPECT_EQ(hook_.object, &map_);
    EXPECT_EQ(mem_map_get(&map_, &k, &v), MEM_ERR_CORRUPT);
    EXPECT_EQ(mem_map_remove(&map_, &k, &v), MEM_ERR_CORRUPT);
    EXPECT_EQ(mem_map_find(&map_, &k), nullptr);
    mem_map_iter_t it;
    EXPECT_EQ(mem_map_iter_init(&it, &map_), MEM_ERR_CORRUPT);
    EXPECT_EQ(hook_.calls, 5);
    EXPECT_EQ(map_.count, 9u);
    EXPECT_EQ(keys_[0], 1u);
    // An iterator started before the corruption also stops and reports.
    map_.count = 1;
    ASSERT_EQ(mem_map_iter_init(&it, &map_), MEM_OK);
    map_.count = 9;
    EXPECT_FALSE(mem_map_iter_next(&it, nullptr, nullptr));
    EXPECT_EQ(hook_.calls, 6);
}

TEST_F(MapTest, IterationVisitsEachEntryOnce)
{
    put(1, 10);
    put(2, 20);
    put(3, 30);
    mem_map_iter_t it;
    ASSERT_EQ(mem_map_iter_init(&it, &map_), MEM_OK);
    std::map<uint16_t, uint32_t> seen;
    const void *k;
    void *v;
    while (mem_map_iter_next(&it, &k, &v)) {
        uint16_t key = *static_cast<const uint16_t *>(k);
        EXPECT_TRUE(seen.emplace(key, *static_cast<uint32_t *>(v)).second);
    }
    EXPECT_EQ(seen, (std::map<uint16_t, uint32_t>{{1, 10}, {2, 20}, {3, 30}}));
    EXPECT_FALSE(mem_map_iter_next(&it, &k, &v));  // stays finished
    // Null out-pointers are allowed.
    ASSERT_EQ(mem_map_iter_init(&it, &map_), MEM_OK);
    int n = 0;
    while (mem_map_iter_next(&it, nullptr, nullptr)) {
        ++n;
    }
    EXPECT_EQ(n, 3);
}

TEST_F(MapTest, IterRemoveCurrentVisitsEveryEntryOnce)
{
    for (uint16_t k = 1; k <= 4; ++k) {
        put(k, k);
    }
    mem_map_iter_t it;
    ASSERT_EQ(mem_map_iter_init(&it, &map_), MEM_OK);
    EXPECT_EQ(mem_map_iter_remove(&it), MEM_ERR_STATE);  // before next
    std::multiset<uint16_t> seen;
    const void *k;
    while (mem_map_iter_next(&it, &k, nullptr)) {
        uint16_t key = *static_cast<const uint16_t *>(k);
        seen.insert(key);
        if (key % 2 == 1) {
            EXPECT_EQ(mem_map_iter_remove(&it), MEM_OK);
            EXPECT_EQ(mem_map_iter_remove(&it), MEM_ERR_STATE);  // twice
        }
    }
    EXPECT_EQ(seen, (std::multiset<uint16_t>{1, 2, 3, 4}));
    EXPECT_EQ(mem_map_count(&map_), 2u);
    uint16_t key = 2;
    EXPECT_TRUE(mem_map_contains(&map_, &key));
    key = 4;
    EXPECT_TRUE(mem_map_contains(&map_, &key));
}

TEST_F(MapTest, MapRemoveOfCurrentDuringIterationIsDefined)
{
    for (uint16_t k = 1; k <= 4; ++k) {
        put(k, k);
    }
    mem_map_iter_t it;
    ASSERT_EQ(mem_map_iter_init(&it, &map_), MEM_OK);
    std::multiset<uint16_t> seen;
    const void *k;
    while (mem_map_iter_next(&it, &k, nullptr)) {
        uint16_t key = *static_cast<const uint16_t *>(k);
        seen.insert(key);
        EXPECT_EQ(mem_map_remove(&map_, &key, nullptr), MEM_OK);
        // The iterator refuses to remove again: the count changed.
        EXPECT_EQ(mem_map_iter_remove(&it), MEM_ERR_STATE);
    }
    EXPECT_EQ(seen, (std::multiset<uint16_t>{1, 2, 3, 4}));
    EXPECT_EQ(mem_map_count(&map_), 0u);
}

TEST_F(MapTest, InsertDuringIterationIsNotVisitedAndClearEndsIt)
{
    put(1, 1);
    put(2, 2);
    mem_map_iter_t it;
    ASSERT_EQ(mem_map_iter_init(&it, &map_), MEM_OK);
    std::multiset<uint16_t> seen;
    const void *k;
    while (mem_map_iter_next(&it, &k, nullptr)) {
        seen.insert(*static_cast<const uint16_t *>(k));
        uint16_t fresh = static_cast<uint16_t>(100 + seen.size());
        uint32_t v = 0;
        EXPECT_EQ(mem_map_insert(&map_, &fresh, &v), MEM_OK);
    }
    EXPECT_EQ(seen, (std::multiset<uint16_t>{1, 2}));
    EXPECT_EQ(mem_map_count(&map_), 4u);

    ASSERT_EQ(mem_map_iter_init(&it, &map_), MEM_OK);
    ASSERT_TRUE(mem_map_iter_next(&it, &k, nullptr));
    ASSERT_EQ(mem_map_clear(&map_), MEM_OK);
    EXPECT_EQ(mem_map_iter_remove(&it), MEM_ERR_STATE);
    EXPECT_FALSE(mem_map_iter_next(&it, &k, nullptr));
}

}  // namespace
