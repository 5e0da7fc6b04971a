/*
 * Lock-free SPSC queue (mem/spsc.h). Ordering argument in mem/docs/spsc.md.
 *
 * head_ and tail_ are plain uint32_t in the public struct (so C++ code can
 * embed it); here they are accessed as _Atomic uint32_t, which has the same
 * size and alignment (checked below).
 */
#include "mem/spsc.h"

#include <stdatomic.h>
#include <string.h>

_Static_assert(sizeof(_Atomic uint32_t) == sizeof(uint32_t) &&
                   _Alignof(_Atomic uint32_t) == _Alignof(uint32_t),
               "atomic counters must overlay uint32_t fields");

/* Branch hint: keep the success path as straight-line fall-through code. */
#define UNLIKELY(cond) __builtin_expect(!!(cond), 0)

#define ATOMIC_U32(field) ((_Atomic uint32_t *)(void *)&(field))
#define ATOMIC_U32_CONST(field) \
    ((const _Atomic uint32_t *)(const void *)&(field))

/* Largest power of two dividing elem_size, capped at MEM_SPSC_MAX_ALIGN. */
static size_t required_alignment(size_t elem_size)
{
    size_t lowest_bit = elem_size & (~elem_size + 1u);
    return lowest_bit < MEM_SPSC_MAX_ALIGN ? lowest_bit : MEM_SPSC_MAX_ALIGN;
}

mem_status_t mem_spsc_init(mem_spsc_t *queue, void *storage,
                           size_t storage_size, size_t elem_size,
                           size_t capacity)
{
    if (queue == NULL || storage == NULL) {
        return MEM_ERR_ARG;
    }
    if (elem_size == 0u || elem_size > UINT32_MAX || capacity == 0u ||
        (capacity & (capacity - 1u)) != 0u || capacity > (1ul << 31)) {
        return MEM_ERR_SIZE;
    }
    if (capacity > SIZE_MAX / elem_size ||
        storage_size < capacity * elem_size) {
        return MEM_ERR_SIZE;
    }
    if (((uintptr_t)storage & (required_alignment(elem_size) - 1u)) != 0u) {
        return MEM_ERR_ALIGN;
    }
    queue->mask_ = (uint32_t)(capacity - 1u);
    queue->elem_size_ = (uint32_t)elem_size;
    queue->slots_ = (uint8_t *)storage;
    queue->high_water_ = 0u;
    queue->reserve_at_ = 0u;
    queue->reserved_ = 0u;
    queue->peek_at_ = 0u;
    queue->peeked_ = 0u;
    atomic_init(ATOMIC_U32(queue->head_), 0u);
    atomic_init(ATOMIC_U32(queue->tail_), 0u);
    atomic_thread_fence(memory_order_release);
    return MEM_OK;
}

/* Producer only: raise the mark to `level` (the producer is its only writer,
 * so a relaxed load + store is enough; readers elsewhere load relaxed). */
static inline void raise_high_water(mem_spsc_t *queue, uint32_t level)
{
    _Atomic uint32_t *mark = ATOMIC_U32(queue->high_water_);
    if (level > atomic_load_explicit(mark, memory_order_relaxed)) {
        atomic_store_explicit(mark, level, memory_order_relaxed);
    }
}

mem_status_t mem_spsc_push(mem_spsc_t *queue, const void *element)
{
    uint32_t tail =
        atomic_load_explicit(ATOMIC_U32(queue->tail_), memory_order_relaxed);
    /* Acquire: the consumer's reads of the slot we may overwrite are done. */
    uint32_t used = tail - atomic_load_explicit(ATOMIC_U32(queue->head_),
                                                memory_order_acquire);
    uint32_t mask = queue->mask_;
    if (UNLIKELY(used > mask)) {
        return MEM_ERR_FULL;
    }
    uint32_t size = queue->elem_size_;
    memcpy(queue->slots_ + (size_t)(tail & mask) * size, element, size);
    /* High-water mark, written out here rather than via raise_high_water():
     * -Os would not inline the helper into this hot path. */
    _Atomic uint32_t *mark = ATOMIC_U32(queue->high_water_);
    if (used >= atomic_load_explicit(mark, memory_order_relaxed)) {
        atomic_store_explicit(mark, used + 1u, memory_order_relaxed);
    }
    /* Release: the slot contents are visible before the new tail. */
    atomic_store_explicit(ATOMIC_U32(queue->tail_), tail + 1u,
                          memory_order_release);
    return MEM_OK;
}

mem_status_t mem_spsc_pop(mem_spsc_t *queue, void *element)
{
    uint32_t head =
        atomic_load_explicit(ATOMIC_U32(queue->head_), memory_order_relaxed);
    /* Acquire: the producer's writes to the slot are visible. */
    uint32_t tail =
        atomic_load_explicit(ATOMIC_U32(queue->tail_), memory_order_acquire);
    if (UNLIKELY(head == tail)) {
        return MEM_ERR_EMPTY;
    }
    uint32_t size = queue->elem_size_;
    memcpy(element, queue->slots_ + (size_t)(head & queue->mask_) * size,
           size);
    /* Release: our reads of the slot finish before the producer reuses it. */
    atomic_store_explicit(ATOMIC_U32(queue->head_), head + 1u,
                          memory_order_release);
    return MEM_OK;
}

