/*
 * mem/spsc.h — lock-free single-producer / single-consumer queue.
 *
 * Purpose: hand fixed-size elements from one execution context to exactly one
 * other, e.g. from a UART or DMA interrupt (producer) to the main loop or an
 * RTOS thread (consumer), without disabling interrupts.
 *
 * WHO MAY TOUCH A QUEUE
 *   - exactly ONE producer context calls push / reserve / commit /
 *     high_water_reset;
 *   - exactly ONE consumer context calls pop / peek / release;
 *   - count, capacity and high_water may be called from anywhere.
 *   "Context" means one ISR (or a set of ISRs at the same priority that never
 *   preempt each other), one thread, or one core. Two producers (e.g. two ISRs
 *   at different priorities) need a lock around push, or two queues.
 *   mem_spsc_init must complete before either side starts.
 *
 * CAPACITY: holds exactly `capacity` elements (not capacity - 1). head and
 *   tail are free-running 32-bit counters (elements ever popped / pushed); the
 *   fill level is tail - head and the slot is counter & (capacity - 1). The
 *   capacity must be a power of two, for two reasons: the slot index is a
 *   mask instead of a division, and counter mod capacity stays continuous when
 *   the 32-bit counters wrap past 2^32 (true only if capacity divides 2^32).
 *   Up to 2^31 elements.
 *
 * MEMORY ORDERING: the producer writes the slot, then publishes it with a
 *   release store of tail; the consumer reads tail with acquire before reading
 *   the slot. Symmetrically the consumer frees a slot with a release store of
 *   head after it has finished reading it, and the producer acquires head
 *   before overwriting a slot. Each counter has a single writer, so plain
 *   load/store atomics suffice (no read-modify-write). Details: mem/docs/spsc.md.
 *
 * STORAGE: caller-supplied, capacity * elem_size bytes, aligned to the
 *   element's natural alignment as far as init can know it: the largest power
 *   of two dividing elem_size, capped at MEM_SPSC_MAX_ALIGN. Spans returned by
 *   reserve/peek therefore point at aligned elements. MEM_SPSC_STORAGE defines
 *   correctly sized and aligned static storage.
 */
#ifndef MEM_SPSC_H
#define MEM_SPSC_H

#include <stddef.h>
#include <stdint.h>

#include "mem/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Largest storage alignment init ever demands (bytes). */
#define MEM_SPSC_MAX_ALIGN 8u

/* An aligned array declarator: C wants the alignment specifier before the
 * type, C++ after the name. */
#if defined(__cplusplus)
#define MEM_SPSC_ALIGNED_ARRAY_(type, name, length) \
    type name alignas(MEM_SPSC_MAX_ALIGN)[length]
#else
#define MEM_SPSC_ALIGNED_ARRAY_(type, name, length) \
    _Alignas(MEM_SPSC_MAX_ALIGN) type name[length]
#endif

/* Array length `capacity`, or a compile error when it is not a power of two. */
#define MEM_SPSC_CHECKED_CAPACITY_(capacity)                                 \
    ((capacity) +                                                            \
     0u * sizeof(char[((capacity) > 0u &&                                    \
                       (((capacity) & ((capacity)-1u)) == 0u)) ? 1 : -1]))

/*
 * Define element storage for a queue of `capacity` elements of `type`:
 *     static MEM_SPSC_STORAGE(g_rx_slots, struct rx_msg, 64);
 *     mem_spsc_init(&g_rx, g_rx_slots, sizeof g_rx_slots,
 *                   sizeof g_rx_slots[0], 64);
 * A capacity that is not a power of two fails to compile.
 */
#define MEM_SPSC_STORAGE(name, type, capacity) \
    MEM_SPSC_ALIGNED_ARRAY_(type, name, MEM_SPSC_CHECKED_CAPACITY_(capacity))

/*
 * Queue control block. Fields are private: head_ and tail_ are accessed only
 * through C11 atomics inside spsc.c. Put it anywhere both contexts can reach.
 */
typedef struct mem_spsc {
    uint32_t head_;        /* elements ever popped; written by consumer only */
    uint32_t tail_;        /* elements ever pushed; written by producer only */
    uint32_t mask_;        /* capacity - 1 */
    uint32_t elem_size_;   /* bytes per element */
    uint8_t *slots_;       /* caller storage */
    uint32_t high_water_;  /* max fill level seen by the producer */
    uint32_t reserve_at_;  /* producer: tail when the span was reserved */
    uint32_t reserved_;    /* producer: elements in the reserved span */
    uint32_t peek_at_;     /* consumer: head when the span was peeked */
    uint32_t peeked_;      /* consumer: elements in the peeked span */
} mem_spsc_t;

