// replay — run an allocation trace (docs/heap-trace-format.md) against the
// TLSF or first-fit heap, verify every block, print one JSON object.
//
//   replay [--heap=tlsf|llff] [--arena=<bytes>] [--check-every=<n>] [trace|-]
//
// --corrupt-at=<line> is a self-test aid: after that trace line it flips the
// first byte of the block placed last, so a test can prove that damage is
// caught (exit 1).
//
// Exit status: 0 ok; 1 a violation (damaged pattern, misalignment, overlap,
// misuse report, failed integrity walk; JSON still printed with "violation");
// 2 bad usage or a malformed trace line (message with the line number).
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

extern "C" {
#include "mem/heap.h"
#include "mem/llff.h"
#include "mem/tlsf.h"
}

namespace {

// The heaps by name (mem/heap.h operations tables).
const mem_heap_ops_t *const kHeaps[] = {&mem_tlsf_ops, &mem_llff_ops};

mem_heap_stats_t stats_of(mem_heap_t h) {
    mem_heap_stats_t s{};
    (void)mem_heap_stats(h, &s);
    return s;
}

// Pattern byte i of block `id`.
inline unsigned char pattern(uint64_t id, size_t i) {
    uint64_t x = (id + 1) * 0x9E3779B97F4A7C15ull;
    return static_cast<unsigned char>((x >> (8 * (i & 7))) ^ (i >> 3) ^ (x >> 59));
}

std::string g_misuse;  // first misuse report from the heap
void on_failure(mem_status_t st, const void *, const void *ptr, void *) {
    if (g_misuse.empty()) {
        char buf[128];
        std::snprintf(buf, sizeof(buf), "heap reported %s for %p", mem_status_name(st), ptr);
        g_misuse = buf;
    }
}

std::string json_escape(const std::string &s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) continue;
        out += c;
    }
    return out;
}

bool parse_u64(const std::string &tok, uint64_t *out) {
    if (tok.empty() || tok.size() > 19) return false;
    uint64_t v = 0;
    for (char c : tok) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    *out = v;
    return true;
}

[[noreturn]] void usage(const char *msg) {
    std::fprintf(stderr, "replay: %s\nusage: replay [--heap=tlsf|llff] [--arena=<bytes>] [--check-every=<n>] [trace|-]\n", msg);
    std::exit(2);
}

struct Block {
    unsigned char *p;
    size_t n;
    size_t align;
};

}  // namespace

