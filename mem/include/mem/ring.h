/*
 * mem/ring.h — bounded ring of fixed-size elements with a per-instance
 * policy for pushing into a full ring, and counters for every loss.
 *
 * Policies when full:
 *   MEM_RING_REJECT            push fails with MEM_ERR_FULL and the ring is
 *                              unchanged: back-pressure, the caller still owns
 *                              the element and decides (retry, drop, count).
 *                              Counted in stats.rejected.
 *   MEM_RING_OVERWRITE_OLDEST  the oldest element is discarded and the new one
 *                              stored; push succeeds (MEM_OK). Counted in
 *                              stats.overwritten. Typical for "last N samples".
 *   MEM_RING_DROP_NEWEST       the new element is discarded by the ring and
 *                              push reports MEM_ERR_FULL; the ring keeps the
 *                              oldest data. Counted in stats.dropped_newest.
 *                              Typical for a log where the start matters.
 *   REJECT and DROP_NEWEST leave the ring in the same state; they differ in
 *   intent and in which counter records the event, so a report can tell
 *   "producer was told to wait" from "data was lost on purpose".
 *
 * CONTEXT RULES: a ring is NOT lock-free. Either
 *   - use it from a single context only (one thread, or one ISR), or
 *   - use the *_locked functions from every context that touches it; they
 *     wrap the plain function in MEM_CRITICAL_ENTER/EXIT (mem/config.h; on
 *     Cortex-M this masks interrupts for the duration of one push/pop, i.e.
 *     O(elem_size)). Mixing plain and _locked calls across contexts is a race.
 *
 * Any capacity >= 1 (not only powers of two): the ring keeps a head index and
 * a count and wraps by comparison, so no division is needed.
 * Storage is caller-supplied, capacity * elem_size bytes, any alignment
 * (elements are copied in and out with memcpy).
 */
#ifndef MEM_RING_H
#define MEM_RING_H

#include <stddef.h>
#include <stdint.h>

#include "mem/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Define element storage for `capacity` elements of `type`:
 *     static MEM_RING_STORAGE(g_log_slots, struct log_entry, 100);  */
#define MEM_RING_STORAGE(name, type, capacity) type name[capacity]

typedef enum mem_ring_policy {
    MEM_RING_REJECT = 0,
    MEM_RING_OVERWRITE_OLDEST,
    MEM_RING_DROP_NEWEST,
    MEM_RING_POLICY_COUNT_
} mem_ring_policy_t;

/* Event counters since init or the last mem_ring_stats_reset. Each counter
 * saturates at UINT32_MAX instead of wrapping. */
typedef struct mem_ring_stats {
    uint32_t pushed;         /* elements stored by push (incl. overwrites) */
    uint32_t popped;         /* elements removed by pop */
    uint32_t rejected;       /* REJECT: pushes refused because full */
    uint32_t overwritten;    /* OVERWRITE_OLDEST: old elements discarded */
    uint32_t dropped_newest; /* DROP_NEWEST: new elements discarded */
    uint32_t high_water;     /* highest count reached */
} mem_ring_stats_t;

/* Ring control block; fields are private. */
typedef struct mem_ring {
    uint8_t *slots_;
    size_t elem_size_;
    uint32_t capacity_;
    uint32_t head_;  /* slot of the oldest element */
    uint32_t count_; /* elements stored */
    mem_ring_policy_t policy_;
    mem_ring_stats_t stats_;
} mem_ring_t;

/*
 * Initialise an empty ring over `storage` with the given full-policy.
 *   elem_size >= 1, 1 <= capacity <= UINT32_MAX,
 *   storage_size >= capacity * elem_size (checked for overflow).
 * O(1). Not ISR-safe (no other call may run on this ring meanwhile).
 * Failures (ring untouched):
 *   MEM_ERR_ARG   ring or storage is NULL, or policy is not a
 *                 mem_ring_policy_t value
 *   MEM_ERR_SIZE  elem_size or capacity is 0, capacity > UINT32_MAX,
 *                 capacity * elem_size overflows, or storage_size too small
 */
