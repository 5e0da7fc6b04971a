/*
 * mem/heap.h — one interface over every //mem heap (mem/tlsf.h,
 * mem/llff.h, and mem/heap_locked.h wrapping either).
 *
 * A heap implementation exports one constant operations table
 * (mem_tlsf_ops, mem_llff_ops, mem_heap_locked_ops). Code that should work
 * with any heap takes a mem_heap_t handle — the table plus the instance it
 * operates on — and calls the mem_heap_* functions below, which forward
 * through the table. Code that wants no indirection calls mem_tlsf_* /
 * mem_llff_* directly; the table adds one indirect call per operation
 * (cost measured in docs/BENCHMARKS.md, "Heap interface").
 *
 * Adding a heap: implement the operations with the contracts below, export
 * `extern const mem_heap_ops_t mem_<name>_ops;` from its header and add the
 * table to the parametrised tests (tests/heap) — see mem/README.md.
 *
 * Contracts common to every heap (each heap's header states its costs):
 *   - payloads are at least MEM_HEAP_ALIGN-aligned; size 0 is treated as 1;
 *   - an allocation that cannot be satisfied returns NULL, counts in
 *     failed_allocs and calls the OOM hook (not for a bad alignment);
 *   - free/realloc/usable_size of a pointer that is not a live block of the
 *     heap report through mem_failure_report (mem/status.h) and leave the
 *     heap unchanged; bad input never corrupts memory;
 *   - a NULL instance returns NULL / MEM_ERR_ARG / 0 and is not reported.
 * The bare heaps are not reentrant; wrap one with mem/heap_locked.h to share
 * it between threads and ISRs.
 */
#ifndef MEM_HEAP_H
#define MEM_HEAP_H

#include <stddef.h>
#include <stdint.h>

#include "mem/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Alignment every heap guarantees for its payloads. */
#define MEM_HEAP_ALIGN 8u

/*
 * Called when an allocation cannot be satisfied (the C counterpart of Rust's
 * alloc_error_handler), before the allocating call returns NULL. `heap` is
 * the heap instance, `size` the requested size (SIZE_MAX when count*size
 * overflowed in calloc), `alignment` the requested alignment. Runs in the
 * caller's context (inside the critical section for mem/heap_locked.h); it
 * may free memory of this heap through the bare heap (the failed call does
 * not retry) or not return.
 */
typedef void (*mem_heap_oom_hook_t)(const void *heap, size_t size,
                                    size_t alignment, void *context);

/* Heap-independent statistics. */
typedef struct mem_heap_stats {
    size_t arena_bytes;        /* bytes managed (arena after trimming) */
    size_t bytes_in_use;       /* sum of in-use block sizes (headers and
                                  rounding included) */
    size_t peak_bytes_in_use;  /* maximum bytes_in_use since init */
    size_t free_bytes;         /* sum of free block sizes */
    size_t largest_free_block; /* EXACT: the largest size alloc satisfies
                                  right now (0 if none) */
    uint32_t live_blocks;      /* blocks currently in use */
    uint32_t alloc_count;      /* successful allocations since init */
    uint32_t failed_allocs;    /* allocations that returned NULL since init */
} mem_heap_stats_t;

/* First inconsistency found by an integrity check. */
typedef struct mem_heap_fault {
    const char *reason; /* static string, e.g. "prev_size mismatch" */
    const void *block;  /* address of the offending block header (or NULL) */
} mem_heap_fault_t;

/*
 * Operations of one heap implementation. `heap` is the implementation's
 * own state (mem_tlsf_t *, mem_llff_t *, mem_heap_locked_t *); each entry
 * has the contract of the implementation's function of the same name.
 */
typedef struct mem_heap_ops {
    const char *name;  /* "tlsf", "llff", "locked" */
    size_t state_size; /* sizeof the state `heap` points to */
    size_t arena_min;  /* smallest arena init accepts */
    size_t arena_max;  /* largest arena init accepts */
    mem_status_t (*init)(void *heap, void *arena, size_t size);
    void *(*alloc)(void *heap, size_t size);
    void *(*aligned_alloc)(void *heap, size_t alignment, size_t size);
    void *(*calloc)(void *heap, size_t count, size_t size);
    void *(*realloc)(void *heap, void *ptr, size_t size);
    mem_status_t (*free)(void *heap, void *ptr);
    size_t (*usable_size)(const void *heap, const void *ptr);
    void (*oom_hook_set)(void *heap, mem_heap_oom_hook_t hook, void *context);
    mem_status_t (*stats)(const void *heap, mem_heap_stats_t *out);
    mem_status_t (*check)(const void *heap, mem_heap_fault_t *fault);
} mem_heap_ops_t;

