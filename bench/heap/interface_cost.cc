// interface_cost — instructions the mem/heap.h operations table adds to a
// heap call: the same alloc and free loops run once calling mem_<heap>_alloc /
// _free directly and once through mem_heap_alloc / mem_heap_free. Each loop
// is its own function, measured under callgrind by bench/heap/run.sh
// (callgrind_ir with --toggle-collect=<loop>); per call, (ops - direct) / N
// is the cost of the indirection. Outside callgrind it just runs the loops.
//
//   interface_cost            (N = 100000 blocks of 64 bytes per loop)
#include <cstdio>
#include <cstdlib>
#include <memory>

extern "C" {
#include "mem/heap.h"
#include "mem/llff.h"
#include "mem/tlsf.h"
}

namespace {

constexpr size_t kBlocks = 100000;
constexpr size_t kSize = 64;
constexpr size_t kArena = kBlocks * (kSize + 16) + 4096;

// A loop function per (heap, direct|ops, alloc|free), with C names so that
// callgrind can collect exactly inside one. Direct loops call the heap
// function (a template argument, so the call is direct); ops loops call
// through the table.
template <class H, void *(*Alloc)(H *, size_t)>
inline void alloc_direct(H *h, void **p) {
    for (size_t i = 0; i < kBlocks; i++) p[i] = Alloc(h, kSize);
}
template <class H, mem_status_t (*Free)(H *, void *)>
inline void free_direct(H *h, void **p) {
    for (size_t i = 0; i < kBlocks; i++) (void)Free(h, p[i]);
}
inline void alloc_ops(mem_heap_t h, void **p) {
    for (size_t i = 0; i < kBlocks; i++) p[i] = mem_heap_alloc(h, kSize);
}
inline void free_ops(mem_heap_t h, void **p) {
    for (size_t i = 0; i < kBlocks; i++) (void)mem_heap_free(h, p[i]);
}

}  // namespace

#define NOINLINE extern "C" __attribute__((noinline))
NOINLINE void loop_tlsf_direct_alloc(mem_tlsf_t *h, void **p) { alloc_direct<mem_tlsf_t, mem_tlsf_alloc>(h, p); }
NOINLINE void loop_tlsf_direct_free(mem_tlsf_t *h, void **p) { free_direct<mem_tlsf_t, mem_tlsf_free>(h, p); }
NOINLINE void loop_llff_direct_alloc(mem_llff_t *h, void **p) { alloc_direct<mem_llff_t, mem_llff_alloc>(h, p); }
NOINLINE void loop_llff_direct_free(mem_llff_t *h, void **p) { free_direct<mem_llff_t, mem_llff_free>(h, p); }
NOINLINE void loop_ops_alloc(mem_heap_t h, void **p) { alloc_ops(h, p); }
NOINLINE void loop_ops_free(mem_heap_t h, void **p) { free_ops(h, p); }

int main() {
    std::unique_ptr<uint64_t[]> arena(new uint64_t[kArena / 8]);
    std::unique_ptr<void *[]> p(new void *[kBlocks]);
    mem_tlsf_t tlsf;
    mem_llff_t llff;
    int bad = 0;
    // Direct, then through the table, on a freshly initialised heap each time.
    bad |= mem_tlsf_init(&tlsf, arena.get(), kArena) != MEM_OK;
    loop_tlsf_direct_alloc(&tlsf, p.get());
    loop_tlsf_direct_free(&tlsf, p.get());
    bad |= mem_llff_init(&llff, arena.get(), kArena) != MEM_OK;
    loop_llff_direct_alloc(&llff, p.get());
    loop_llff_direct_free(&llff, p.get());
    // loop_ops_* run for tlsf first, then llff: run.sh passes --toggle-collect
    // for the loop and picks the heap with INTERFACE_COST_HEAP=tlsf|llff.
    const char *which = std::getenv("INTERFACE_COST_HEAP");
    const mem_heap_t h = (which != nullptr && which[0] == 'l') ? mem_heap_t{&mem_llff_ops, &llff}
                                                                : mem_heap_t{&mem_tlsf_ops, &tlsf};
    bad |= mem_heap_init(h, arena.get(), kArena) != MEM_OK;
    loop_ops_alloc(h, p.get());
    loop_ops_free(h, p.get());
    for (size_t i = 0; i < kBlocks; i++) bad |= p[i] == nullptr;
    std::printf("interface_cost heap=%s blocks=%zu size=%zu %s\n", h.ops->name, kBlocks, kSize,
                bad ? "FAILED" : "ok");
    return bad;
}
