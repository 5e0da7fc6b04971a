// libFuzzer harness: fuzz-driven map operations (including removal during
// iteration) checked against std::map after every step. Mismatch aborts.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdlib>
#include <map>
#include <set>

#include "mem/map.h"
#include "tests/support/fuzz_check.h"

namespace {

constexpr size_t kCapacity = 9;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider in(data, size);
    uint8_t keys[kCapacity];
    uint32_t values[kCapacity];
    mem_map_t m;
    fuzz_check(mem_map_init(&m, keys, 1, values, sizeof values[0], kCapacity) == MEM_OK);
    std::map<uint8_t, uint32_t> model;
    while (in.remaining_bytes() > 0) {
        const uint8_t op = in.ConsumeIntegralInRange<uint8_t>(0, 4);
        const uint8_t key = in.ConsumeIntegralInRange<uint8_t>(0, 15);
        const uint32_t value = in.ConsumeIntegral<uint32_t>();
        switch (op) {
        case 0: {
            mem_status_t s = mem_map_insert(&m, &key, &value);
            bool fits = model.count(key) == 1 || model.size() < kCapacity;
            fuzz_check(s == (fits ? MEM_OK : MEM_ERR_FULL));
            if (fits) {
                model[key] = value;
            }
            break;
        }
        case 1: {
            uint32_t out = 0;
            mem_status_t s = mem_map_remove(&m, &key, &out);
            auto found = model.find(key);
            fuzz_check(s == (found == model.end() ? MEM_ERR_NOT_FOUND : MEM_OK));
            if (found != model.end()) {
                fuzz_check(out == found->second);
                model.erase(found);
            }
            break;
        }
        case 2: {
            uint32_t out = 0;
            mem_status_t s = mem_map_get(&m, &key, &out);
            auto found = model.find(key);
            fuzz_check(s == (found == model.end() ? MEM_ERR_NOT_FOUND : MEM_OK));
            fuzz_check(found == model.end() || out == found->second);
            break;
        }
        case 3: {
            mem_map_iter_t it;
            fuzz_check(mem_map_iter_init(&it, &m) == MEM_OK);
            std::set<uint8_t> seen;
            const void *k;
            while (mem_map_iter_next(&it, &k, nullptr)) {
                uint8_t ik = *static_cast<const uint8_t *>(k);
                fuzz_check(seen.insert(ik).second);  // never twice
                fuzz_check(model.count(ik) == 1);
                if (in.ConsumeBool()) {
                    fuzz_check(mem_map_iter_remove(&it) == MEM_OK);
                    model.erase(ik);
                }
            }
            for (const auto &entry : model) {
                fuzz_check(seen.count(entry.first) == 1);  // never skipped
            }
            break;
        }
        default:
            fuzz_check(mem_map_clear(&m) == MEM_OK);
            model.clear();
            break;
        }
        fuzz_check(mem_map_count(&m) == model.size());
        for (const auto &entry : model) {
            uint32_t out = 0;
            fuzz_check(mem_map_get(&m, &entry.first, &out) == MEM_OK);
            fuzz_check(out == entry.second);
        }
    }
    return 0;
}
