// libFuzzer harness: fuzz bytes pick capacity, policy and a sequence of
// push / pop / peek / clear / stats operations, checked against std::deque
// and model counters after every step.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>

#include "mem/ring.h"
#include "tests/support/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    size_t capacity = 1 + data[0] % 9;
    mem_ring_policy_t policy = static_cast<mem_ring_policy_t>(data[1] % 4);
    size_t elem = 1 + (data[1] >> 2) % 6;
    uint8_t storage[9 * 6];
    mem_ring_t r;
    mem_status_t s = mem_ring_init(&r, storage, sizeof storage, elem, capacity,
                                   policy);
    if (policy == MEM_RING_POLICY_COUNT_) {
        fuzz_check(s == MEM_ERR_ARG);
        return 0;
    }
    fuzz_check(s == MEM_OK);
    std::deque<uint8_t> model;
    mem_ring_stats_t ms{};
    uint8_t next = 0;
    for (size_t i = 2; i < size; ++i) {
        uint8_t op = data[i];
        uint8_t e[6];
        switch (op % 6) {
        case 0:
        case 1:
            std::memset(e, next, sizeof e);
            s = mem_ring_push(&r, e);
            if (model.size() < capacity) {
                fuzz_check(s == MEM_OK);
                model.push_back(next);
                ms.pushed++;
            } else if (policy == MEM_RING_OVERWRITE_OLDEST) {
                fuzz_check(s == MEM_OK);
                model.pop_front();
                model.push_back(next);
                ms.pushed++;
                ms.overwritten++;
            } else {
                fuzz_check(s == MEM_ERR_FULL);
                (policy == MEM_RING_REJECT ? ms.rejected : ms.dropped_newest)++;
            }
            ++next;
            break;
        case 2:
            s = mem_ring_pop(&r, e);
            fuzz_check(s == (model.empty() ? MEM_ERR_EMPTY : MEM_OK));
            if (s == MEM_OK) {
                for (size_t b = 0; b < elem; ++b) fuzz_check(e[b] == model.front());
                model.pop_front();
                ms.popped++;
            }
            break;
        case 3: {
            size_t age = op >> 3;
            s = mem_ring_peek(&r, age, e);
            fuzz_check(s == (age < model.size() ? MEM_OK : MEM_ERR_RANGE));
            if (s == MEM_OK) fuzz_check(e[0] == model[age]);
            break;
        }
        case 4:
            if (op & 0x80) {
                fuzz_check(mem_ring_clear(&r) == MEM_OK);
                model.clear();
            }
            break;
        default:
            fuzz_check(mem_ring_stats_reset(&r) == MEM_OK);
            ms = mem_ring_stats_t{};
            ms.high_water = (uint32_t)model.size();
            break;
        }
        if (model.size() > ms.high_water) ms.high_water = (uint32_t)model.size();
        fuzz_check(mem_ring_count(&r) == model.size());
        mem_ring_stats_t rs;
        fuzz_check(mem_ring_stats(&r, &rs) == MEM_OK);
        fuzz_check(std::memcmp(&rs, &ms, sizeof rs) == 0);
    }
    return 0;
}
