// Uniform C++ view of the two heaps so one typed test suite covers both.
#ifndef TESTS_HEAP_HEAP_ADAPTER_H
#define TESTS_HEAP_HEAP_ADAPTER_H

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" {
#include "mem/llff.h"
#include "mem/tlsf.h"
}

struct Stats {
    size_t arena_bytes, bytes_in_use, peak_bytes_in_use, free_bytes,
        largest_free_block;
    uint32_t live_blocks, alloc_count, failed_allocs;
};

struct TlsfHeap {
    using Heap = mem_tlsf_t;
    static constexpr const char *kName = "tlsf";
    static constexpr size_t kArenaMin = MEM_TLSF_ARENA_MIN;
    static constexpr size_t kArenaMax = MEM_TLSF_ARENA_MAX;
    static constexpr size_t kFixedOverhead = 8;  // end marker
    static mem_status_t init(Heap *h, void *a, size_t n) { return mem_tlsf_init(h, a, n); }
    static void *alloc(Heap *h, size_t n) { return mem_tlsf_alloc(h, n); }
    static void *aligned(Heap *h, size_t al, size_t n) { return mem_tlsf_aligned_alloc(h, al, n); }
    static void *calloc(Heap *h, size_t c, size_t n) { return mem_tlsf_calloc(h, c, n); }
    static void *realloc(Heap *h, void *p, size_t n) { return mem_tlsf_realloc(h, p, n); }
    static mem_status_t free(Heap *h, void *p) { return mem_tlsf_free(h, p); }
    static size_t usable(const Heap *h, const void *p) { return mem_tlsf_usable_size(h, p); }
    static void oom(Heap *h, mem_tlsf_oom_hook_t f, void *c) { mem_tlsf_oom_hook_set(h, f, c); }
    static mem_status_t check(const Heap *h, std::string *why = nullptr) {
        mem_tlsf_fault_t f;
        mem_status_t st = mem_tlsf_check(h, &f);
        if (why != nullptr && f.reason != nullptr) *why = f.reason;
        return st;
    }
    static Stats stats(const Heap *h) {
        mem_tlsf_stats_t s;
        mem_tlsf_stats(h, &s);
        return Stats{s.arena_bytes, s.bytes_in_use, s.peak_bytes_in_use, s.free_bytes,
                     s.largest_free_block, s.live_blocks, s.alloc_count, s.failed_allocs};
    }
};

struct LlffHeap {
    using Heap = mem_llff_t;
    static constexpr const char *kName = "llff";
    static constexpr size_t kArenaMin = MEM_LLFF_ARENA_MIN;
    static constexpr size_t kArenaMax = MEM_LLFF_ARENA_MAX;
    static constexpr size_t kFixedOverhead = 0;
    static mem_status_t init(Heap *h, void *a, size_t n) { return mem_llff_init(h, a, n); }
    static void *alloc(Heap *h, size_t n) { return mem_llff_alloc(h, n); }
    static void *aligned(Heap *h, size_t al, size_t n) { return mem_llff_aligned_alloc(h, al, n); }
    static void *calloc(Heap *h, size_t c, size_t n) { return mem_llff_calloc(h, c, n); }
    static void *realloc(Heap *h, void *p, size_t n) { return mem_llff_realloc(h, p, n); }
    static mem_status_t free(Heap *h, void *p) { return mem_llff_free(h, p); }
    static size_t usable(const Heap *h, const void *p) { return mem_llff_usable_size(h, p); }
    static void oom(Heap *h, mem_llff_oom_hook_t f, void *c) { mem_llff_oom_hook_set(h, f, c); }
    static mem_status_t check(const Heap *h, std::string *why = nullptr) {
        mem_llff_fault_t f;
        mem_status_t st = mem_llff_check(h, &f);
        if (why != nullptr && f.reason != nullptr) *why = f.reason;
        return st;
    }
    static Stats stats(const Heap *h) {
        mem_llff_stats_t s;
        mem_llff_stats(h, &s);
        return Stats{s.arena_bytes, s.bytes_in_use, s.peak_bytes_in_use, s.free_bytes,
                     s.largest_free_block, s.live_blocks, s.alloc_count, s.failed_allocs};
    }
};

#endif  // TESTS_HEAP_HEAP_ADAPTER_H
