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
 *   load/store atomics suffice (no read-modify-write).
 *   With MEM_CONFIG_SINGLE_CORE (mem/config.h; default on Cortex-M) both
 *   sides run on one core, which the C11 model treats like a thread and its
 *   signal handler: the acquire/release become relaxed accesses plus
 *   compiler fences (atomic_signal_fence) and no DMB is emitted. Producer and
 *   consumer on different cores or host threads need
 *   MEM_CONFIG_SINGLE_CORE 0. Details: mem/docs/spsc.md.
 *
 * TWO APIS, ONE ALGORITHM:
 *   - generic (mem_spsc_t, below): any element size chosen at run time,
 *     copying and zero-copy (DMA) access, high-water mark always kept;
 *   - typed (MEM_SPSC_DEFINE_TYPED, at the end): element type and capacity
 *     fixed at compile time, static inline push/pop that copy an element with
 *     one load/store when it is word-sized (11 Thumb-2 instructions each on
 *     Cortex-M7), high-water mark optional per queue.
 *   Both use the counter/ordering helpers mem_spsc_*_() defined here.
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

#include "mem/config.h"
#include "mem/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#if !defined(__GNUC__)
#error "mem/spsc.h: needs the GCC/Clang __atomic builtins (C and C++ alike)"
#endif

/* ---- shared algorithm (private helpers of both APIs) -------------------
 * Counters are plain uint32_t accessed only through these helpers (GCC/Clang
 * __atomic builtins, so the header works from C and C++ alike).
 * own  = the counter this side writes (only this side): relaxed load.
 * peer = the other side's counter: acquire, so that its slot accesses before
 *        the update are complete before ours start.
 * publish = store of our counter after our slot accesses: release.
 * Forced inline: -Os would otherwise call them out of line. */
#define MEM_SPSC_HELPER_ static inline __attribute__((always_inline))

MEM_SPSC_HELPER_ uint32_t mem_spsc_load_own_(const uint32_t *counter)
{
    return __atomic_load_n(counter, __ATOMIC_RELAXED);
}

MEM_SPSC_HELPER_ uint32_t mem_spsc_load_peer_(const uint32_t *counter)
{
#if MEM_CONFIG_SINGLE_CORE
    uint32_t value = __atomic_load_n(counter, __ATOMIC_RELAXED);
    __atomic_signal_fence(__ATOMIC_ACQUIRE);
    return value;
#else
    return __atomic_load_n(counter, __ATOMIC_ACQUIRE);
#endif
}

MEM_SPSC_HELPER_ void mem_spsc_publish_(uint32_t *counter, uint32_t value)
{
#if MEM_CONFIG_SINGLE_CORE
    __atomic_signal_fence(__ATOMIC_RELEASE);
    __atomic_store_n(counter, value, __ATOMIC_RELAXED);
#else
    __atomic_store_n(counter, value, __ATOMIC_RELEASE);
#endif
}

/* Producer only (single writer of the mark): raise it to `level`. Readers
 * elsewhere load it relaxed. */
MEM_SPSC_HELPER_ void mem_spsc_raise_high_water_(uint32_t *mark, uint32_t level)
{
    if (level > __atomic_load_n(mark, __ATOMIC_RELAXED)) {
        __atomic_store_n(mark, level, __ATOMIC_RELAXED);
    }
}

/* Fill level seen from anywhere: head is read first, so the tail read after
 * it is not older; the consumer may have moved on meanwhile, hence the
 * clamp to the capacity. */
MEM_SPSC_HELPER_ uint32_t mem_spsc_count_(const uint32_t *head,
                                       const uint32_t *tail,
                                       uint32_t capacity)
{
    uint32_t head_now = __atomic_load_n(head, __ATOMIC_ACQUIRE);
    uint32_t used = __atomic_load_n(tail, __ATOMIC_ACQUIRE) - head_now;
    return used > capacity ? capacity : used;
}

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
 * O(elem_size); 4-byte elements are copied with one load and one store,
 * other sizes with memcpy. Lock-free, wait-free; producer context only
 * (ISR or thread). Updates the high-water mark. For a fixed element type
 * the typed API below is about half the instructions.
 * Failures: MEM_ERR_FULL  the queue holds `capacity` elements (not stored).
 * Arguments are not checked (NULL queue or element is undefined behaviour);
 * this keeps the hot path short.
 */
mem_status_t mem_spsc_push(mem_spsc_t *queue, const void *element);

