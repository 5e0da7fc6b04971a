/*
 * mem/heap_locked.h — any heap (mem/heap.h: mem_tlsf_ops, mem_llff_ops, ...)
 * shared by threads and interrupt handlers.
 *
 * Every call runs the wrapped heap's operation between MEM_CRITICAL_ENTER()
 * and MEM_CRITICAL_EXIT() (mem/config.h). On Cortex-M the default masks
 * interrupts (PRIMASK), so the time interrupts stay masked is the cost of the
 * underlying call: bounded for TLSF (O(1)), proportional to the number of
 * free blocks for first-fit. Zeroing (calloc) and copying (realloc that
 * moves) also happen inside the critical section.
 *
 * The wrapper is itself a heap: mem_heap_locked_ops with a
 * mem_heap_locked_t * instance, so code written over mem/heap.h can be
 * handed the locked heap unchanged (like Pigweed's SynchronizedAllocator).
 * The OOM hook and the failure hook run inside the critical section: they
 * must not call back into this wrapper.
 */
#ifndef MEM_HEAP_LOCKED_H
#define MEM_HEAP_LOCKED_H

#include <stddef.h>

#include "mem/heap.h"
#include "mem/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The wrapped heap. Treat the fields as private. All-zero = uninitialised. */
typedef struct mem_heap_locked {
    mem_heap_t heap;
} mem_heap_locked_t;

/*
 * Wrap a heap (its instance already initialised, or initialised later with
 * mem_heap_locked_init_arena). The heap must not be used directly
 * afterwards. O(1). Call before the wrapper is shared; not ISR-safe.
 * Returns MEM_OK or MEM_ERR_ARG (locked, heap.ops or heap.instance NULL;
 * locked untouched).
 */
mem_status_t mem_heap_locked_init(mem_heap_locked_t *locked, mem_heap_t heap);

/*
 * The operations below take the critical section and forward to the wrapped
 * heap; complexity, results and failure statuses are those of the wrapped
 * operation (mem/heap.h). ISR-safe: callable from threads and from ISRs of
 * any priority masked by MEM_CRITICAL_ENTER. A NULL or uninitialised
 * wrapper returns NULL / MEM_ERR_ARG / 0 (not reported).
 */
/* (Re)initialise the wrapped heap over `arena` (mem_heap_init). */
mem_status_t mem_heap_locked_init_arena(mem_heap_locked_t *locked,
                                        void *arena, size_t size);
void *mem_heap_locked_alloc(mem_heap_locked_t *locked, size_t size);
void *mem_heap_locked_aligned_alloc(mem_heap_locked_t *locked,
                                    size_t alignment, size_t size);
void *mem_heap_locked_calloc(mem_heap_locked_t *locked, size_t count,
                             size_t size);
void *mem_heap_locked_realloc(mem_heap_locked_t *locked, void *ptr,
                              size_t size);
mem_status_t mem_heap_locked_free(mem_heap_locked_t *locked, void *ptr);
size_t mem_heap_locked_usable_size(const mem_heap_locked_t *locked,
                                   const void *ptr);
void mem_heap_locked_oom_hook_set(mem_heap_locked_t *locked,
                                  mem_heap_oom_hook_t hook, void *context);

/* Statistics under the lock. O(1) for TLSF, O(free blocks) for first-fit.
 * Returns MEM_OK or MEM_ERR_ARG (NULL argument or uninitialised wrapper;
 * out untouched). */
mem_status_t mem_heap_locked_stats(const mem_heap_locked_t *locked,
                                   mem_heap_stats_t *out);

/* Integrity walk under the lock (O(blocks) with interrupts masked: for
 * tests and diagnostics). Returns MEM_OK, MEM_ERR_ARG or MEM_ERR_CORRUPT
 * (reported through mem_failure_report; `fault`, may be NULL, gets the
 * first inconsistency). */
mem_status_t mem_heap_locked_check(const mem_heap_locked_t *locked,
                                   mem_heap_fault_t *fault);

/* The wrapper as a heap (mem/heap.h); instance: mem_heap_locked_t *. Its
 * init is mem_heap_locked_init_arena. */
extern const mem_heap_ops_t mem_heap_locked_ops;

#ifdef __cplusplus
}
#endif

#endif /* MEM_HEAP_LOCKED_H */
