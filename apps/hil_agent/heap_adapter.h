/*
 * The //mem heaps (through mem/heap.h: mem_llff_ops, mem_tlsf_ops) for the
 * heap_stress and bench commands, running on the agent's heap arena: a
 * 128 KiB block of SRAM1 that whichever command runs re-initialises.
 * Thread context only (the heaps are not reentrant).
 */
#ifndef HIL_AGENT_HEAP_ADAPTER_H
#define HIL_AGENT_HEAP_ADAPTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mem/status.h"

#define HEAP_ARENA_BYTES (128u * 1024u)

typedef struct {
    uint32_t arena_bytes;
    uint32_t peak_used;    /* most bytes in use at once, headers included */
    uint32_t free_total;   /* free bytes now */
    uint32_t largest_free; /* largest allocation that would succeed now */
} heap_figures_t;

/* Selects heap `kind` (HIL_HEAP_LLFF or HIL_HEAP_TLSF) and initialises it
 * over the arena. O(1). False for another kind or if init fails. */
bool heap_adapter_open(uint32_t kind);

/* Allocate / free on the open heap (mem/heap.h contracts; NULL /
 * MEM_ERR_ARG when no heap is open). */
void *heap_adapter_alloc(size_t size);
mem_status_t heap_adapter_free(void *ptr);

/* The heap's integrity check: MEM_OK or MEM_ERR_CORRUPT. O(blocks). */
mem_status_t heap_adapter_check(void);

/* Current figures. O(free blocks) for llff, O(1) for tlsf. */
void heap_adapter_figures(heap_figures_t *out);

#endif /* HIL_AGENT_HEAP_ADAPTER_H */
