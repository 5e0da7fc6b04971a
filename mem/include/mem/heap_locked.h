/*
 * mem/heap_locked.h — one heap (mem/tlsf.h or mem/llff.h) shared by threads
 * and interrupt handlers.
 *
 * Every call runs the underlying heap operation between MEM_CRITICAL_ENTER()
 * and MEM_CRITICAL_EXIT() (mem/config.h). On Cortex-M the default masks
 * interrupts (PRIMASK), so the time interrupts stay masked is the cost of the
 * underlying call: bounded for TLSF (O(1)), proportional to the number of
 * free blocks for first-fit. Zeroing (calloc) and copying (realloc that
 * moves) also happen inside the critical section.
 *
 * This is the interface a malloc/free retarget layer calls. The OOM hook and
 * the failure hook run inside the critical section: they must not call back
 * into this heap.
 */
#ifndef MEM_HEAP_LOCKED_H
#define MEM_HEAP_LOCKED_H

#include <stddef.h>

#include "mem/llff.h"
#include "mem/status.h"
#include "mem/tlsf.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mem_heap_kind {
    MEM_HEAP_NONE = 0,
    MEM_HEAP_TLSF,
    MEM_HEAP_LLFF,
} mem_heap_kind_t;

/* Which heap is wrapped. Treat the fields as private. */
typedef struct mem_heap_locked {
    mem_heap_kind_t kind;
    union {
        mem_tlsf_t *tlsf;
        mem_llff_t *llff;
    } heap;
} mem_heap_locked_t;

/* Heap-independent statistics (see mem_tlsf_stats_t / mem_llff_stats_t). */
typedef struct mem_heap_locked_stats {
    size_t arena_bytes;
    size_t bytes_in_use;
    size_t peak_bytes_in_use;
    size_t free_bytes;
    size_t largest_free_block; /* largest request alloc satisfies now */
    uint32_t live_blocks;
    uint32_t alloc_count;
    uint32_t failed_allocs;
} mem_heap_locked_stats_t;

/*
 * Wrap an initialised heap. The heap must not be used directly afterwards.
 * O(1). Call before the wrapper is shared.
 * Returns MEM_OK or MEM_ERR_ARG (locked or heap NULL).
 */
mem_status_t mem_heap_locked_init_tlsf(mem_heap_locked_t *locked,
                                       mem_tlsf_t *heap);
mem_status_t mem_heap_locked_init_llff(mem_heap_locked_t *locked,
                                       mem_llff_t *heap);

/*
 * The operations below take the critical section and forward to the wrapped
 * heap; complexity, results and failure statuses are those of the wrapped
 * function (mem_tlsf_* / mem_llff_*). ISR-safe: callable from threads and
 * from ISRs of any priority masked by MEM_CRITICAL_ENTER. An uninitialised
 * wrapper (kind MEM_HEAP_NONE) returns NULL / MEM_ERR_ARG / 0.
 */
void *mem_heap_locked_alloc(mem_heap_locked_t *locked, size_t size);
void *mem_heap_locked_aligned_alloc(mem_heap_locked_t *locked,
                                    size_t alignment, size_t size);
void *mem_heap_locked_calloc(mem_heap_locked_t *locked, size_t count,
                             size_t size);
void *mem_heap_locked_realloc(mem_heap_locked_t *locked, void *ptr,
                              size_t size);
mem_status_t mem_heap_locked_free(mem_heap_locked_t *locked, void *ptr);
size_t mem_heap_locked_usable_size(mem_heap_locked_t *locked, const void *ptr);

/* Statistics under the lock. O(1) for TLSF, O(free blocks) for first-fit.
 * Returns MEM_OK or MEM_ERR_ARG (NULL argument or uninitialised wrapper). */
mem_status_t mem_heap_locked_stats(mem_heap_locked_t *locked,
                                   mem_heap_locked_stats_t *out);

/* Integrity walk under the lock (O(blocks) with interrupts masked: for
 * tests and diagnostics). Returns MEM_OK, MEM_ERR_ARG or MEM_ERR_CORRUPT
 * (reported through mem_failure_report). */
mem_status_t mem_heap_locked_check(mem_heap_locked_t *locked);

#ifdef __cplusplus
}
#endif

#endif /* MEM_HEAP_LOCKED_H */