/* A heap: its operations and the instance they act on. */
typedef struct mem_heap {
    const mem_heap_ops_t *ops;
    void *instance;
} mem_heap_t;

/*
 * The calls below forward to heap.ops with heap.instance; complexity,
 * ISR-safety, results and failures are those of the implementation
 * (O(1) and not reentrant for mem_tlsf_ops; O(free blocks) for
 * mem_llff_ops; ISR-safe for mem_heap_locked_ops). heap.ops must be a valid
 * table (not checked: one indirect call is the whole cost).
 */

/* Initialise the instance over `arena` (`size` bytes). Returns MEM_OK,
 * MEM_ERR_ARG (NULL instance or arena), MEM_ERR_ALIGN (arena not
 * 8-aligned), MEM_ERR_SIZE (outside [arena_min, arena_max]). */
static inline mem_status_t mem_heap_init(mem_heap_t heap, void *arena,
                                         size_t size)
{
    return heap.ops->init(heap.instance, arena, size);
}

/* Allocate `size` bytes; NULL when nothing fits (counted, OOM hook). */
static inline void *mem_heap_alloc(mem_heap_t heap, size_t size)
{
    return heap.ops->alloc(heap.instance, size);
}

/* Allocate aligned to `alignment` (power of two); NULL (counted) for a bad
 * alignment (no hook) or when nothing fits (OOM hook). */
static inline void *mem_heap_aligned_alloc(mem_heap_t heap, size_t alignment,
                                           size_t size)
{
    return heap.ops->aligned_alloc(heap.instance, alignment, size);
}

/* count*size zeroed bytes; NULL (counted, hook with SIZE_MAX) on overflow. */
static inline void *mem_heap_calloc(mem_heap_t heap, size_t count, size_t size)
{
    return heap.ops->calloc(heap.instance, count, size);
}

/* Resize; NULL with ptr unchanged when out of memory or ptr is not a live
 * block (reported: MEM_ERR_FOREIGN, MEM_ERR_ALIGN, MEM_ERR_DOUBLE_FREE). */
static inline void *mem_heap_realloc(mem_heap_t heap, void *ptr, size_t size)
{
    return heap.ops->realloc(heap.instance, ptr, size);
}

/* Release; MEM_OK (NULL ptr too), MEM_ERR_ARG (NULL instance), or reported
 * MEM_ERR_FOREIGN / MEM_ERR_ALIGN / MEM_ERR_DOUBLE_FREE, heap unchanged. */
static inline mem_status_t mem_heap_free(mem_heap_t heap, void *ptr)
{
    return heap.ops->free(heap.instance, ptr);
}

/* Usable bytes of a live block; 0 for NULL or (reported) a foreign ptr. */
static inline size_t mem_heap_usable_size(mem_heap_t heap, const void *ptr)
{
    return heap.ops->usable_size(heap.instance, ptr);
}

/* Install (NULL removes) the OOM hook. O(1). No failure status. */
static inline void mem_heap_oom_hook_set(mem_heap_t heap,
                                         mem_heap_oom_hook_t hook,
                                         void *context)
{
    heap.ops->oom_hook_set(heap.instance, hook, context);
}

/* Statistics snapshot. MEM_OK, or MEM_ERR_ARG (NULL instance or out; out
 * untouched). */
static inline mem_status_t mem_heap_stats(mem_heap_t heap,
                                          mem_heap_stats_t *out)
{
    return heap.ops->stats(heap.instance, out);
}

/* Integrity walk, O(blocks). MEM_OK, MEM_ERR_ARG (NULL instance) or
 * MEM_ERR_CORRUPT (reported; `fault`, may be NULL, gets the first). */
static inline mem_status_t mem_heap_check(mem_heap_t heap,
                                          mem_heap_fault_t *fault)
{
    return heap.ops->check(heap.instance, fault);
}

#ifdef __cplusplus
}
#endif

#endif /* MEM_HEAP_H */