/*
 * Initialise an empty queue over `storage`.
 *   capacity     — number of elements; power of two, 1 .. 2^31
 *   elem_size    — bytes per element, >= 1; capacity * elem_size must fit
 *   storage_size — bytes available at storage, >= capacity * elem_size
 * O(1). Not ISR-safe: neither side may use the queue during init.
 * Failures (queue left untouched):
 *   MEM_ERR_ARG   queue or storage is NULL
 *   MEM_ERR_SIZE  elem_size is 0, capacity is 0, not a power of two or above
 *                 2^31, capacity * elem_size overflows, or storage_size is
 *                 too small
 *   MEM_ERR_ALIGN storage is not aligned as described in the file comment
 */
mem_status_t mem_spsc_init(mem_spsc_t *queue, void *storage,
                           size_t storage_size, size_t elem_size,
                           size_t capacity);

/*
 * Producer: copy one element (elem_size bytes from `element`) into the queue.
 * O(elem_size). Lock-free, wait-free; producer context only.
 * Updates the high-water mark.
 * Failures: MEM_ERR_FULL  the queue holds `capacity` elements (not stored).
 * Arguments are not checked (NULL queue or element is undefined behaviour);
 * this keeps the hot path short.
 */
mem_status_t mem_spsc_push(mem_spsc_t *queue, const void *element);

/*
 * Consumer: remove the oldest element, copying it to `element`.
 * O(elem_size). Lock-free, wait-free; consumer context only.
 * Failures: MEM_ERR_EMPTY  nothing to pop (`element` untouched).
 * Arguments are not checked (see mem_spsc_push).
 */
mem_status_t mem_spsc_pop(mem_spsc_t *queue, void *element);

/*
 * Producer, zero-copy: get the largest run of free slots that is contiguous
 * in storage. *span points at the first slot, *count (>= 1) is the number of
 * elements that may be written there (e.g. by DMA). Nothing is visible to the
 * consumer until mem_spsc_commit.
 * AT WRAP: a span never wraps. If the free slots continue at the start of
 * storage, the span stops at the end of storage; commit it, then reserve
 * again to get the rest. (If every transfer is k elements and k divides the
 * capacity, spans are always whole multiples of k.)
 * Reserving again replaces the previous reservation.
 * O(1). Lock-free; producer context only.
 * Failures: MEM_ERR_ARG  a pointer is NULL;
 *           MEM_ERR_FULL no free slot (*span = NULL, *count = 0).
 */
mem_status_t mem_spsc_reserve(mem_spsc_t *queue, void **span, size_t *count);

/*
 * Producer, zero-copy: publish the first `count` elements of the span from
 * the last mem_spsc_reserve (0 cancels it). Ends the reservation.
 * Updates the high-water mark.
 * O(1). Lock-free; producer context only.
 * Failures (nothing published, reservation kept):
 *   MEM_ERR_ARG   queue is NULL
 *   MEM_ERR_STATE no reservation, or push/commit happened since reserve
 *   MEM_ERR_SIZE  count is larger than the reserved span
 */
mem_status_t mem_spsc_commit(mem_spsc_t *queue, size_t count);

/*
 * Consumer, zero-copy: get the longest run of filled slots that is
 * contiguous in storage, oldest first. *span points at the oldest element,
 * *count (>= 1) elements may be read there. AT WRAP: the span stops at the
 * end of storage; release it and peek again for the elements at the start.
 * Peeking again replaces the previous peek.
 * O(1). Lock-free; consumer context only.
 * Failures: MEM_ERR_ARG   a pointer is NULL;
 *           MEM_ERR_EMPTY nothing queued (*span = NULL, *count = 0).
 */
mem_status_t mem_spsc_peek(mem_spsc_t *queue, const void **span,
                           size_t *count);

/*
 * Consumer, zero-copy: free the first `count` elements of the span from the
 * last mem_spsc_peek (0 just ends the peek).
 * O(1). Lock-free; consumer context only.
 * Failures (nothing released, peek kept):
 *   MEM_ERR_ARG   queue is NULL
 *   MEM_ERR_STATE no peek, or pop/release happened since the peek
 *   MEM_ERR_SIZE  count is larger than the peeked span
 */
mem_status_t mem_spsc_release(mem_spsc_t *queue, size_t count);

/*
 * Number of queued elements, 0 .. capacity. From any context; a snapshot
 * that may be stale as soon as it returns. O(1), ISR-safe.
 * Failures: none (a NULL queue gives 0).
 */
size_t mem_spsc_count(const mem_spsc_t *queue);

/*
 * Capacity given to init. O(1), any context. A NULL queue gives 0.
 */
size_t mem_spsc_capacity(const mem_spsc_t *queue);

/*
 * Highest fill level the producer has produced (after a push or commit)
 * since init or the last reset. Because the producer may see the
 * consumer's progress late, this is an upper bound of the true peak and
 * never below it. O(1), any context. A NULL queue gives 0.
 */
size_t mem_spsc_high_water(const mem_spsc_t *queue);

/*
 * Reset the high-water mark to the current fill level.
 * O(1). Producer context only (the producer is the mark's only writer).
 * Failures: MEM_ERR_ARG queue is NULL.
 */
mem_status_t mem_spsc_high_water_reset(mem_spsc_t *queue);

#ifdef __cplusplus
}
#endif

#endif /* MEM_SPSC_H */
