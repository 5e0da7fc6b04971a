// arena_search — smallest arena, as a multiple of a trace's peak live
// (requested) bytes, on which the trace runs without a failed allocation.
// Every multiple from 1.00 upwards (step 0.01) is tried in turn, so the
// answer does not assume that failures are monotonic in the arena size.
//
//   arena_search [--heap=tlsf|llff|both] [--max=3.0] trace
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

extern "C" {
#include "mem/heap.h"
#include "mem/llff.h"
#include "mem/tlsf.h"
}

namespace {

struct Op {
    char kind;
    uint32_t id;
    uint32_t size;
    uint32_t align;
};

std::vector<Op> load(const char *path, uint64_t *peak) {
    std::ifstream f(path);
    if (!f) {
        std::fprintf(stderr, "arena_search: cannot open %s\n", path);
        std::exit(2);
    }
    std::vector<Op> ops;
    std::unordered_map<uint32_t, uint32_t> live;
    uint64_t cur = 0;
    *peak = 0;
    std::string line;
    while (std::getline(f, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream s(line);
        Op o{0, 0, 0, 8};
        s >> o.kind >> o.id;
        if (o.kind != 'f') s >> o.size;
        if (o.kind == 'a' && !(s >> o.align)) o.align = 8;
        if (o.kind == 'a') cur += o.size, live[o.id] = o.size;
        if (o.kind == 'f') cur -= live[o.id], live.erase(o.id);
        if (o.kind == 'r') cur += o.size - static_cast<uint64_t>(live[o.id]), live[o.id] = o.size;
        if (cur > *peak) *peak = cur;
        ops.push_back(o);
    }
    return ops;
}

// Failed allocations of `ops` on an arena of `bytes`.
template <class Alloc, class Realloc, class Free>
uint32_t run(const std::vector<Op> &ops, Alloc alloc, Realloc realloc, Free free) {
    std::unordered_map<uint32_t, void *> live;
    uint32_t failed = 0;
    for (const Op &o : ops) {
        if (o.kind == 'a') {
            void *p = alloc(o.align, o.size);
            if (p == nullptr) return failed + 1;
            live[o.id] = p;
        } else if (o.kind == 'f') {
            free(live[o.id]);
            live.erase(o.id);
        } else {
            void *p = realloc(live[o.id], o.size);
            if (p == nullptr) return failed + 1;
            live[o.id] = p;
        }
    }
    return failed;
}

bool fits(const mem_heap_ops_t *heap_ops, const std::vector<Op> &ops, size_t bytes) {
    std::unique_ptr<uint64_t[]> arena(new uint64_t[bytes / 8 + 1]);
    union {
        mem_tlsf_t tlsf;
        mem_llff_t llff;
    } state;
    const mem_heap_t h{heap_ops, &state};
    if (mem_heap_init(h, arena.get(), bytes) != MEM_OK) return false;
    return run(ops, [&](size_t al, size_t n) { return mem_heap_aligned_alloc(h, al, n); },
               [&](void *p, size_t n) { return mem_heap_realloc(h, p, n); },
               [&](void *p) { mem_heap_free(h, p); }) == 0;
}

}  // namespace

int main(int argc, char **argv) {
    std::string heap = "both";
    double max = 3.0;
    const char *path = nullptr;
    for (int i = 1; i < argc; i++) {
        if (std::strncmp(argv[i], "--heap=", 7) == 0) heap = argv[i] + 7;
        else if (std::strncmp(argv[i], "--max=", 6) == 0) max = std::atof(argv[i] + 6);
        else path = argv[i];
    }
    if (path == nullptr) {
        std::fprintf(stderr, "usage: arena_search [--heap=tlsf|llff|both] [--max=3.0] trace\n");
        return 2;
    }
    uint64_t peak = 0;
    std::vector<Op> ops = load(path, &peak);
    std::printf("trace %s: %zu ops, peak live requested bytes %" PRIu64 "\n", path, ops.size(), peak);
    for (const mem_heap_ops_t *heap_ops : {&mem_tlsf_ops, &mem_llff_ops}) {
        const char *h = heap_ops->name;
        if (heap != "both" && heap != h) continue;
        bool found = false;
        for (int pct = 100; pct <= static_cast<int>(max * 100); pct++) {
            size_t bytes = (static_cast<size_t>(peak * pct / 100) + 7) & ~size_t{7};
            if (fits(heap_ops, ops, bytes)) {
                std::printf("%s: min arena %.2fx peak (%zu bytes)\n", h, pct / 100.0, bytes);
                found = true;
                break;
            }
        }
        if (!found) std::printf("%s: fails even at %.2fx\n", h, max);
    }
    return 0;
}
