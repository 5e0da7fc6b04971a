// libFuzzer harness: fuzz bytes drive push / pop / reserve+commit /
// peek+release / high-water reset on a small queue; every result is checked
// against std::deque.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>

#include "mem/spsc.h"
#include "tests/support/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    // First byte picks capacity (1..16, power of two) and element size.
    size_t capacity = (size_t)1 << (data[0] % 5);
    size_t elem = 1 + (data[1] % 7);
    uint8_t storage[16 * 7];
    mem_spsc_t q;
    fuzz_check(mem_spsc_init(&q, storage, sizeof storage, elem, capacity) == MEM_OK);
    std::deque<uint8_t> model;  // element i is filled with byte value v
    uint8_t next = 0;
    size_t high = 0;
    for (size_t i = 2; i < size; ++i) {
        uint8_t op = data[i];
        switch (op & 7u) {
        case 0:
        case 1: {
            uint8_t e[7];
            std::memset(e, next, sizeof e);
            mem_status_t s = mem_spsc_push(&q, e);
            fuzz_check(s == (model.size() == capacity ? MEM_ERR_FULL : MEM_OK));
            if (s == MEM_OK) model.push_back(next++);
            break;
        }
        case 2: {
            uint8_t e[7] = {0};
            mem_status_t s = mem_spsc_pop(&q, e);
            fuzz_check(s == (model.empty() ? MEM_ERR_EMPTY : MEM_OK));
            if (s == MEM_OK) {
                for (size_t b = 0; b < elem; ++b) fuzz_check(e[b] == model.front());
                model.pop_front();
            }
            break;
        }
        case 3: {
            void *span;
            size_t n;
            mem_status_t s = mem_spsc_reserve(&q, &span, &n);
            fuzz_check(s == (model.size() == capacity ? MEM_ERR_FULL : MEM_OK));
            if (s != MEM_OK) break;
            size_t use = (op >> 3) % (n + 2);  // may exceed n: must fail
            if (use > n) {
                fuzz_check(mem_spsc_commit(&q, use) == MEM_ERR_SIZE);
                use = n;
            }
            for (size_t k = 0; k < use; ++k) {
                std::memset(static_cast<uint8_t *>(span) + k * elem, next, elem);
                model.push_back(next++);
            }
            fuzz_check(mem_spsc_commit(&q, use) == MEM_OK);
            break;
        }
        case 4: {
            const void *span;
            size_t n;
            mem_status_t s = mem_spsc_peek(&q, &span, &n);
            fuzz_check(s == (model.empty() ? MEM_ERR_EMPTY : MEM_OK));
            if (s != MEM_OK) break;
            fuzz_check(n >= 1 && n <= model.size());
            for (size_t k = 0; k < n; ++k) {
                fuzz_check(static_cast<const uint8_t *>(span)[k * elem] == model[k]);
            }
            size_t use = (op >> 3) % (n + 2);
            if (use > n) {
                fuzz_check(mem_spsc_release(&q, use) == MEM_ERR_SIZE);
                use = n;
            }
            fuzz_check(mem_spsc_release(&q, use) == MEM_OK);
            model.erase(model.begin(), model.begin() + (long)use);
            break;
        }
        case 5:
            fuzz_check(mem_spsc_commit(&q, 1) == MEM_ERR_STATE);
            fuzz_check(mem_spsc_release(&q, 1) == MEM_ERR_STATE);
            break;
        case 6:
            fuzz_check(mem_spsc_high_water_reset(&q) == MEM_OK);
            high = model.size();
            break;
        default:
            break;
        }
        if (model.size() > high) high = model.size();
        fuzz_check(mem_spsc_count(&q) == model.size());
        fuzz_check(mem_spsc_high_water(&q) == high);
    }
    return 0;
}
