// libFuzzer harness: fuzz-driven vector operations checked against
// std::vector after every step. Any mismatch aborts.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdlib>
#include <vector>

#include "mem/vector.h"
#include "tests/support/fuzz_check.h"

namespace {

MEM_VEC_DEFINE(fuzz_vec, uint16_t, 13, uint8_t);

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider in(data, size);
    fuzz_vec_t v;
    fuzz_vec_init(&v);
    std::vector<uint16_t> model;
    while (in.remaining_bytes() > 0) {
        const uint8_t op = in.ConsumeIntegralInRange<uint8_t>(0, 5);
        const size_t index = in.ConsumeIntegralInRange<size_t>(0, 15);
        uint16_t value = in.ConsumeIntegral<uint16_t>();
        uint16_t out = 0xBEEF;
        switch (op) {
        case 0: {
            mem_status_t s = fuzz_vec_push(&v, &value);
            fuzz_check(s == (model.size() == 13 ? MEM_ERR_FULL : MEM_OK));
            if (s == MEM_OK) {
                model.push_back(value);
            }
            break;
        }
        case 1: {
            mem_status_t s = fuzz_vec_pop(&v, &out);
            fuzz_check(s == (model.empty() ? MEM_ERR_EMPTY : MEM_OK));
            if (s == MEM_OK) {
                fuzz_check(out == model.back());
                model.pop_back();
            }
            break;
        }
        case 2: {
            mem_status_t s = fuzz_vec_insert(&v, index, &value);
            mem_status_t want = index > model.size()   ? MEM_ERR_RANGE
                                : model.size() == 13 ? MEM_ERR_FULL
                                                     : MEM_OK;
            fuzz_check(s == want);
            if (s == MEM_OK) {
                model.insert(model.begin() + static_cast<long>(index), value);
            }
            break;
        }
        case 3: {
            mem_status_t s = fuzz_vec_remove(&v, index, &out);
            fuzz_check(s == (index >= model.size() ? MEM_ERR_RANGE : MEM_OK));
            if (s == MEM_OK) {
                fuzz_check(out == model[index]);
                model.erase(model.begin() + static_cast<long>(index));
            }
            break;
        }
        case 4: {
            uint16_t *p = fuzz_vec_at(&v, index);
            fuzz_check((p == nullptr) == (index >= model.size()));
            break;
        }
        default:
            fuzz_vec_clear(&v);
            model.clear();
            break;
        }
        fuzz_check(fuzz_vec_len(&v) == model.size());
        for (size_t i = 0; i < model.size(); ++i) {
            fuzz_check(v.items[i] == model[i]);
        }
    }
    return 0;
}
