// Property test: random operation sequences on typed vectors, compared with
// std::vector after every step.
#include "mem/vector.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

namespace {

MEM_VEC_DEFINE(word_vec, uint32_t, 17, uint8_t);

struct Triple {
    uint8_t bytes[3];
    bool operator==(const Triple &o) const
    {
        return bytes[0] == o.bytes[0] && bytes[1] == o.bytes[1] &&
               bytes[2] == o.bytes[2];
    }
};
MEM_VEC_DEFINE(triple_vec, Triple, 9, uint16_t);

uint32_t make_value(std::mt19937 &rng, uint32_t *) { return rng(); }
Triple make_value(std::mt19937 &rng, Triple *)
{
    uint32_t r = rng();
    return Triple{{static_cast<uint8_t>(r), static_cast<uint8_t>(r >> 8),
                   static_cast<uint8_t>(r >> 16)}};
}

// Runs `steps` random operations; Vec is the typed vector, T its element.
template <typename Vec, typename T, typename Ops>
void run_model(uint32_t seed, int steps, const Ops &ops)
{
    std::mt19937 rng(seed);
    Vec v;
    ops.init(&v);
    std::vector<T> model;
    const size_t cap = ops.capacity(&v);
    for (int step = 0; step < steps; ++step) {
        T value = make_value(rng, static_cast<T *>(nullptr));
        size_t index = rng() % (cap + 3);  // includes out-of-range indices
        T out = make_value(rng, static_cast<T *>(nullptr));
        const T out_before = out;
        switch (rng() % 7) {
        case 0:
        case 1: {
            mem_status_t s = ops.push(&v, &value);
            if (model.size() == cap) {
                ASSERT_EQ(s, MEM_ERR_FULL);
            } else {
                ASSERT_EQ(s, MEM_OK);
                model.push_back(value);
            }
            break;
        }
        case 2: {
            mem_status_t s = ops.pop(&v, &out);
            if (model.empty()) {
                ASSERT_EQ(s, MEM_ERR_EMPTY);
                ASSERT_TRUE(out == out_before);
            } else {
                ASSERT_EQ(s, MEM_OK);
                ASSERT_TRUE(out == model.back());
                model.pop_back();
            }
            break;
        }
        case 3: {
            mem_status_t s = ops.insert(&v, index, &value);
            if (index > model.size()) {
                ASSERT_EQ(s, MEM_ERR_RANGE);
            } else if (model.size() == cap) {
                ASSERT_EQ(s, MEM_ERR_FULL);
            } else {
                ASSERT_EQ(s, MEM_OK);
                model.insert(model.begin() + static_cast<long>(index), value);
            }
            break;
        }
        case 4: {
            mem_status_t s = ops.remove(&v, index, &out);
            if (index >= model.size()) {
                ASSERT_EQ(s, MEM_ERR_RANGE);
                ASSERT_TRUE(out == out_before);
            } else {
                ASSERT_EQ(s, MEM_OK);
                ASSERT_TRUE(out == model[index]);
                model.erase(model.begin() + static_cast<long>(index));
            }
            break;
        }
        case 5: {
            T *p = ops.at(&v, index);
            if (index >= model.size()) {
                ASSERT_EQ(p, nullptr);
            } else {
                ASSERT_NE(p, nullptr);
                *p = value;  // write through at()
                model[index] = value;
            }
            break;
        }
        default:
            if (rng() % 8 == 0) {
                ops.clear(&v);
                model.clear();
            }
            break;
        }
        // Compare the whole state after every step.
        ASSERT_EQ(ops.len(&v), model.size()) << "step " << step;
        for (size_t i = 0; i < model.size(); ++i) {
            T got{};
            ASSERT_EQ(ops.get(&v, i, &got), MEM_OK);
            ASSERT_TRUE(got == model[i]) << "step " << step << " index " << i;
        }
        ASSERT_EQ(ops.get(&v, model.size(), &out), MEM_ERR_RANGE);
    }
}

#define VEC_OPS(name, T)                                                     \
    struct name##_ops {                                                      \
        void init(name##_t *v) const { name##_init(v); }                     \
        void clear(name##_t *v) const { name##_clear(v); }                   \
        size_t len(const name##_t *v) const { return name##_len(v); }        \
        size_t capacity(const name##_t *v) const { return name##_capacity(v); } \
        mem_status_t push(name##_t *v, const T *e) const { return name##_push(v, e); } \
        mem_status_t pop(name##_t *v, T *o) const { return name##_pop(v, o); } \
        mem_status_t insert(name##_t *v, size_t i, const T *e) const         \
        {                                                                    \
            return name##_insert(v, i, e);                                   \
        }                                                                    \
        mem_status_t remove(name##_t *v, size_t i, T *o) const               \
        {                                                                    \
            return name##_remove(v, i, o);                                   \
        }                                                                    \
        T *at(name##_t *v, size_t i) const { return name##_at(v, i); }       \
        mem_status_t get(const name##_t *v, size_t i, T *o) const            \
        {                                                                    \
            return name##_get(v, i, o);                                      \
        }                                                                    \
    }

VEC_OPS(word_vec, uint32_t);
VEC_OPS(triple_vec, Triple);

TEST(VectorProperty, WordVectorMatchesStdVector)
{
    for (uint32_t seed = 1; seed <= 20; ++seed) {
        run_model<word_vec_t, uint32_t>(seed, 2000, word_vec_ops{});
        if (HasFatalFailure()) {
            FAIL() << "seed " << seed;
        }
    }
}

TEST(VectorProperty, OddSizedElementsMatchStdVector)
{
    for (uint32_t seed = 100; seed < 110; ++seed) {
        run_model<triple_vec_t, Triple>(seed, 2000, triple_vec_ops{});
        if (HasFatalFailure()) {
            FAIL() << "seed " << seed;
        }
    }
}

}  // namespace
