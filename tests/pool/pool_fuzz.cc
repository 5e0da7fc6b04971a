// libFuzzer harness: fuzz bytes choose block size/count and drive alloc,
// free of owned blocks, and frees of arbitrary pointers (foreign, misaligned,
// double) against a reference model; misuse must be reported exactly once
// and must never disturb the pool.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <set>
#include <vector>

#include "mem/pool.h"
#include "tests/support/fuzz_check.h"

namespace {

int g_reports;
mem_status_t g_last;

void on_failure(mem_status_t status, const void *, const void *, void *)
{
    ++g_reports;
    g_last = status;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    mem_failure_hook_set(on_failure, nullptr);
    alignas(8) static uint8_t arena[64 + 32 * 72 + 64];
    uint8_t *storage = arena + 64;
    uint16_t links[32];
    size_t count = 1 + data[0] % 32;
    size_t block = 1 + data[1] % 72;
    size_t rounded = (block + 7) & ~(size_t)7;
    mem_pool_t p;
    fuzz_check(mem_pool_init(&p, storage, 32 * 72, block, count, links,
                             sizeof links) == MEM_OK);
    std::vector<uint8_t *> held;
    std::set<uint8_t *> held_set;
    int reports = 0;
    g_reports = 0;
    for (size_t i = 2; i + 1 < size; i += 2) {
        uint8_t op = data[i], arg = data[i + 1];
        switch (op % 4) {
        case 0: {
            uint8_t *b = static_cast<uint8_t *>(mem_pool_alloc(&p));
            if (held.size() == count) {
                fuzz_check(b == nullptr);
                break;
            }
            fuzz_check(b != nullptr && held_set.insert(b).second);
            fuzz_check((size_t)(b - storage) % rounded == 0);
            std::memset(b, arg, rounded);
            held.push_back(b);
            break;
        }
        case 1:
            if (!held.empty()) {
                size_t k = arg % held.size();
                fuzz_check(mem_pool_free(&p, held[k]) == MEM_OK);
                held_set.erase(held[k]);
                held.erase(held.begin() + (long)k);
            }
            break;
        default: {
            // Arbitrary pointer in and around the storage.
            long off = (long)((op >> 2) | ((unsigned)arg << 6)) % (long)(count * rounded + 128) - 64;
            uint8_t *ptr = storage + off;
            if (held_set.count(ptr)) break;
            mem_status_t expected =
                (off < 0 || off >= (long)(count * rounded)) ? MEM_ERR_FOREIGN
                : off % (long)rounded != 0                  ? MEM_ERR_ALIGN
                                                            : MEM_ERR_DOUBLE_FREE;
            fuzz_check(mem_pool_free(&p, ptr) == expected);
            ++reports;
            fuzz_check(g_reports == reports && g_last == expected);
            break;
        }
        }
        mem_pool_stats_t s;
        fuzz_check(mem_pool_stats(&p, &s) == MEM_OK);
        fuzz_check(s.in_use == held.size());
    }
    for (uint8_t *b : held) fuzz_check(mem_pool_free(&p, b) == MEM_OK);
    mem_pool_stats_t s;
    fuzz_check(mem_pool_stats(&p, &s) == MEM_OK && s.in_use == 0);
    mem_failure_hook_set(nullptr, nullptr);
    return 0;
}
