#include "mem/vector.h"

#include <string.h>

/*
 * Shared argument check: the storage must be addressable as
 * capacity * elem_size bytes and the caller's length must fit in it.
 */
static mem_status_t vec_check(const void *items, size_t elem_size,
                              size_t capacity, const size_t *len)
{
    if (items == NULL || len == NULL) {
        return MEM_ERR_ARG;
    }
    if (elem_size == 0u || capacity > SIZE_MAX / elem_size) {
        return MEM_ERR_SIZE;
    }
    if (*len > capacity) {
        mem_failure_report(MEM_ERR_CORRUPT, items, NULL);
        return MEM_ERR_CORRUPT;
    }
    return MEM_OK;
}

mem_status_t mem_vec_push(void *items, size_t elem_size, size_t capacity,
                          size_t *len, const void *elem)
{
    mem_status_t status = vec_check(items, elem_size, capacity, len);
    if (status != MEM_OK) {
        return status;
    }
    if (elem == NULL) {
        return MEM_ERR_ARG;
    }
    if (*len == capacity) {
        return MEM_ERR_FULL;
    }
    memcpy((unsigned char *)items + *len * elem_size, elem, elem_size);
    *len += 1u;
    return MEM_OK;
}

mem_status_t mem_vec_pop(const void *items, size_t elem_size, size_t capacity,
                         size_t *len, void *out)
{
    mem_status_t status = vec_check(items, elem_size, capacity, len);
    if (status != MEM_OK) {
        return status;
    }
    if (*len == 0u) {
        return MEM_ERR_EMPTY;
    }
    *len -= 1u;
    if (out != NULL) {
        memcpy(out, (const unsigned char *)items + *len * elem_size, elem_size);
    }
    return MEM_OK;
}

mem_status_t mem_vec_insert(void *items, size_t elem_size, size_t capacity,
                            size_t *len, size_t index, const void *elem)
{
    mem_status_t status = vec_check(items, elem_size, capacity, len);
    if (status != MEM_OK) {
        return status;
    }
    if (elem == NULL) {
        return MEM_ERR_ARG;
    }
    if (index > *len) {
        return MEM_ERR_RANGE;
    }
    if (*len == capacity) {
        return MEM_ERR_FULL;
    }
    unsigned char *slot = (unsigned char *)items + index * elem_size;
    memmove(slot + elem_size, slot, (*len - index) * elem_size);
    memcpy(slot, elem, elem_size);
    *len += 1u;
    return MEM_OK;
}

mem_status_t mem_vec_remove(void *items, size_t elem_size, size_t capacity,
                            size_t *len, size_t index, void *out)
{
    mem_status_t status = vec_check(items, elem_size, capacity, len);
    if (status != MEM_OK) {
        return status;
    }
    if (index >= *len) {
        return MEM_ERR_RANGE;
    }
    unsigned char *slot = (unsigned char *)items + index * elem_size;
    if (out != NULL) {
        memcpy(out, slot, elem_size);
    }
    memmove(slot, slot + elem_size, (*len - index - 1u) * elem_size);
    *len -= 1u;
    return MEM_OK;
}

void *mem_vec_at(const void *items, size_t elem_size, size_t capacity,
                 size_t len, size_t index)
{
    if (items == NULL || elem_size == 0u || capacity > SIZE_MAX / elem_size ||
        len > capacity || index >= len) {
        return NULL;
    }
    return (unsigned char *)(uintptr_t)items + index * elem_size;
}
