/*
 * Bounded ring with full-policies (mem/ring.h).
 */
#include "mem/ring.h"

#include <string.h>

#include "mem/config.h"

static void count_event(uint32_t *counter)
{
    if (*counter != UINT32_MAX) {
        ++*counter;
    }
}

/* Slot `age` places after head, wrapped by subtraction (age < capacity). */
static uint8_t *slot_at(const mem_ring_t *ring, uint32_t age)
{
    uint32_t slot = ring->head_ + age;
    if (slot >= ring->capacity_ || slot < ring->head_) {
        slot -= ring->capacity_;
    }
    return ring->slots_ + (size_t)slot * ring->elem_size_;
}

mem_status_t mem_ring_init(mem_ring_t *ring, void *storage,
                           size_t storage_size, size_t elem_size,
                           size_t capacity, mem_ring_policy_t policy)
{
    if (ring == NULL || storage == NULL ||
        (unsigned)policy >= (unsigned)MEM_RING_POLICY_COUNT_) {
        return MEM_ERR_ARG;
    }
    if (elem_size == 0u || capacity == 0u || capacity > UINT32_MAX ||
        capacity > SIZE_MAX / elem_size ||
        storage_size < capacity * elem_size) {
        return MEM_ERR_SIZE;
    }
    ring->slots_ = (uint8_t *)storage;
    ring->elem_size_ = elem_size;
    ring->capacity_ = (uint32_t)capacity;
    ring->head_ = 0u;
    ring->count_ = 0u;
    ring->policy_ = policy;
    memset(&ring->stats_, 0, sizeof ring->stats_);
    return MEM_OK;
}

mem_status_t mem_ring_push(mem_ring_t *ring, const void *element)
{
    if (ring == NULL || element == NULL) {
        return MEM_ERR_ARG;
    }
    if (ring->count_ == ring->capacity_) {
        switch (ring->policy_) {
        case MEM_RING_OVERWRITE_OLDEST:
            /* Overwrite the oldest slot in place and advance head. */
            memcpy(slot_at(ring, 0u), element, ring->elem_size_);
            ring->head_ = ring->head_ + 1u == ring->capacity_
                              ? 0u
                              : ring->head_ + 1u;
            count_event(&ring->stats_.overwritten);
            count_event(&ring->stats_.pushed);
            return MEM_OK;
        case MEM_RING_DROP_NEWEST:
            count_event(&ring->stats_.dropped_newest);
            return MEM_ERR_FULL;
        case MEM_RING_REJECT:
        default:
            count_event(&ring->stats_.rejected);
            return MEM_ERR_FULL;
        }
    }
    memcpy(slot_at(ring, ring->count_), element, ring->elem_size_);
    ring->count_++;
    if (ring->count_ > ring->stats_.high_water) {
        ring->stats_.high_water = ring->count_;
    }
    count_event(&ring->stats_.pushed);
    return MEM_OK;
}

mem_status_t mem_ring_pop(mem_ring_t *ring, void *element)
{
    if (ring == NULL || element == NULL) {
        return MEM_ERR_ARG;
    }
    if (ring->count_ == 0u) {
        return MEM_ERR_EMPTY;
    }
    memcpy(element, slot_at(ring, 0u), ring->elem_size_);
    ring->head_ = ring->head_ + 1u == ring->capacity_ ? 0u : ring->head_ + 1u;
    ring->count_--;
    count_event(&ring->stats_.popped);
    return MEM_OK;
}

mem_status_t mem_ring_peek(const mem_ring_t *ring, size_t age, void *element)
{
    if (ring == NULL || element == NULL) {
        return MEM_ERR_ARG;
    }
    if (age >= ring->count_) {
        return MEM_ERR_RANGE;
    }
    memcpy(element, slot_at(ring, (uint32_t)age), ring->elem_size_);
    return MEM_OK;
}

mem_status_t mem_ring_clear(mem_ring_t *ring)
{
    if (ring == NULL) {
        return MEM_ERR_ARG;
    }
    ring->head_ = 0u;
    ring->count_ = 0u;
    return MEM_OK;
}

size_t mem_ring_count(const mem_ring_t *ring)
{
    return ring == NULL ? 0u : ring->count_;
}

size_t mem_ring_capacity(const mem_ring_t *ring)
{
    return ring == NULL ? 0u : ring->capacity_;
}

mem_ring_policy_t mem_ring_policy(const mem_ring_t *ring)
{
    return ring == NULL ? MEM_RING_REJECT : ring->policy_;
}

mem_status_t mem_ring_stats(const mem_ring_t *ring,
                            mem_ring_stats_t *stats)
{
    if (ring == NULL || stats == NULL) {
        return MEM_ERR_ARG;
    }
    *stats = ring->stats_;
    return MEM_OK;
}

mem_status_t mem_ring_stats_reset(mem_ring_t *ring)
{
    if (ring == NULL) {
        return MEM_ERR_ARG;
    }
    memset(&ring->stats_, 0, sizeof ring->stats_);
    ring->stats_.high_water = ring->count_;
    return MEM_OK;
}

/* ---- locked wrappers ---------------------------------------------------- */

mem_status_t mem_ring_push_locked(mem_ring_t *ring, const void *element)
{
    mem_critical_state_t state = MEM_CRITICAL_ENTER();
    mem_status_t status = mem_ring_push(ring, element);
    MEM_CRITICAL_EXIT(state);
    return status;
}

mem_status_t mem_ring_pop_locked(mem_ring_t *ring, void *element)
{
    mem_critical_state_t state = MEM_CRITICAL_ENTER();
    mem_status_t status = mem_ring_pop(ring, element);
    MEM_CRITICAL_EXIT(state);
    return status;
}

mem_status_t mem_ring_peek_locked(const mem_ring_t *ring, size_t age,
                                  void *element)
{
    mem_critical_state_t state = MEM_CRITICAL_ENTER();
    mem_status_t status = mem_ring_peek(ring, age, element);
    MEM_CRITICAL_EXIT(state);
    return status;
}

mem_status_t mem_ring_clear_locked(mem_ring_t *ring)
{
    mem_critical_state_t state = MEM_CRITICAL_ENTER();
    mem_status_t status = mem_ring_clear(ring);
    MEM_CRITICAL_EXIT(state);
    return status;
}

size_t mem_ring_count_locked(const mem_ring_t *ring)
{
    mem_critical_state_t state = MEM_CRITICAL_ENTER();
    size_t count = mem_ring_count(ring);
    MEM_CRITICAL_EXIT(state);
    return count;
}

mem_status_t mem_ring_stats_locked(const mem_ring_t *ring,
                                   mem_ring_stats_t *stats)
{
    mem_critical_state_t state = MEM_CRITICAL_ENTER();
    mem_status_t status = mem_ring_stats(ring, stats);
    MEM_CRITICAL_EXIT(state);
    return status;
}

mem_status_t mem_ring_stats_reset_locked(mem_ring_t *ring)
{
    mem_critical_state_t state = MEM_CRITICAL_ENTER();
    mem_status_t status = mem_ring_stats_reset(ring);
    MEM_CRITICAL_EXIT(state);
    return status;
}
