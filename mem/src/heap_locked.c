/*
 * Critical-section wrapper around one TLSF or first-fit heap.
 */
#include "mem/heap_locked.h"

#include "heap_common.h"
#include "mem/config.h"

mem_status_t mem_heap_locked_init_tlsf(mem_heap_locked_t *locked,
                                       mem_tlsf_t *heap)
{
    if (locked == NULL || heap == NULL) {
        return MEM_ERR_ARG;
    }
    locked->kind = MEM_HEAP_TLSF;
    locked->heap.tlsf = heap;
    return MEM_OK;
}

mem_status_t mem_heap_locked_init_llff(mem_heap_locked_t *locked,
                                       mem_llff_t *heap)
{
    if (locked == NULL || heap == NULL) {
        return MEM_ERR_ARG;
    }
    locked->kind = MEM_HEAP_LLFF;
    locked->heap.llff = heap;
    return MEM_OK;
}

static mem_heap_kind_t kind_of(const mem_heap_locked_t *locked)
{
    return locked == NULL ? MEM_HEAP_NONE : locked->kind;
}

void *mem_heap_locked_alloc(mem_heap_locked_t *locked, size_t size)
{
    void *p = NULL;
    mem_critical_state_t s = MEM_CRITICAL_ENTER();
    switch (kind_of(locked)) {
    case MEM_HEAP_TLSF: p = mem_tlsf_alloc(locked->heap.tlsf, size); break;
    case MEM_HEAP_LLFF: p = mem_llff_alloc(locked->heap.llff, size); break;
    default: break;
    }
    MEM_CRITICAL_EXIT(s);
    return p;
}

void *mem_heap_locked_aligned_alloc(mem_heap_locked_t *locked,
                                    size_t alignment, size_t size)
{
    void *p = NULL;
    mem_critical_state_t s = MEM_CRITICAL_ENTER();
    switch (kind_of(locked)) {
    case MEM_HEAP_TLSF:
        p = mem_tlsf_aligned_alloc(locked->heap.tlsf, alignment, size);
        break;
    case MEM_HEAP_LLFF:
        p = mem_llff_aligned_alloc(locked->heap.llff, alignment, size);
        break;
    default: break;
    }
    MEM_CRITICAL_EXIT(s);
    return p;
}

void *mem_heap_locked_calloc(mem_heap_locked_t *locked, size_t count,
                             size_t size)
{
    void *p = NULL;
    mem_critical_state_t s = MEM_CRITICAL_ENTER();
    switch (kind_of(locked)) {
    case MEM_HEAP_TLSF: p = mem_tlsf_calloc(locked->heap.tlsf, count, size); break;
    case MEM_HEAP_LLFF: p = mem_llff_calloc(locked->heap.llff, count, size); break;
    default: break;
    }
    MEM_CRITICAL_EXIT(s);
    return p;
}

void *mem_heap_locked_realloc(mem_heap_locked_t *locked, void *ptr,
                              size_t size)
{
    void *p = NULL;
    mem_critical_state_t s = MEM_CRITICAL_ENTER();
    switch (kind_of(locked)) {
    case MEM_HEAP_TLSF: p = mem_tlsf_realloc(locked->heap.tlsf, ptr, size); break;
    case MEM_HEAP_LLFF: p = mem_llff_realloc(locked->heap.llff, ptr, size); break;
    default: break;
    }
    MEM_CRITICAL_EXIT(s);
    return p;
}

mem_status_t mem_heap_locked_free(mem_heap_locked_t *locked, void *ptr)
{
    mem_status_t st = MEM_ERR_ARG;
    mem_critical_state_t s = MEM_CRITICAL_ENTER();
    switch (kind_of(locked)) {
    case MEM_HEAP_TLSF: st = mem_tlsf_free(locked->heap.tlsf, ptr); break;
    case MEM_HEAP_LLFF: st = mem_llff_free(locked->heap.llff, ptr); break;
    default: break;
    }
    MEM_CRITICAL_EXIT(s);
    return st;
}

size_t mem_heap_locked_usable_size(mem_heap_locked_t *locked, const void *ptr)
{
    size_t n = 0u;
    mem_critical_state_t s = MEM_CRITICAL_ENTER();
    switch (kind_of(locked)) {
    case MEM_HEAP_TLSF: n = mem_tlsf_usable_size(locked->heap.tlsf, ptr); break;
    case MEM_HEAP_LLFF: n = mem_llff_usable_size(locked->heap.llff, ptr); break;
    default: break;
    }
    MEM_CRITICAL_EXIT(s);
    return n;
}

mem_status_t mem_heap_locked_stats(mem_heap_locked_t *locked,
                                   mem_heap_locked_stats_t *out)
{
    if (out == NULL) {
        return MEM_ERR_ARG;
    }
    mem_status_t st = MEM_OK;
    mem_critical_state_t s = MEM_CRITICAL_ENTER();
    switch (kind_of(locked)) {
    case MEM_HEAP_TLSF: {
        mem_tlsf_stats_t t;
        mem_tlsf_stats(locked->heap.tlsf, &t);
        HEAP_STATS_COPY(out, t);
        break;
    }
    case MEM_HEAP_LLFF: {
        mem_llff_stats_t t;
        mem_llff_stats(locked->heap.llff, &t);
        HEAP_STATS_COPY(out, t);
        break;
    }
    default: st = MEM_ERR_ARG; break;
    }
    MEM_CRITICAL_EXIT(s);
    return st;
}

mem_status_t mem_heap_locked_check(mem_heap_locked_t *locked)
{
    mem_status_t st = MEM_ERR_ARG;
    mem_critical_state_t s = MEM_CRITICAL_ENTER();
    switch (kind_of(locked)) {
    case MEM_HEAP_TLSF: st = mem_tlsf_check(locked->heap.tlsf, NULL); break;
    case MEM_HEAP_LLFF: st = mem_llff_check(locked->heap.llff, NULL); break;
    default: break;
    }
    MEM_CRITICAL_EXIT(s);
    return st;
}