mem_status_t mem_spsc_reserve(mem_spsc_t *queue, void **span, size_t *count)
{
    if (queue == NULL || span == NULL || count == NULL) {
        return MEM_ERR_ARG;
    }
    uint32_t tail =
        atomic_load_explicit(ATOMIC_U32(queue->tail_), memory_order_relaxed);
    uint32_t used = tail - atomic_load_explicit(ATOMIC_U32(queue->head_),
                                                memory_order_acquire);
    uint32_t capacity = queue->mask_ + 1u;
    uint32_t slot = tail & queue->mask_;
    uint32_t free_slots = capacity - used;
    uint32_t to_end = capacity - slot;
    uint32_t granted = free_slots < to_end ? free_slots : to_end;
    queue->reserve_at_ = tail;
    queue->reserved_ = granted;
    *count = granted;
    if (granted == 0u) {
        *span = NULL;
        return MEM_ERR_FULL;
    }
    *span = queue->slots_ + (size_t)slot * queue->elem_size_;
    return MEM_OK;
}

mem_status_t mem_spsc_commit(mem_spsc_t *queue, size_t count)
{
    if (queue == NULL) {
        return MEM_ERR_ARG;
    }
    uint32_t tail =
        atomic_load_explicit(ATOMIC_U32(queue->tail_), memory_order_relaxed);
    if (queue->reserved_ == 0u || queue->reserve_at_ != tail) {
        return MEM_ERR_STATE;
    }
    if (count > queue->reserved_) {
        return MEM_ERR_SIZE;
    }
    queue->reserved_ = 0u;
    if (count != 0u) {
        uint32_t head = atomic_load_explicit(ATOMIC_U32(queue->head_),
                                             memory_order_relaxed);
        raise_high_water(queue, tail + (uint32_t)count - head);
        atomic_store_explicit(ATOMIC_U32(queue->tail_),
                              tail + (uint32_t)count, memory_order_release);
    }
    return MEM_OK;
}

mem_status_t mem_spsc_peek(mem_spsc_t *queue, const void **span,
                           size_t *count)
{
    if (queue == NULL || span == NULL || count == NULL) {
        return MEM_ERR_ARG;
    }
    uint32_t head =
        atomic_load_explicit(ATOMIC_U32(queue->head_), memory_order_relaxed);
    uint32_t used = atomic_load_explicit(ATOMIC_U32(queue->tail_),
                                         memory_order_acquire) -
                    head;
    uint32_t slot = head & queue->mask_;
    uint32_t to_end = queue->mask_ + 1u - slot;
    uint32_t granted = used < to_end ? used : to_end;
    queue->peek_at_ = head;
    queue->peeked_ = granted;
    *count = granted;
    if (granted == 0u) {
        *span = NULL;
        return MEM_ERR_EMPTY;
    }
    *span = queue->slots_ + (size_t)slot * queue->elem_size_;
    return MEM_OK;
}

mem_status_t mem_spsc_release(mem_spsc_t *queue, size_t count)
{
    if (queue == NULL) {
        return MEM_ERR_ARG;
    }
    uint32_t head =
        atomic_load_explicit(ATOMIC_U32(queue->head_), memory_order_relaxed);
    if (queue->peeked_ == 0u || queue->peek_at_ != head) {
        return MEM_ERR_STATE;
    }
    if (count > queue->peeked_) {
        return MEM_ERR_SIZE;
    }
    queue->peeked_ = 0u;
    if (count != 0u) {
        atomic_store_explicit(ATOMIC_U32(queue->head_),
                              head + (uint32_t)count, memory_order_release);
    }
    return MEM_OK;
}

size_t mem_spsc_count(const mem_spsc_t *queue)
{
    if (queue == NULL) {
        return 0u;
    }
    /* head first: tail read afterwards is >= that head, so no underflow. The
     * consumer may have moved on meanwhile, so clamp to the capacity. */
    uint32_t head = atomic_load_explicit(ATOMIC_U32_CONST(queue->head_),
                                         memory_order_acquire);
    uint32_t tail = atomic_load_explicit(ATOMIC_U32_CONST(queue->tail_),
                                         memory_order_acquire);
    uint32_t used = tail - head;
    return used > queue->mask_ ? (size_t)queue->mask_ + 1u : used;
}

size_t mem_spsc_capacity(const mem_spsc_t *queue)
{
    return queue == NULL ? 0u : (size_t)queue->mask_ + 1u;
}

size_t mem_spsc_high_water(const mem_spsc_t *queue)
{
    if (queue == NULL) {
        return 0u;
    }
    return atomic_load_explicit(ATOMIC_U32_CONST(queue->high_water_),
                                memory_order_relaxed);
}

mem_status_t mem_spsc_high_water_reset(mem_spsc_t *queue)
{
    if (queue == NULL) {
        return MEM_ERR_ARG;
    }
    uint32_t tail =
        atomic_load_explicit(ATOMIC_U32(queue->tail_), memory_order_relaxed);
    uint32_t head =
        atomic_load_explicit(ATOMIC_U32(queue->head_), memory_order_relaxed);
    atomic_store_explicit(ATOMIC_U32(queue->high_water_), tail - head,
                          memory_order_relaxed);
    return MEM_OK;
}