/*
 * Consumer: remove the oldest element, copying it to `element`.
 * O(elem_size) (4-byte elements: one load and one store). Lock-free,
 * wait-free; consumer context only (ISR or thread).
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

/* ---- typed API -----------------------------------------------------------
 *
 * MEM_SPSC_DEFINE_TYPED(prefix, type, capacity)     no high-water mark
 * MEM_SPSC_DEFINE_TYPED_HW(prefix, type, capacity)  with a high-water mark
 *
 * Defines, at file scope, a queue type `prefix_t` holding `capacity`
 * elements of `type` inside the struct (no separate storage, no init data
 * beyond zero: a zero-initialised static object is an empty queue) and
 * static inline functions:
 *
 *   void         prefix_init(prefix_t *q)
 *       Empty the queue. O(1). Not ISR-safe: neither side may run.
 *       Failures: none. (Static objects start empty without it.)
 *   mem_status_t prefix_push(prefix_t *q, type element)
 *       Producer only; wait-free, ISR-safe. O(sizeof(type)): one store for a
 *       word-sized type. Failures: MEM_ERR_FULL (queue unchanged).
 *   mem_status_t prefix_pop(prefix_t *q, type *element)
 *       Consumer only; wait-free, ISR-safe. O(sizeof(type)).
 *       Failures: MEM_ERR_EMPTY (*element untouched).
 *   size_t       prefix_count(const prefix_t *q)
 *       Any context; snapshot, 0 .. capacity. O(1). Failures: none.
 *   size_t       prefix_capacity(void)                    O(1), any context.
 * and, for the _HW variant only:
 *   size_t       prefix_high_water(const prefix_t *q)
 *       Any context. Highest fill level produced by a push since init or
 *       the last reset (an upper bound of the true peak, as for the generic
 *       API). O(1). Failures: none.
 *   void         prefix_high_water_reset(prefix_t *q)
 *       Producer only: restart the mark at the current fill level. O(1).
 *
 * Contexts, ordering and capacity rules are those of the generic queue (one
 * producer, one consumer; capacity a power of two, checked at compile time).
 * Arguments are not checked (NULL is undefined behaviour): hot path.
 * The mark costs the producer one load, compare and conditional store per
 * push (4 more Thumb-2 instructions); leave it out where nobody reads it.
 * `prefix` must be a plain identifier; `type` must be assignable.
 */
/* Generated functions: a queue need not use all of them. */
#define MEM_SPSC_TYPED_FN_ static inline __attribute__((unused))

#define MEM_SPSC_DEFINE_TYPED(prefix, type, capacity) \
    MEM_SPSC_DEFINE_TYPED_(prefix, type, capacity, 0)

#define MEM_SPSC_DEFINE_TYPED_HW(prefix, type, capacity)                   \
    MEM_SPSC_DEFINE_TYPED_(prefix, type, capacity, 1)                      \
    MEM_SPSC_TYPED_FN_ size_t prefix##_high_water(const prefix##_t *queue)      \
    {                                                                      \
        return __atomic_load_n(&queue->high_water_, __ATOMIC_RELAXED);     \
    }                                                                      \
    MEM_SPSC_TYPED_FN_ void prefix##_high_water_reset(prefix##_t *queue)        \
    {                                                                      \
        uint32_t tail_ = mem_spsc_load_own_(&queue->tail_);                \
        __atomic_store_n(&queue->high_water_,                              \
                         tail_ - mem_spsc_load_peer_(&queue->head_),       \
                         __ATOMIC_RELAXED);                                \
    }

/* Slots come first so that a slot's address is the queue's plus a scaled
 * index (one addressing mode, no extra add). */
#define MEM_SPSC_DEFINE_TYPED_(prefix, type, capacity, track_high_water)   \
    typedef struct prefix {                                                \
        type slots_[MEM_SPSC_CHECKED_CAPACITY_(capacity)];                 \
        uint32_t head_;       /* elements ever popped; consumer writes */  \
        uint32_t tail_;       /* elements ever pushed; producer writes */  \
        uint32_t high_water_; /* _HW variant only */                       \
    } prefix##_t;                                                          \
    MEM_SPSC_TYPED_FN_ void prefix##_init(prefix##_t *queue)                    \
    {                                                                      \
        queue->head_ = 0u;                                                 \
        queue->tail_ = 0u;                                                 \
        queue->high_water_ = 0u;                                           \
        __atomic_thread_fence(__ATOMIC_RELEASE);                           \
    }                                                                      \
    MEM_SPSC_TYPED_FN_ mem_status_t prefix##_push(prefix##_t *queue,            \
                                             type element)                 \
    {                                                                      \
        uint32_t tail_ = mem_spsc_load_own_(&queue->tail_);                \
        uint32_t used_ = tail_ - mem_spsc_load_peer_(&queue->head_);       \
        if (__builtin_expect(used_ >= (uint32_t)(capacity), 0)) {          \
            return MEM_ERR_FULL;                                           \
        }                                                                  \
        queue->slots_[tail_ & ((uint32_t)(capacity)-1u)] = element;        \
        if (track_high_water) {                                            \
            mem_spsc_raise_high_water_(&queue->high_water_, used_ + 1u);   \
        }                                                                  \
        mem_spsc_publish_(&queue->tail_, tail_ + 1u);                      \
        return MEM_OK;                                                     \
    }                                                                      \
    MEM_SPSC_TYPED_FN_ mem_status_t prefix##_pop(prefix##_t *queue,             \
                                            type *element)                 \
    {                                                                      \
        uint32_t head_ = mem_spsc_load_own_(&queue->head_);                \
        if (__builtin_expect(                                              \
                head_ == mem_spsc_load_peer_(&queue->tail_), 0)) {         \
            return MEM_ERR_EMPTY;                                          \
        }                                                                  \
        *element = queue->slots_[head_ & ((uint32_t)(capacity)-1u)];       \
        mem_spsc_publish_(&queue->head_, head_ + 1u);                      \
        return MEM_OK;                                                     \
    }                                                                      \
    MEM_SPSC_TYPED_FN_ size_t prefix##_count(const prefix##_t *queue)           \
    {                                                                      \
        return mem_spsc_count_(&queue->head_, &queue->tail_,               \
                               (uint32_t)(capacity));                      \
    }                                                                      \
    MEM_SPSC_TYPED_FN_ size_t prefix##_capacity(void)                           \
    {                                                                      \
        return (size_t)(capacity);                                         \
    }

#ifdef __cplusplus
}
#endif

#endif /* MEM_SPSC_H */
