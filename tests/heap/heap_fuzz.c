/*
 * libFuzzer harness written once over mem/heap.h and built per heap: the input is a list of operations on up to 32 slots; every
 * live block carries a fill pattern that is verified on free/realloc, and the
 * integrity walk runs after every operation. Any misuse report, pattern
 * damage or inconsistency aborts.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem/heap.h"
#include "mem/llff.h"
#include "mem/tlsf.h"

/* The heap under test: its operations table, named by the build
 * (-DHEAP_FUZZ_OPS=mem_tlsf_ops, ...; tests/heap/BUILD builds one fuzzer
 * per heap from this file). */
#ifndef HEAP_FUZZ_OPS
#error "define HEAP_FUZZ_OPS as a heap's operations table (mem_tlsf_ops, ...)"
#endif

static union {
    mem_tlsf_t tlsf;
    mem_llff_t llff;
} state;

static size_t largest_free(mem_heap_t h)
{
    mem_heap_stats_t s;
    if (mem_heap_stats(h, &s) != MEM_OK) {
        abort();
    }
    return s.largest_free_block;
}

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
    const mem_heap_t heap = {&HEAP_FUZZ_OPS, &state};
    size_t arena_n = len > 0 ? 64u + (size_t)data[0] * 32u : sizeof(arena);
    if (mem_heap_init(heap, arena, arena_n) != MEM_OK) {
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
                    p = mem_heap_alloc(heap, n);
                } else if (op == 1) {
                    p = mem_heap_aligned_alloc(heap, (size_t)1 << (data[i + 1] & 11u), n & 511u);
                    n &= 511u;
                } else {
                    p = mem_heap_calloc(heap, n & 15u, n >> 4);
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
                if (mem_heap_free(heap, ptr[slot]) != MEM_OK) {
                    abort();
                }
                ptr[slot] = NULL;
            }
            break;
        case 6: { /* realloc (slot may be empty: acts as alloc) */
            unsigned char *q = mem_heap_realloc(heap, ptr[slot], n);
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
            size_t big = largest_free(heap);
            if (big != 0u && ptr[slot] == NULL) {
                unsigned char *p = mem_heap_alloc(heap, big);
                if (p == NULL) {
                    abort();
                }
                if (mem_heap_free(heap, p) != MEM_OK) {
                    abort();
                }
            }
            if (mem_heap_alloc(heap, big + 1u) != NULL) {
                abort();
            }
            break;
        }
        }
        if (mem_heap_check(heap, NULL) != MEM_OK) {
            abort();
        }
    }
    for (unsigned s = 0; s < SLOTS; s++) {
        if (ptr[s] != NULL && mem_heap_free(heap, ptr[s]) != MEM_OK) {
            abort();
        }
    }
    if (mem_heap_check(heap, NULL) != MEM_OK) {
        abort();
    }
    mem_failure_hook_set(NULL, NULL);
    return 0;
}
