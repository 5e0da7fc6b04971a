/*
 * Critical-section wrapper around any heap (mem/heap.h). Each operation
 * looks the wrapped heap up, takes the critical section and forwards.
 */
#include "mem/heap_locked.h"

#include "heap_common.h"
#include "mem/config.h"

mem_status_t mem_heap_locked_init(mem_heap_locked_t *locked, mem_heap_t heap)
{
    if (locked == NULL || heap.ops == NULL || heap.instance == NULL) {
        return MEM_ERR_ARG;
    }
    locked->heap = heap;
    return MEM_OK;
}

/* The wrapped heap, or NULL for a NULL or uninitialised wrapper. */
static const mem_heap_t *wrapped(const mem_heap_locked_t *locked)
{
    return locked == NULL || locked->heap.ops == NULL ? NULL : &locked->heap;
}

mem_status_t mem_heap_locked_init_arena(mem_heap_locked_t *locked,
                                        void *arena, size_t size)
{
    const mem_heap_t *h = wrapped(locked);
    if (h == NULL) {
        return MEM_ERR_ARG;
    }
    mem_critical_state_t s = MEM_CRITICAL_ENTER();
    mem_status_t st = mem_heap_init(*h, arena, size);
    MEM_CRITICAL_EXIT(s);
    return st;
}

void *mem_heap_locked_alloc(mem_heap_locked_t *locked, size_t size)
{
    const mem_heap_t *h = wrapped(locked);
    if (h == NULL) {
        return NULL;
    }
    mem_critical_state_t s = MEM_CRITICAL_ENTER();
    void *p = mem_heap_alloc(*h, size);
    MEM_CRITICAL_EXIT(s);
    return p;
}

void *mem_heap_locked_aligned_alloc(mem_heap_locked_t *locked,
                                    size_t alignment, size_t size)
{
    const mem_heap_t *h = wrapped(locked);
    if (h == NULL) {
        return NULL;
    }
    mem_critical_state_t s = MEM_CRITICAL_ENTER();
    void *p = mem_heap_aligned_alloc(*h, alignment, size);
    MEM_CRITICAL_EXIT(s);
    return p;
}

void *mem_heap_locked_calloc(mem_heap_locked_t *locked, size_t count,
                             size_t size)
{
    const mem_heap_t *h = wrapped(locked);
    if (h == NULL) {
        return NULL;
    }
    mem_critical_state_t s = MEM_CRITICAL_ENTER();
    void *p = mem_heap_calloc(*h, count, size);
    MEM_CRITICAL_EXIT(s);
    return p;
}

void *mem_heap_locked_realloc(mem_heap_locked_t *locked, void *ptr,
                              size_t size)
{
    const mem_heap_t *h = wrapped(locked);
    if (h == NULL) {
        return NULL;
    }
    mem_critical_state_t s = MEM_CRITICAL_ENTER();
    void *p = mem_heap_realloc(*h, ptr, size);
    MEM_CRITICAL_EXIT(s);
    return p;
}

mem_status_t mem_heap_locked_free(mem_heap_locked_t *locked, void *ptr)
{
    const mem_heap_t *h = wrapped(locked);
    if (h == NULL) {
        return MEM_ERR_ARG;
    }
    mem_critical_state_t s = MEM_CRITICAL_ENTER();
    mem_status_t st = mem_heap_free(*h, ptr);
    MEM_CRITICAL_EXIT(s);
    return st;
}

size_t mem_heap_locked_usable_size(const mem_heap_locked_t *locked,
                                   const void *ptr)
{
    const mem_heap_t *h = wrapped(locked);
    if (h == NULL) {
        return 0u;
    }
    mem_critical_state_t s = MEM_CRITICAL_ENTER();
    size_t n = mem_heap_usable_size(*h, ptr);
    MEM_CRITICAL_EXIT(s);
    return n;
}

void mem_heap_locked_oom_hook_set(mem_heap_locked_t *locked,
                                  mem_heap_oom_hook_t hook, void *context)
{
    const mem_heap_t *h = wrapped(locked);
    if (h == NULL) {
        return;
    }
    mem_critical_state_t s = MEM_CRITICAL_ENTER();
    mem_heap_oom_hook_set(*h, hook, context);
    MEM_CRITICAL_EXIT(s);
}

mem_status_t mem_heap_locked_stats(const mem_heap_locked_t *locked,
                                   mem_heap_stats_t *out)
{
    const mem_heap_t *h = wrapped(locked);
    if (h == NULL || out == NULL) {
        return MEM_ERR_ARG;
    }
    mem_critical_state_t s = MEM_CRITICAL_ENTER();
    mem_status_t st = mem_heap_stats(*h, out);
    MEM_CRITICAL_EXIT(s);
    return st;
}

mem_status_t mem_heap_locked_check(const mem_heap_locked_t *locked,
                                   mem_heap_fault_t *fault)
{
    const mem_heap_t *h = wrapped(locked);
    if (h == NULL) {
        return MEM_ERR_ARG;
    }
    mem_critical_state_t s = MEM_CRITICAL_ENTER();
    mem_status_t st = mem_heap_check(*h, fault);
    MEM_CRITICAL_EXIT(s);
    return st;
}

/* The wrapper's own table: init (re)initialises the wrapped heap; arena
 * limits are not known here (0 / SIZE_MAX: the wrapped heap checks). */
HEAP_DEFINE_OPS(mem_heap_locked, mem_heap_locked_t, mem_heap_locked_init_arena,
                "locked", 0u, SIZE_MAX);
