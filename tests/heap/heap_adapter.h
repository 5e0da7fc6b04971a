// The heaps under test, as mem/heap.h operations tables: every heap suite is
// written once over the interface and instantiated for each table here
// (value-parametrised GoogleTest). Adding a heap: add its table to kHeaps.
#ifndef TESTS_HEAP_HEAP_ADAPTER_H
#define TESTS_HEAP_HEAP_ADAPTER_H

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" {
#include "mem/heap.h"
#include "mem/llff.h"
#include "mem/tlsf.h"
}

using Stats = mem_heap_stats_t;

// One heap implementation: its table plus what the tests need to know.
struct HeapCase {
    const mem_heap_ops_t *ops;
    size_t kFixedOverhead;  // arena bytes never handed out (TLSF end marker)

    std::string name() const { return ops->name; }
    size_t arena_min() const { return ops->arena_min; }
    size_t arena_max() const { return ops->arena_max; }
    mem_status_t init(void *h, void *a, size_t n) const { return ops->init(h, a, n); }
    void *alloc(void *h, size_t n) const { return ops->alloc(h, n); }
    void *aligned(void *h, size_t al, size_t n) const { return ops->aligned_alloc(h, al, n); }
    void *calloc(void *h, size_t c, size_t n) const { return ops->calloc(h, c, n); }
    void *realloc(void *h, void *p, size_t n) const { return ops->realloc(h, p, n); }
    mem_status_t free(void *h, void *p) const { return ops->free(h, p); }
    size_t usable(const void *h, const void *p) const { return ops->usable_size(h, p); }
    void oom(void *h, mem_heap_oom_hook_t f, void *c) const { ops->oom_hook_set(h, f, c); }
    mem_status_t check(const void *h, std::string *why = nullptr) const {
        mem_heap_fault_t f{};
        mem_status_t st = ops->check(h, &f);
        if (why != nullptr && f.reason != nullptr) *why = f.reason;
        return st;
    }
    Stats stats(const void *h) const {
        Stats s{};
        EXPECT_EQ(MEM_OK, ops->stats(h, &s));
        return s;
    }
};

// Storage for any heap's state (ops->state_size bytes).
union HeapState {
    mem_tlsf_t tlsf;
    mem_llff_t llff;
};

inline const HeapCase kHeaps[] = {
    {&mem_tlsf_ops, 8},
    {&mem_llff_ops, 0},
};

inline std::string HeapCaseName(const ::testing::TestParamInfo<HeapCase> &info) {
    return info.param.name();
}

#endif  // TESTS_HEAP_HEAP_ADAPTER_H
