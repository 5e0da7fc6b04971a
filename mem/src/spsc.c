/*
 * Lock-free SPSC queue (mem/spsc.h), generic API. Ordering argument in
 * mem/docs/spsc.md.
 *
 * head_, tail_ and high_water_ are plain uint32_t in the public struct (so
 * C++ code can embed it) and are accessed only through the ordering helpers
 * mem_spsc_load_own_ / _load_peer_ / _publish_ / _raise_high_water_ /
 * _count_ from mem/spsc.h, which the typed API uses as well.
 */
#include "mem/spsc.h"

#include <string.h>

/* Branch hint: keep the success path as straight-line fall-through code. */
#define UNLIKELY(cond) __builtin_expect(!!(cond), 0)

/* Copy one element. Word-sized elements (pointers, 32-bit samples: the
 * common case) get a fixed-size copy the compiler turns into one load and
 * one store, instead of a call to memcpy. */
static inline __attribute__((always_inline)) void
copy_element(void *to, const void *from, uint32_t size)
{
    if (size == sizeof(uint32_t)) {
        memcpy(to, from, sizeof(uint32_t));
    } else {
        memcpy(to, from, size);
    }
}

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
    queue->head_ = 0u;
    queue->tail_ = 0u;
    __atomic_thread_fence(__ATOMIC_RELEASE);
    return MEM_OK;
}

mem_status_t mem_spsc_push(mem_spsc_t *queue, const void *element)
{
    uint32_t tail = mem_spsc_load_own_(&queue->tail_);
    /* Acquire: the consumer's reads of the slot we may overwrite are done. */
    uint32_t used = tail - mem_spsc_load_peer_(&queue->head_);
    uint32_t mask = queue->mask_;
    if (UNLIKELY(used > mask)) {
        return MEM_ERR_FULL;
    }
    uint32_t size = queue->elem_size_;
    copy_element(queue->slots_ + (size_t)(tail & mask) * size, element, size);
    mem_spsc_raise_high_water_(&queue->high_water_, used + 1u);
    /* Release: the slot contents are visible before the new tail. */
    mem_spsc_publish_(&queue->tail_, tail + 1u);
    return MEM_OK;
}

mem_status_t mem_spsc_pop(mem_spsc_t *queue, void *element)
{
    uint32_t head = mem_spsc_load_own_(&queue->head_);
    /* Acquire: the producer's writes to the slot are visible. */
    uint32_t tail = mem_spsc_load_peer_(&queue->tail_);
    if (UNLIKELY(head == tail)) {
        return MEM_ERR_EMPTY;
    }
    uint32_t size = queue->elem_size_;
    copy_element(element, queue->slots_ + (size_t)(head & queue->mask_) * size,
                 size);
    /* Release: our reads of the slot finish before the producer reuses it. */
    mem_spsc_publish_(&queue->head_, head + 1u);
    return MEM_OK;
}

mem_status_t mem_spsc_reserve(mem_spsc_t *queue, void **span, size_t *count)
{
    if (queue == NULL || span == NULL || count == NULL) {
        return MEM_ERR_ARG;
    }
    uint32_t tail = mem_spsc_load_own_(&queue->tail_);
    uint32_t used = tail - mem_spsc_load_peer_(&queue->head_);
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
    uint32_t tail = mem_spsc_load_own_(&queue->tail_);
    if (queue->reserved_ == 0u || queue->reserve_at_ != tail) {
        return MEM_ERR_STATE;
    }
    if (count > queue->reserved_) {
        return MEM_ERR_SIZE;
    }
    queue->reserved_ = 0u;
    if (count != 0u) {
        uint32_t head = mem_spsc_load_peer_(&queue->head_);
        mem_spsc_raise_high_water_(&queue->high_water_,
                                   tail + (uint32_t)count - head);
        mem_spsc_publish_(&queue->tail_, tail + (uint32_t)count);
    }
    return MEM_OK;
}

mem_status_t mem_spsc_peek(mem_spsc_t *queue, const void **span,
                           size_t *count)
{
    if (queue == NULL || span == NULL || count == NULL) {
        return MEM_ERR_ARG;
    }
    uint32_t head = mem_spsc_load_own_(&queue->head_);
    uint32_t used = mem_spsc_load_peer_(&queue->tail_) - head;
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
    uint32_t head = mem_spsc_load_own_(&queue->head_);
    if (queue->peeked_ == 0u || queue->peek_at_ != head) {
        return MEM_ERR_STATE;
    }
    if (count > queue->peeked_) {
        return MEM_ERR_SIZE;
    }
    queue->peeked_ = 0u;
    if (count != 0u) {
        mem_spsc_publish_(&queue->head_, head + (uint32_t)count);
    }
    return MEM_OK;
}

size_t mem_spsc_count(const mem_spsc_t *queue)
{
    if (queue == NULL) {
        return 0u;
    }
    return mem_spsc_count_(&queue->head_, &queue->tail_, queue->mask_ + 1u);
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
    return __atomic_load_n(&queue->high_water_, __ATOMIC_RELAXED);
}

mem_status_t mem_spsc_high_water_reset(mem_spsc_t *queue)
{
    if (queue == NULL) {
        return MEM_ERR_ARG;
    }
    uint32_t tail = mem_spsc_load_own_(&queue->tail_);
    uint32_t head = mem_spsc_load_own_(&queue->head_);
    __atomic_store_n(&queue->high_water_, tail - head, __ATOMIC_RELAXED);
    return MEM_OK;
}
