/*
 * libFuzzer harness shared by both heaps (HEAP_FUZZ_TLSF or HEAP_FUZZ_LLFF
 * selects one): the input is a list of operations on up to 32 slots; every
 * live block carries a fill pattern that is verified on free/realloc, and the
 * integrity walk runs after every operation. Any misuse report, pattern
 * damage or inconsistency aborts.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem/llff.h"
#include "mem/tlsf.h"

#if defined(HEAP_FUZZ_TLSF)
typedef mem_tlsf_t heap_t;
#define H_INIT mem_tlsf_init
#define H_ALLOC mem_tlsf_alloc
#define H_ALIGNED mem_tlsf_aligned_alloc
#define H_CALLOC mem_tlsf_calloc
#define H_REALLOC mem_tlsf_realloc
#define H_FREE mem_tlsf_free
#define H_CHECK(h) mem_tlsf_check((h), NULL)
static size_t H_LARGEST(const heap_t *h)
{
    mem_tlsf_stats_t s;
    mem_tlsf_stats(h, &s);
    return s.largest_free_block;
}
#elif defined(HEAP_FUZZ_LLFF)
typedef mem_llff_t heap_t;
#define H_INIT mem_llff_init
#define H_ALLOC mem_llff_alloc
#define H_ALIGNED mem_llff_aligned_alloc
#define H_CALLOC mem_llff_calloc
#define H_REALLOC mem_llff_realloc
#define H_FREE mem_llff_free
#define H_CHECK(h) mem_llff_check((h), NULL)
static size_t H_LARGEST(const heap_t *h)
{
    mem_llff_stats_t s;
    mem_llff_stats(h, &s);
    return s.largest_free_block;
}
#else
#error "define HEAP_FUZZ_TLSF or HEAP_FUZZ_LLFF"
#endif

#define SLOTS 32

static void on_failure(mem_status_t st, const void *o, const void *p, void *c)
{
    (void)st, (void)o, (void)p, (void)c;
    abort();
}

static _Alignas(64) unsigned char arena[64 + 255 * 32];

static void verify(const unsigned char *p, size_t n, unsigned char fill)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != fill) {
            abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    mem_failure_hook_set(on_failure, NULL);
    heap_t heap;
    size_t arena_n = len > 0 ? 64u + (size_t)data[0] * 32u : sizeof(arena);
    if (H_INIT(&heap, arena, arena_n) != MEM_OK) {
        abort();
    }
    unsigned char *ptr[SLOTS] = {0};
    size_t size[SLOTS] = {0};
    unsigned char fill[SLOTS] = {0};
    for (size_t i = 1; i + 3 <= len; i += 3) {
        unsigned op = data[i] >> 5;
        unsigned slot = data[i] & (SLOTS - 1u);
        size_t n = ((size_t)data[i + 1] << 8 | data[i + 2]) % 3000u;
        switch (op) {
        case 0: case 1: case 2: /* allocate into an empty slot */
            if (ptr[slot] == NULL) {
                unsigned char *p;
                if (op == 0) {
                    p = H_ALLOC(&heap, n);
                } else if (op == 1) {
                    p = H_ALIGNED(&heap, (size_t)1 << (data[i + 1] & 11u), n & 511u);
                    n &= 511u;
                } else {
                    p = H_CALLOC(&heap, n & 15u, n >> 4);
                    n = (n & 15u) * (n >> 4);
                    if (p != NULL) {
                        verify(p, n, 0);
                    }
                }
                if (p != NULL) {
                    ptr[slot] = p;
                    size[slot] = n;
                    fill[slot] = (unsigned char)(slot * 7u + 1u);
                    memset(p, fill[slot], n);
                }
            }
            break;
        case 3: case 4: case 5: /* free */
            if (ptr[slot] != NULL) {
                verify(ptr[slot], size[slot], fill[slot]);
                if (H_FREE(&heap, ptr[slot]) != MEM_OK) {
                    abort();
                }
                ptr[slot] = NULL;
            }
            break;
        case 6: { /* realloc (slot may be empty: acts as alloc) */
            unsigned char *q = H_REALLOC(&heap, ptr[slot], n);
            if (q != NULL) {
                size_t keep = ptr[slot] != NULL && size[slot] < n ? size[slot] : n;
                if (ptr[slot] != NULL) {
                    verify(q, keep, fill[slot]);
                }
                ptr[slot] = q;
                size[slot] = n;
                fill[slot] = (unsigned char)(slot * 7u + 1u);
                memset(q, fill[slot], n);
            } else if (ptr[slot] != NULL) {
                verify(ptr[slot], size[slot], fill[slot]);
            }
            break;
        }
        default: { /* the largest free block must be allocatable */
            size_t big = H_LARGEST(&heap);
            if (big != 0u && ptr[slot] == NULL) {
                unsigned char *p = H_ALLOC(&heap, big);
                if (p == NULL) {
                    abort();
                }
                if (H_FREE(&heap, p) != MEM_OK) {
                    abort();
                }
            }
            if (H_ALLOC(&heap, big + 1u) != NULL) {
                abort();
            }
            break;
        }
        }
        if (H_CHECK(&heap) != MEM_OK) {
            abort();
        }
    }
    for (unsigned s = 0; s < SLOTS; s++) {
        if (ptr[s] != NULL && H_FREE(&heap, ptr[s]) != MEM_OK) {
            abort();
        }
    }
    if (H_CHECK(&heap) != MEM_OK) {
        abort();
    }
    mem_failure_hook_set(NULL, NULL);
    return 0;
}
