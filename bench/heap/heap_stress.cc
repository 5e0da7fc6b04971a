// heap_stress — fragmentation stress for both heaps: >= 10^6 random
// alloc/free operations with network-packet-like sizes and mixed lifetimes on
// one arena. Prints failed allocations and the largest free block over time.
//
//   heap_stress [--heap=tlsf|llff] [--ops=N] [--arena=BYTES] [--seed=S]
//               [--paths-out=FILE]   (only in heap_stress_paths)
//               [--dump-calls=FILE]  (under callgrind: dump listed calls)
//
// Instruction counts (bench/heap/run.sh):
//   mean: callgrind inclusive cost of mem_<heap>_alloc / _free over the run
//         divided by the call counts printed here;
//   max:  heap_stress_paths (heap code built with -fsanitize-coverage=
//         trace-pc-guard) replays the same deterministic run and writes the
//         first call of every distinct basic-block path (plus the calls that
//         executed the most blocks); heap_stress under callgrind then brackets
//         exactly those calls with CALLGRIND_ZERO_STATS / CALLGRIND_DUMP_STATS
//         and run.sh takes the maximum. The heap code is loop-free for TLSF,
//         so equal paths mean equal instruction counts and the maximum is
//         exact for the run.
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <queue>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <valgrind/callgrind.h>

extern "C" {
#include "mem/heap.h"
#include "mem/llff.h"
#include "mem/tlsf.h"
}

#ifdef STRESS_PATHS
// Coverage callbacks (heap code only is instrumented): hash the path.
static uint64_t g_path_hash = 0;
static uint64_t g_path_blocks = 0;
extern "C" void __sanitizer_cov_trace_pc_guard_init(uint32_t *start, uint32_t *stop) {
    static uint32_t n = 0;
    if (start == stop || *start != 0) return;
    for (uint32_t *x = start; x < stop; x++) *x = ++n;
}
extern "C" void __sanitizer_cov_trace_pc_guard(uint32_t *guard) {
    g_path_hash = (g_path_hash ^ *guard) * 0x100000001B3ull;
    g_path_blocks++;
}
#endif

namespace {

struct Options {
    std::string heap = "tlsf";
    uint64_t ops = 1000000;
    uint64_t arena = 384 * 1024;
    uint32_t seed = 1;
    std::string paths_out, dump_calls;
};

// Size/lifetime classes of a packet-processing node.
struct Request {
    size_t size;
    uint64_t lifetime;  // in operations
};

class Workload {
public:
    explicit Workload(uint32_t seed) : rng_(seed) {}
    Request next() {
        uint32_t r = rng_() % 100;
        if (r < 45) {  // packet buffers: short-lived
            uint32_t k = rng_() % 100;
            size_t n = k < 30 ? 64 : k < 55 ? 128 + rng_() % 449 : k < 85 ? 1518 : 577 + rng_() % 941;
            return {n, life(50)};
        }
        if (r < 89) return {8 + rng_() % 89, life(300)};          // control blocks
        if (r < 99) return {200 + rng_() % 2801, life(500)};      // reassembly/session buffers
        return {1024 + rng_() % 7169, life(5000)};                // long-lived tables
    }

private:
    uint64_t life(double mean) {
        std::exponential_distribution<double> d(1.0 / mean);
        return 1 + static_cast<uint64_t>(d(rng_));
    }
    std::mt19937 rng_;
};

// The heap under test through mem/heap.h (one code path for every heap).
struct Heap {
    union {
        mem_tlsf_t tlsf;
        mem_llff_t llff;
    } state;
    mem_heap_t h;
    void *alloc(size_t n) { return mem_heap_alloc(h, n); }
    mem_status_t free(void *p) { return mem_heap_free(h, p); }
    void stats(size_t *in_use, size_t *peak, size_t *largest, uint32_t *failed) {
        mem_heap_stats_t s{};
        (void)mem_heap_stats(h, &s);
        *in_use = s.bytes_in_use, *peak = s.peak_bytes_in_use, *largest = s.largest_free_block, *failed = s.failed_allocs;
    }
    bool check() { return mem_heap_check(h, nullptr) == MEM_OK; }
};

const mem_heap_ops_t *const kHeaps[] = {&mem_tlsf_ops, &mem_llff_ops};

bool starts(const std::string &a, const char *p, std::string *rest) {
    size_t n = std::strlen(p);
    if (a.compare(0, n, p) != 0) return false;
    *rest = a.substr(n);
    return true;
}

}  // namespace

