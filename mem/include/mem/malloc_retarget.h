/*
 * mem/malloc_retarget.h — C malloc family of a firmware image served by a
 * tidemark heap (opt-in: link //mem:malloc_retarget_tlsf or
 * //mem:malloc_retarget_llff). Design and set-up: mem/docs/malloc_retarget.md.
 *
 * Linking one of those targets defines malloc, free, calloc, realloc,
 * memalign, aligned_alloc, posix_memalign, malloc_usable_size and newlib's
 * reentrant _malloc_r, _free_r, _calloc_r, _realloc_r, _memalign_r,
 * _malloc_usable_size_r, so newlib (strdup, asprintf, stdio buffers, ...)
 * allocates from the tidemark heap too and newlib's own allocator is not
 * linked. The heap covers [__heap_start, __heap_end), a region the linker
 * script provides (bsp/cortex_m7/cortex_m7_sections.ld: `.heap` in SRAM1,
 * sized with -Wl,--defsym=_heap_size=N; default 0 = no heap, every
 * allocation fails with ENOMEM). The heap is set up on the first call
 * (lazy, inside the critical section) and every call runs between
 * MEM_CRITICAL_ENTER and MEM_CRITICAL_EXIT (mem/config.h), so malloc and
 * free may be called from threads and from ISRs the critical section masks.
 * Costs are those of the chosen heap (mem/tlsf.h: O(1); mem/llff.h:
 * O(free blocks)) plus the critical section; calloc zeroes and realloc
 * copies inside it.
 *
 * Failures: allocation functions return NULL and set errno (reentrant
 * forms: r->_errno) to ENOMEM; posix_memalign returns EINVAL or ENOMEM;
 * aligned_alloc/memalign with an alignment that is not a power of two
 * return NULL with EINVAL. free/realloc of a pointer that is not a live
 * block is reported through mem_failure_report (mem/status.h) and ignored
 * (realloc returns NULL). Target-only (Cortex-M builds).
 */
#ifndef MEM_MALLOC_RETARGET_H
#define MEM_MALLOC_RETARGET_H

#include "mem/heap.h"
#include "mem/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The heap behind malloc, chosen at link time: //mem:malloc_retarget_tlsf
 * and //mem:malloc_retarget_llff each define it (a TLSF or first-fit
 * instance in .bss). To serve malloc from another mem/heap.h heap, depend
 * on //mem:malloc_retarget_core and define this handle yourself. The
 * instance is initialised over [__heap_start, __heap_end) on first use.
 */
extern const mem_heap_t mem_malloc_retarget_heap;

/*
 * Statistics of the malloc heap (initialising it if that has not happened
 * yet). O(1) for TLSF, O(free blocks) for first-fit; runs inside the
 * critical section; callable from any context.
 * Returns MEM_OK, or (out untouched) MEM_ERR_ARG when out is NULL and
 * MEM_ERR_SIZE when the heap region is too small to hold a heap.
 */
mem_status_t mem_malloc_retarget_stats(mem_heap_stats_t *out);

#ifdef __cplusplus
}
#endif

#endif /* MEM_MALLOC_RETARGET_H */
