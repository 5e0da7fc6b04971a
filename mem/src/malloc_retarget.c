/*
 * malloc family over a tidemark heap. Contract: mem/malloc_retarget.h.
 *
 * Written once over mem/heap.h: the heap is mem_malloc_retarget_heap, which
 * the library linked next to this one supplies (malloc_retarget_tlsf.c or
 * malloc_retarget_llff.c). Unlike the rest of //mem this file
 * is libc integration: it defines libc's own symbols and uses <errno.h> and
 * newlib's struct _reent.
 */
#include "mem/malloc_retarget.h"

#include <errno.h>
#include <reent.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mem/config.h"

/* The heap region (linker script). */
extern uint8_t __heap_start[];
extern uint8_t __heap_end[];

static int heap_state; /* 0 not tried, 1 ready, -1 region unusable */

/* Called inside the critical section. */
static int ready(void)
{
    if (heap_state == 0) {
        size_t n = (size_t)(__heap_end - __heap_start);
        heap_state = mem_heap_init(mem_malloc_retarget_heap, __heap_start, n)
                             == MEM_OK
                         ? 1
                         : -1;
    }
    return heap_state > 0;
}

static int is_pow2(size_t x) { return x != 0u && (x & (x - 1u)) == 0u; }

/* The allocation core: kind 0 malloc, 1 calloc (a = count), 2 aligned
 * (a = alignment), 3 realloc (p). Sets *err to 0, ENOMEM or EINVAL. */
static void *alloc_locked(int kind, void *p, size_t a, size_t n, int *err)
{
    void *r = NULL;
    *err = 0;
    mem_critical_state_t s = MEM_CRITICAL_ENTER();
    if (ready()) {
        switch (kind) {
        case 0: r = mem_heap_alloc(mem_malloc_retarget_heap, n); break;
        case 1: r = mem_heap_calloc(mem_malloc_retarget_heap, a, n); break;
        case 2: r = mem_heap_aligned_alloc(mem_malloc_retarget_heap, a, n); break;
        default: r = mem_heap_realloc(mem_malloc_retarget_heap, p, n); break;
        }
    }
    MEM_CRITICAL_EXIT(s);
    if (r == NULL) {
        *err = (kind == 2 && !is_pow2(a)) ? EINVAL : ENOMEM;
    }
    return r;
}

static void free_locked(void *p)
{
    if (p == NULL) {
        return;
    }
    mem_critical_state_t s = MEM_CRITICAL_ENTER();
    if (heap_state > 0) {
        /* misuse is reported by the heap */
        (void)mem_heap_free(mem_malloc_retarget_heap, p);
    } else {
        mem_failure_report(MEM_ERR_FOREIGN, mem_malloc_retarget_heap.instance,
                           p);
    }
    MEM_CRITICAL_EXIT(s);
}

static void *with_errno(struct _reent *r, void *p, int err)
{
    if (err != 0) {
        if (r != NULL) {
            r->_errno = err;
        } else {
            errno = err;
        }
    }
    return p;
}

/* realloc(p, 0) frees p and returns NULL (as newlib does). */
static void *realloc_impl(struct _reent *r, void *p, size_t n)
{
    int err;
    if (p != NULL && n == 0u) {
        free_locked(p);
        return NULL;
    }
    void *q = alloc_locked(p == NULL ? 0 : 3, p, 0u, n, &err);
    return with_errno(r, q, err); /* a foreign p: reported, then ENOMEM */
}

/* ---- reentrant (newlib) ------------------------------------------------ */
void *_malloc_r(struct _reent *r, size_t n)
{
    int err;
    void *p = alloc_locked(0, NULL, 0u, n, &err);
    return with_errno(r, p, err);
}

void _free_r(struct _reent *r, void *p)
{
    (void)r;
    free_locked(p);
}

void *_calloc_r(struct _reent *r, size_t count, size_t n)
{
    int err;
    void *p = alloc_locked(1, NULL, count, n, &err);
    return with_errno(r, p, err);
}

void *_realloc_r(struct _reent *r, void *p, size_t n)
{
    return realloc_impl(r, p, n);
}

void *_memalign_r(struct _reent *r, size_t alignment, size_t n)
{
    int err;
    void *p = alloc_locked(2, NULL, alignment, n, &err);
    return with_errno(r, p, err);
}

size_t _malloc_usable_size_r(struct _reent *r, void *p)
{
    (void)r;
    size_t n = 0u;
    if (p != NULL) {
        mem_critical_state_t s = MEM_CRITICAL_ENTER();
        if (heap_state > 0) {
            n = mem_heap_usable_size(mem_malloc_retarget_heap, p);
        }
        MEM_CRITICAL_EXIT(s);
    }
    return n;
}

/* ---- standard ---------------------------------------------------------- */
void *malloc(size_t n) { return _malloc_r(NULL, n); }
void free(void *p) { free_locked(p); }
void *calloc(size_t count, size_t n) { return _calloc_r(NULL, count, n); }
void *realloc(void *p, size_t n) { return realloc_impl(NULL, p, n); }
void *memalign(size_t alignment, size_t n)
{
    return _memalign_r(NULL, alignment, n);
}
void *aligned_alloc(size_t alignment, size_t n)
{
    return _memalign_r(NULL, alignment, n);
}
size_t malloc_usable_size(void *p) { return _malloc_usable_size_r(NULL, p); }

int posix_memalign(void **out, size_t alignment, size_t n)
{
    if (out == NULL || !is_pow2(alignment) || alignment < sizeof(void *)) {
        return EINVAL;
    }
    int err;
    void *p = alloc_locked(2, NULL, alignment, n, &err);
    if (p == NULL) {
        return err;
    }
    *out = p;
    return 0;
}

mem_status_t mem_malloc_retarget_stats(mem_heap_stats_t *out)
{
    if (out == NULL) {
        return MEM_ERR_ARG;
    }
    mem_status_t st = MEM_ERR_SIZE;
    mem_critical_state_t s = MEM_CRITICAL_ENTER();
    if (ready()) {
        st = mem_heap_stats(mem_malloc_retarget_heap, out);
    }
    MEM_CRITICAL_EXIT(s);
    return st;
}