int main(int argc, char **argv) {
    Options o;
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i], v;
        if (starts(a, "--heap=", &v)) o.heap = v;
        else if (starts(a, "--ops=", &v)) o.ops = std::strtoull(v.c_str(), nullptr, 10);
        else if (starts(a, "--arena=", &v)) o.arena = std::strtoull(v.c_str(), nullptr, 10);
        else if (starts(a, "--seed=", &v)) o.seed = static_cast<uint32_t>(std::strtoul(v.c_str(), nullptr, 10));
        else if (starts(a, "--paths-out=", &v)) o.paths_out = v;
        else if (starts(a, "--dump-calls=", &v)) o.dump_calls = v;
        else {
            std::fprintf(stderr, "heap_stress: unknown argument %s\n", a.c_str());
            return 2;
        }
    }
    Heap h;
    h.h = mem_heap_t{nullptr, &h.state};
    for (const mem_heap_ops_t *ops : kHeaps)
        if (o.heap == ops->name) h.h.ops = ops;
    if (h.h.ops == nullptr) {
        std::fprintf(stderr, "heap_stress: --heap must be tlsf or llff\n");
        return 2;
    }
    std::unique_ptr<uint64_t[]> storage(new uint64_t[o.arena / 8 + 1]);
    mem_status_t st = mem_heap_init(h.h, storage.get(), o.arena);
    if (st != MEM_OK) {
        std::fprintf(stderr, "heap_stress: init: %s\n", mem_status_name(st));
        return 2;
    }

    std::set<uint64_t> dump_alloc, dump_free;
    if (!o.dump_calls.empty()) {
        std::ifstream f(o.dump_calls);
        char kind;
        uint64_t idx;
        while (f >> kind >> idx) (kind == 'a' ? dump_alloc : dump_free).insert(idx);
        // Calibration: an empty bracket, dumped as "cal".
        for (int i = 0; i < 3; i++) {
            CALLGRIND_ZERO_STATS;
            CALLGRIND_DUMP_STATS_AT("cal");
        }
    }
#ifdef STRESS_PATHS
    struct Seen {
        std::unordered_map<uint64_t, uint64_t> first;  // path hash -> call
        std::vector<std::pair<uint64_t, uint64_t>> longest;  // (blocks, call)
    } seen[2];
    auto note = [&](int kind, uint64_t call) {
        Seen &s = seen[kind];
        if (s.first.size() < 3000) s.first.emplace(g_path_hash, call);
        s.longest.push_back({g_path_blocks, call});
        if (s.longest.size() > 400) {
            std::sort(s.longest.rbegin(), s.longest.rend());
            s.longest.resize(40);
        }
    };
#endif

    Workload w(o.seed);
    using Death = std::pair<uint64_t, void *>;  // (when, ptr)
    std::priority_queue<Death, std::vector<Death>, std::greater<Death>> deaths;
    uint64_t n_alloc = 0, n_free = 0;
    uint64_t report_every = std::max<uint64_t>(o.ops / 10, 1);
    std::printf("# heap=%s arena=%" PRIu64 " ops=%" PRIu64 " seed=%u\n", o.heap.c_str(), o.arena, o.ops, o.seed);
    std::printf("%10s %10s %12s %12s %14s\n", "ops", "failed", "in_use", "peak", "largest_free");
    for (uint64_t op = 1; op <= o.ops; op++) {
        if (!deaths.empty() && deaths.top().first <= op) {
            void *p = deaths.top().second;
            deaths.pop();
            uint64_t call = n_free++;
            bool dump = dump_free.count(call) != 0;
#ifdef STRESS_PATHS
            g_path_hash = 0, g_path_blocks = 0;
#endif
            if (dump) CALLGRIND_ZERO_STATS;
            st = h.free(p);
            if (dump) CALLGRIND_DUMP_STATS_AT("free");
#ifdef STRESS_PATHS
            note(1, call);
#endif
            if (st != MEM_OK) {
                std::fprintf(stderr, "heap_stress: free failed: %s\n", mem_status_name(st));
                return 1;
            }
        } else {
            Request r = w.next();
            uint64_t call = n_alloc++;
            bool dump = dump_alloc.count(call) != 0;
#ifdef STRESS_PATHS
            g_path_hash = 0, g_path_blocks = 0;
#endif
            if (dump) CALLGRIND_ZERO_STATS;
            void *p = h.alloc(r.size);
            if (dump) CALLGRIND_DUMP_STATS_AT("alloc");
#ifdef STRESS_PATHS
            note(0, call);
#endif
            if (p != nullptr) {
                std::memset(p, 0x5A, std::min<size_t>(r.size, 16));
                deaths.push({op + r.lifetime, p});
            }
        }
        if (op % report_every == 0) {
            size_t in_use, peak, largest;
            uint32_t failed;
            h.stats(&in_use, &peak, &largest, &failed);
            std::printf("%10" PRIu64 " %10u %12zu %12zu %14zu\n", op, failed, in_use, peak, largest);
        }
    }
    if (!h.check()) {
        std::fprintf(stderr, "heap_stress: integrity check failed\n");
        return 1;
    }
    size_t in_use, peak, largest;
    uint32_t failed;
    h.stats(&in_use, &peak, &largest, &failed);
    std::printf("summary heap=%s alloc_calls=%" PRIu64 " free_calls=%" PRIu64 " failed=%u peak=%zu\n", o.heap.c_str(),
                n_alloc, n_free, failed, peak);
#ifdef STRESS_PATHS
    if (!o.paths_out.empty()) {
        std::ofstream out(o.paths_out);
        for (int k = 0; k < 2; k++) {
            std::set<uint64_t> calls;
            for (auto &e : seen[k].first) calls.insert(e.second);
            std::sort(seen[k].longest.rbegin(), seen[k].longest.rend());
            for (size_t i = 0; i < seen[k].longest.size() && i < 40; i++) calls.insert(seen[k].longest[i].second);
            for (uint64_t c : calls) out << (k == 0 ? 'a' : 'f') << ' ' << c << '\n';
            std::printf("paths %s: %zu distinct%s\n", k == 0 ? "alloc" : "free", seen[k].first.size(),
                        seen[k].first.size() >= 3000 ? " (capped; plus the 40 longest calls)" : "");
        }
    }
#endif
    return 0;
}