mem_status_t mem_ring_init(mem_ring_t *ring, void *storage,
                           size_t storage_size, size_t elem_size,
                           size_t capacity, mem_ring_policy_t policy);

/*
 * Copy one element into the ring; when full, apply the ring's policy.
 * O(elem_size). Single context, or use mem_ring_push_locked.
 * Results:
 *   MEM_OK        stored (under OVERWRITE_OLDEST possibly by discarding the
 *                 oldest element; stats.overwritten tells)
 *   MEM_ERR_FULL  not stored: REJECT (stats.rejected) or DROP_NEWEST
 *                 (stats.dropped_newest)
 *   MEM_ERR_ARG   ring or element is NULL
 */
mem_status_t mem_ring_push(mem_ring_t *ring, const void *element);

/*
 * Remove the oldest element, copying it to `element`.
 * O(elem_size). Single context, or use mem_ring_pop_locked.
 * Failures: MEM_ERR_ARG ring or element is NULL;
 *           MEM_ERR_EMPTY nothing stored (`element` untouched).
 */
mem_status_t mem_ring_pop(mem_ring_t *ring, void *element);

/*
 * Copy the element `age` places after the oldest (0 = oldest) to `element`
 * without removing anything.
 * O(elem_size). Single context, or use mem_ring_peek_locked.
 * Failures: MEM_ERR_ARG ring or element is NULL;
 *           MEM_ERR_RANGE age >= count (`element` untouched).
 */
mem_status_t mem_ring_peek(const mem_ring_t *ring, size_t age,
                           void *element);

/*
 * Discard every element. Not counted as a drop; stats are kept.
 * O(1). Single context, or use mem_ring_clear_locked.
 * Failures: MEM_ERR_ARG ring is NULL.
 */
mem_status_t mem_ring_clear(mem_ring_t *ring);

/* Elements stored. O(1). Single context, or mem_ring_count_locked.
 * NULL ring gives 0. */
size_t mem_ring_count(const mem_ring_t *ring);

/* Capacity given to init. O(1), any context (never changes after init).
 * NULL ring gives 0. */
size_t mem_ring_capacity(const mem_ring_t *ring);

/* Policy given to init. O(1), any context. NULL ring gives MEM_RING_REJECT. */
mem_ring_policy_t mem_ring_policy(const mem_ring_t *ring);

/*
 * Copy the counters to *stats.
 * O(1). Single context, or mem_ring_stats_locked (consistent snapshot).
 * Failures: MEM_ERR_ARG ring or stats is NULL.
 */
mem_status_t mem_ring_stats(const mem_ring_t *ring,
                            mem_ring_stats_t *stats);

/*
 * Zero every counter; high_water restarts at the current count.
 * O(1). Single context, or mem_ring_stats_reset_locked.
 * Failures: MEM_ERR_ARG ring is NULL.
 */
mem_status_t mem_ring_stats_reset(mem_ring_t *ring);

/*
 * The same operations inside MEM_CRITICAL_ENTER/EXIT, for rings shared
 * between contexts (thread + ISR, or several threads). Same complexity and
 * results as the plain versions; ISR-safe and thread-safe provided every
 * context uses only _locked calls (and mem_ring_capacity/mem_ring_policy).
 * On Cortex-M interrupts are masked for the duration of the call.
 */
mem_status_t mem_ring_push_locked(mem_ring_t *ring, const void *element);
mem_status_t mem_ring_pop_locked(mem_ring_t *ring, void *element);
mem_status_t mem_ring_peek_locked(const mem_ring_t *ring, size_t age,
                                  void *element);
mem_status_t mem_ring_clear_locked(mem_ring_t *ring);
size_t mem_ring_count_locked(const mem_ring_t *ring);
mem_status_t mem_ring_stats_locked(const mem_ring_t *ring,
                                   mem_ring_stats_t *stats);
mem_status_t mem_ring_stats_reset_locked(mem_ring_t *ring);

#ifdef __cplusplus
}
#endif

#endif /* MEM_RING_H */
