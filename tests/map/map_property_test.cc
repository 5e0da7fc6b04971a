// Property test: random insert/get/remove/find/clear/iterate sequences on a
// mem_map_t compared with std::map after every step.
#include "mem/map.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <random>
#include <set>

namespace {

constexpr size_t kCapacity = 12;

void expect_same(const mem_map_t &m, const std::map<uint32_t, uint64_t> &model)
{
    ASSERT_EQ(mem_map_count(&m), model.size());
    for (const auto &[key, value] : model) {
        uint64_t got = 0;
        ASSERT_EQ(mem_map_get(&m, &key, &got), MEM_OK) << "key " << key;
        ASSERT_EQ(got, value) << "key " << key;
    }
}

void run_model(uint32_t seed, int steps)
{
    std::mt19937 rng(seed);
    uint32_t keys[kCapacity];
    uint64_t values[kCapacity];
    mem_map_t m;
    ASSERT_EQ(mem_map_init(&m, keys, sizeof keys[0], values, sizeof values[0],
                           kCapacity),
              MEM_OK);
    std::map<uint32_t, uint64_t> model;
    for (int step = 0; step < steps; ++step) {
        // Small key space so hits, replaces and misses are all common.
        uint32_t key = rng() % 24;
        uint64_t value = (static_cast<uint64_t>(rng()) << 32) | rng();
        uint64_t out = 0x1234;
        switch (rng() % 8) {
        case 0:
        case 1:
        case 2: {
            mem_status_t s = mem_map_insert(&m, &key, &value);
            if (model.count(key) == 0 && model.size() == kCapacity) {
                ASSERT_EQ(s, MEM_ERR_FULL);
            } else {
                ASSERT_EQ(s, MEM_OK);
                model[key] = value;
            }
            break;
        }
        case 3: {
            mem_status_t s = mem_map_remove(&m, &key, &out);
            auto found = model.find(key);
            if (found == model.end()) {
                ASSERT_EQ(s, MEM_ERR_NOT_FOUND);
                ASSERT_EQ(out, 0x1234u);
            } else {
                ASSERT_EQ(s, MEM_OK);
                ASSERT_EQ(out, found->second);
                model.erase(found);
            }
            break;
        }
        case 4: {
            auto *p = static_cast<uint64_t *>(mem_map_find(&m, &key));
            ASSERT_EQ(p != nullptr, model.count(key) == 1);
            ASSERT_EQ(mem_map_contains(&m, &key), model.count(key) == 1);
            if (p != nullptr) {
                *p = value;
                model[key] = value;
            }
            break;
        }
        case 5: {
            mem_status_t s = mem_map_get(&m, &key, &out);
            ASSERT_EQ(s, model.count(key) ? MEM_OK : MEM_ERR_NOT_FOUND);
            break;
        }
        case 6: {
            // Full iteration removing a random subset of current entries,
            // alternating the two ways of removing.
            mem_map_iter_t it;
            ASSERT_EQ(mem_map_iter_init(&it, &m), MEM_OK);
            std::multiset<uint32_t> seen;
            const void *k;
            void *v;
            while (mem_map_iter_next(&it, &k, &v)) {
                uint32_t ik = *static_cast<const uint32_t *>(k);
                seen.insert(ik);
                ASSERT_EQ(*static_cast<uint64_t *>(v), model.at(ik));
                uint32_t r = rng() % 4;
                if (r == 0) {
                    ASSERT_EQ(mem_map_iter_remove(&it), MEM_OK);
                    model.erase(ik);
                } else if (r == 1) {
                    ASSERT_EQ(mem_map_remove(&m, &ik, nullptr), MEM_OK);
                    model.erase(ik);
                }
            }
            // Every entry present at the start was visited exactly once.
            for (uint32_t ik : seen) {
                ASSERT_EQ(seen.count(ik), 1u);
            }
            ASSERT_GE(seen.size(), model.size());
            for (const auto &[mk, mv] : model) {
                (void)mv;
                ASSERT_EQ(seen.count(mk), 1u);
            }
            break;
        }
        default:
            if (rng() % 16 == 0) {
                ASSERT_EQ(mem_map_clear(&m), MEM_OK);
                model.clear();
            }
            break;
        }
        expect_same(m, model);
        if (::testing::Test::HasFatalFailure()) {
            FAIL() << "step " << step;
        }
    }
}

TEST(MapProperty, MatchesStdMap)
{
    for (uint32_t seed = 1; seed <= 20; ++seed) {
        run_model(seed, 1500);
        if (::testing::Test::HasFatalFailure()) {
            FAIL() << "seed " << seed;
        }
    }
}

}  // namespace
