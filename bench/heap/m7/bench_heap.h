/*
 * bench_heap.h — the replay firmware's adapter shape: one heap (tidemark's
 * or a peer's) as the replay sees it. Each entry is meant to be the heap's
 * own function or a one-branch tail call to it, so that subtracting the
 * cost of an empty call of the same shape leaves the heap's instructions
 * (plus what the adapter's comment states).
 */
#ifndef BENCH_HEAP_H
#define BENCH_HEAP_H

#include <stddef.h>

typedef struct bench_heap {
    const char *name;
    /* RAM the heap keeps outside the arena (its state); the replay gives the
     * heap `bytes - state_bytes` of arena so every heap gets the same RAM. */
    size_t state_bytes;
    /* Largest arena the heap can manage (0: no limit). */
    size_t arena_max;
    /* Sets up the heap over arena[0, bytes); returns the instance passed to
     * the other entries, or NULL when the heap cannot use that arena. */
    void *(*init)(void *arena, size_t bytes);
    void *(*alloc)(void *instance, size_t size);
    /* NULL: the heap has none (aligned requests go to alloc when its natural
     * alignment is enough, and otherwise count as failed). */
    void *(*aligned_alloc)(void *instance, size_t alignment, size_t size);
    /* NULL: the heap has none; the replay does alloc + copy + free. */
    void *(*realloc)(void *instance, void *ptr, size_t size);
    void (*free)(void *instance, void *ptr);
    /* Integrity walk: 1 intact, 0 corrupt. NULL: the heap has none. */
    int (*check)(void *instance);
    /* Alignment every payload has. */
    size_t natural_alignment;
} bench_heap_t;

/* The heaps one firmware replays, in order (defined by the heap set the
 * firmware links: bench/heap/m7/tidemark_set.c or the peers' set). */
extern const bench_heap_t *const bench_heaps[];
extern const size_t bench_heap_count;

#endif /* BENCH_HEAP_H */