int main(int argc, char **argv) {
    std::string heap_name = "tlsf", path = "-";
    uint64_t arena_bytes = 1u << 20, check_every = 0, corrupt_at = 0;
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        if (a.rfind("--heap=", 0) == 0) {
            heap_name = a.substr(7);
        } else if (a.rfind("--arena=", 0) == 0) {
            if (!parse_u64(a.substr(8), &arena_bytes)) usage("--arena needs a decimal byte count");
        } else if (a.rfind("--check-every=", 0) == 0) {
            if (!parse_u64(a.substr(14), &check_every)) usage("--check-every needs a decimal count");
        } else if (a.rfind("--corrupt-at=", 0) == 0) {
            if (!parse_u64(a.substr(13), &corrupt_at)) usage("--corrupt-at needs a line number");
        } else if (a.rfind("--", 0) == 0) {
            usage(("unknown option " + a).c_str());
        } else {
            path = a;
        }
    }
    const mem_heap_ops_t *ops = nullptr;
    for (const mem_heap_ops_t *o : kHeaps)
        if (heap_name == o->name) ops = o;
    if (ops == nullptr) usage("--heap must be tlsf or llff");

    std::ifstream file;
    std::istream *in = &std::cin;
    if (path != "-") {
        file.open(path);
        if (!file) usage(("cannot open " + path).c_str());
        in = &file;
    }

    // The arena: 64-byte aligned host memory.
    std::unique_ptr<unsigned char[]> raw(new (std::nothrow) unsigned char[arena_bytes + 64]);
    if (!raw) usage("cannot allocate the arena");
    unsigned char *arena = raw.get() + (64 - reinterpret_cast<uintptr_t>(raw.get()) % 64) % 64;
    union {
        mem_tlsf_t tlsf;
        mem_llff_t llff;
    } state;
    const mem_heap_t heap{ops, &state};
    mem_status_t st = mem_heap_init(heap, arena, arena_bytes);
    if (st != MEM_OK) {
        std::fprintf(stderr, "replay: heap init failed: %s\n", mem_status_name(st));
        return 2;
    }
    mem_failure_hook_set(on_failure, nullptr);

    std::unordered_map<uint64_t, Block> live;
    std::unordered_set<uint64_t> dead;   // ids whose allocation failed
    std::map<uintptr_t, uintptr_t> spans;  // start -> end of live blocks
    uint64_t n_ops = 0, n_alloc = 0, n_free = 0, n_realloc = 0, n_skipped = 0, line_no = 0;
    uint64_t live_requested = 0, peak_requested = 0;
    std::string violation;
    unsigned char *last_placed = nullptr;
    size_t last_placed_n = 0;

    auto fail_line = [&](const std::string &msg) {
        std::fprintf(stderr, "%s:%" PRIu64 ": %s\n", path == "-" ? "<stdin>" : path.c_str(), line_no, msg.c_str());
        std::exit(2);
    };
    auto place = [&](uint64_t id, const Block &b) -> bool {
        uintptr_t s = reinterpret_cast<uintptr_t>(b.p), e = s + (b.n ? b.n : 1);
        std::ostringstream m;
        if (s % b.align != 0) {
            m << "line " << line_no << ": block " << id << " at " << static_cast<void *>(b.p)
              << " is not aligned to " << b.align;
        } else if (b.p < arena || e > reinterpret_cast<uintptr_t>(arena) + arena_bytes) {
            m << "line " << line_no << ": block " << id << " lies outside the arena";
        } else {
            auto next = spans.lower_bound(s);
            if (next != spans.end() && next->first < e) {
                m << "line " << line_no << ": block " << id << " overlaps a live block";
            } else if (next != spans.begin() && std::prev(next)->second > s) {
                m << "line " << line_no << ": block " << id << " overlaps a live block";
            }
        }
        if (!m.str().empty()) {
            violation = m.str();
            return false;
        }
        spans[s] = e;
        for (size_t i = 0; i < b.n; i++) b.p[i] = pattern(id, i);
        last_placed = b.p;
        last_placed_n = b.n;
        return true;
    };
    auto verify = [&](uint64_t id, const unsigned char *p, size_t n) -> bool {
        for (size_t i = 0; i < n; i++) {
            if (p[i] != pattern(id, i)) {
                std::ostringstream m;
                m << "line " << line_no << ": block " << id << " damaged at byte " << i;
                violation = m.str();
                return false;
            }
        }
        return true;
    };

    std::string line;
    while (violation.empty() && std::getline(*in, line)) {
        line_no++;
        size_t hash = line.find('#');
        if (hash != std::string::npos) line.erase(hash);
        std::istringstream ss(line);
        std::vector<std::string> tok;
        for (std::string t; ss >> t;) tok.push_back(t);
        if (tok.empty()) continue;
        uint64_t id = 0, size = 0, align = 8;
        const std::string &op = tok[0];
        if (op == "a") {
            if (tok.size() < 3 || tok.size() > 4) fail_line("'a' takes <id> <size> [<align>]");
            if (tok.size() == 4 && (!parse_u64(tok[3], &align) || align == 0 || (align & (align - 1)) != 0))
                fail_line("alignment '" + tok[3] + "' is not a power of two");
        } else if (op == "f") {
            if (tok.size() != 2) fail_line("'f' takes <id>");
        } else if (op == "r") {
            if (tok.size() != 3) fail_line("'r' takes <id> <size>");
        } else {
            fail_line("unknown operation '" + op + "' (expected a, f or r)");
        }
        if (!parse_u64(tok[1], &id)) fail_line("id '" + tok[1] + "' is not a decimal integer");
        if (tok.size() >= 3 && !parse_u64(tok[2], &size)) fail_line("size '" + tok[2] + "' is not a decimal integer");
        n_ops++;
        auto it = live.find(id);
        if (op == "a") {
            if (it != live.end()) fail_line("id " + tok[1] + " is already live");
            dead.erase(id);
            auto *p = static_cast<unsigned char *>(mem_heap_aligned_alloc(heap, align, size));
            n_alloc++;
            if (p == nullptr) {
                dead.insert(id);
                continue;
            }
            Block b{p, size, align};
            if (!place(id, b)) break;
            live[id] = b;
            live_requested += size;
        } else {
            if (it == live.end()) {
                if (dead.count(id) != 0) {
                    n_skipped++;
                    if (op == "f") dead.erase(id);
                    continue;
                }
                fail_line("id " + tok[1] + " is not live");
            }
            Block b = it->second;
            if (op == "f") {
                n_free++;
                if (!verify(id, b.p, b.n)) break;
                spans.erase(reinterpret_cast<uintptr_t>(b.p));
                if (last_placed == b.p) last_placed = nullptr;
            if (mem_heap_free(heap, b.p) != MEM_OK && violation.empty())
                    violation = "line " + std::to_string(line_no) + ": free refused a live block";
                live.erase(it);
                live_requested -= b.n;
            } else {
                n_realloc++;
                if (!verify(id, b.p, b.n)) break;
                auto *q = static_cast<unsigned char *>(mem_heap_realloc(heap, b.p, size));
                if (q == nullptr) {
                    if (!verify(id, b.p, b.n)) break;  // old block must be intact
                    continue;
                }
                spans.erase(reinterpret_cast<uintptr_t>(b.p));
                if (last_placed == b.p) last_placed = nullptr;
                if (!verify(id, q, std::min<size_t>(b.n, size))) break;
                Block nb{q, size, 8};
                if (!place(id, nb)) break;
                it->second = nb;
                live_requested = live_requested - b.n + size;
            }
        }
        if (live_requested > peak_requested) peak_requested = live_requested;
        if (line_no == corrupt_at && last_placed != nullptr && last_placed_n != 0) last_placed[0] ^= 0xFF;
        if (!g_misuse.empty() && violation.empty()) violation = "line " + std::to_string(line_no) + ": " + g_misuse;
        if (check_every != 0 && n_ops % check_every == 0 && violation.empty()) {
            mem_heap_fault_t f{};
            if (mem_heap_check(heap, &f) != MEM_OK)
                violation = "line " + std::to_string(line_no) + ": integrity: " + (f.reason ? f.reason : "?");
        }
    }
    mem_heap_fault_t fault{};
    std::string integrity = "ok";
    if (mem_heap_check(heap, &fault) != MEM_OK) integrity = fault.reason != nullptr ? fault.reason : "corrupt";
    const mem_heap_stats_t end = stats_of(heap);
    if (violation.empty() && integrity != "ok") violation = "integrity: " + integrity;
    if (violation.empty() && !g_misuse.empty()) violation = g_misuse;

    std::printf(
        "{\"heap\": \"%s\", \"arena_bytes\": %" PRIu64 ", \"ops\": %" PRIu64 ", \"allocs\": %" PRIu64
        ", \"frees\": %" PRIu64 ", \"reallocs\": %" PRIu64 ", \"failed_allocs\": %u, \"skipped_ops\": %" PRIu64
        ", \"peak_bytes_in_use\": %zu, \"peak_requested_bytes\": %" PRIu64 ", \"bytes_in_use\": %zu"
        ", \"live_blocks\": %zu, \"largest_free_block\": %zu, \"integrity\": \"%s\"",
        ops->name, arena_bytes, n_ops, n_alloc, n_free, n_realloc, end.failed_allocs, n_skipped,
        end.peak_bytes_in_use, peak_requested, end.bytes_in_use, live.size(), end.largest_free_block,
        json_escape(integrity).c_str());
    if (!violation.empty()) std::printf(", \"violation\": \"%s\"", json_escape(violation).c_str());
    std::printf("}\n");
    if (!violation.empty()) {
        std::fprintf(stderr, "replay: %s\n", violation.c_str());
        return 1;
    }
    return 0;
}
