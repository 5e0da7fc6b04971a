// trace_gen — write a synthetic but realistic allocation trace
// (docs/heap-trace-format.md) of a networked firmware application:
//   - connections (300..2500 B, long-lived) arrive and leave slowly;
//   - each connection receives packets (64..1518 B, mostly 64/576/1518) that
//     live until processed (short), some queued longer (retransmit);
//   - request parsing grows a buffer with realloc (64 B doubling up to 4 KiB)
//     and frees it when the request is done;
//   - small strings/control blocks (8..96 B) with medium lifetimes;
//   - DMA descriptors (32..128 B, 32-byte aligned);
//   - load comes in bursts, so the live set swings.
//
//   trace_gen [--ops=N] [--seed=S] > trace
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <queue>
#include <random>
#include <string>
#include <vector>

namespace {

std::mt19937 rng;
uint64_t next_id = 1;
uint64_t clock_ops = 0;
uint64_t emitted = 0;

struct Event {
    uint64_t when;
    uint64_t id;
    bool operator>(const Event &o) const { return when > o.when || (when == o.when && id > o.id); }
};
std::priority_queue<Event, std::vector<Event>, std::greater<Event>> frees;

uint64_t uniform(uint64_t lo, uint64_t hi) { return lo + rng() % (hi - lo + 1); }
uint64_t expo(double mean) { return 1 + static_cast<uint64_t>(std::exponential_distribution<double>(1.0 / mean)(rng)); }

uint64_t alloc(size_t size, uint64_t life, size_t align = 0) {
    uint64_t id = next_id++;
    if (align != 0) std::printf("a %" PRIu64 " %zu %zu\n", id, size, align);
    else std::printf("a %" PRIu64 " %zu\n", id, size);
    emitted++;
    frees.push({clock_ops + life, id});
    return id;
}

size_t packet_size() {
    uint32_t k = rng() % 100;
    if (k < 35) return 64;
    if (k < 50) return 576;
    if (k < 80) return 1518;
    return uniform(65, 1517);
}

void drain(uint64_t until) {
    while (!frees.empty() && frees.top().when <= until) {
        std::printf("f %" PRIu64 "\n", frees.top().id);
        frees.pop();
        emitted++;
    }
}

}  // namespace

int main(int argc, char **argv) {
    uint64_t ops = 300000;
    uint32_t seed = 1;
    for (int i = 1; i < argc; i++) {
        if (std::strncmp(argv[i], "--ops=", 6) == 0) ops = std::strtoull(argv[i] + 6, nullptr, 10);
        else if (std::strncmp(argv[i], "--seed=", 7) == 0) seed = static_cast<uint32_t>(std::strtoul(argv[i] + 7, nullptr, 10));
        else {
            std::fprintf(stderr, "usage: trace_gen [--ops=N] [--seed=S]\n");
            return 2;
        }
    }
    rng.seed(seed);
    std::printf("# trace_gen --ops=%" PRIu64 " --seed=%u: networked firmware workload\n", ops, seed);
    // A few long-lived tables allocated at start-up.
    for (int i = 0; i < 8; i++) alloc(uniform(512, 4096), ops * 4);
    while (emitted < ops) {
        clock_ops++;
        // Bursty load: 1 in 4 phases of 2000 ticks is busy.
        bool busy = (clock_ops / 2000) % 4 == 1;
        uint32_t r = rng() % 1000;
        if (r < (busy ? 25u : 8u)) {
            alloc(uniform(300, 2500), expo(busy ? 4000 : 15000));  // connection
        } else if (r < (busy ? 500u : 250u)) {
            size_t life = rng() % 10 == 0 ? expo(400) : expo(20);  // packet, some queued
            alloc(packet_size(), life);
        } else if (r < (busy ? 560u : 300u)) {
            // A request: a parse buffer grown by realloc, freed when done.
            size_t cap = 64;
            uint64_t id = next_id++;
            std::printf("a %" PRIu64 " %zu\n", id, cap);
            emitted++;
            uint64_t steps = uniform(0, 6);
            for (uint64_t s = 0; s < steps; s++) {
                cap *= 2;
                std::printf("r %" PRIu64 " %zu\n", id, cap);
                emitted++;
            }
            frees.push({clock_ops + expo(60), id});
        } else if (r < (busy ? 800u : 450u)) {
            alloc(uniform(8, 96), expo(800));  // strings, control blocks
        } else if (r < (busy ? 830u : 470u)) {
            alloc(uniform(32, 128), expo(100), 32);  // DMA descriptors
        }
        drain(clock_ops);
    }
    // Tear down everything still live.
    drain(UINT64_MAX);
    return 0;
}
