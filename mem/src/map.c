#include "mem/map.h"

#include <stdint.h>
#include <string.h>

static bool map_valid(const mem_map_t *map)
{
    if (map->keys == NULL || map->key_size == 0u || map->count > map->capacity) {
        mem_failure_report(MEM_ERR_CORRUPT, map, NULL);
        return false;
    }
    return true;
}

static unsigned char *key_at(const mem_map_t *map, size_t slot)
{
    return map->keys + slot * map->key_size;
}

static unsigned char *value_at(const mem_map_t *map, size_t slot)
{
    /* With value_size 0 any non-NULL marker will do; keep it non-NULL. */
    if (map->value_size == 0u) {
        return key_at(map, slot);
    }
    return map->values + slot * map->value_size;
}

/*
 * Scan for a key of a common integer width: load each key with memcpy
 * (alignment-free; compiles to one load) and compare as an integer, which
 * is the same equality as memcmp and avoids a library call per slot.
 */
#define MAP_SCAN_AS(type)                                                   \
    do {                                                                    \
        type want;                                                          \
        memcpy(&want, key, sizeof want);                                    \
        const unsigned char *k = map->keys;                                 \
        for (size_t slot = 0u; slot < map->count; ++slot, k += sizeof want) { \
            type have;                                                      \
            memcpy(&have, k, sizeof have);                                  \
            if (have == want) {                                             \
                return slot;                                                \
            }                                                               \
        }                                                                   \
        return map->count;                                                  \
    } while (0)

/* Slot holding `key`, or map->count when absent. */
static size_t find_slot(const mem_map_t *map, const void *key)
{
    switch (map->key_size) {
    case 1u:
        MAP_SCAN_AS(uint8_t);
    case 2u:
        MAP_SCAN_AS(uint16_t);
    case 4u:
        MAP_SCAN_AS(uint32_t);
    case 8u:
        MAP_SCAN_AS(uint64_t);
    default:
        break;
    }
    const unsigned char *k = map->keys;
    for (size_t slot = 0u; slot < map->count; ++slot, k += map->key_size) {
        if (memcmp(k, key, map->key_size) == 0) {
            return slot;
        }
    }
    return map->count;
}

/* Move the last entry into `slot` and shrink by one. */
static void remove_slot(mem_map_t *map, size_t slot)
{
    size_t last = map->count - 1u;
    if (slot != last) {
        memcpy(key_at(map, slot), key_at(map, last), map->key_size);
        if (map->value_size > 0u) {
            memcpy(value_at(map, slot), value_at(map, last), map->value_size);
        }
    }
    map->count = last;
}

mem_status_t mem_map_init(mem_map_t *map, void *keys, size_t key_size,
                          void *values, size_t value_size, size_t capacity)
{
    if (map == NULL || keys == NULL || (values == NULL && value_size > 0u)) {
        return MEM_ERR_ARG;
    }
    if (key_size == 0u || capacity == 0u || capacity > SIZE_MAX / key_size ||
        (value_size > 0u && capacity > SIZE_MAX / value_size)) {
        return MEM_ERR_SIZE;
    }
    map->keys = (unsigned char *)keys;
    map->values = (unsigned char *)values;
    map->key_size = key_size;
    map->value_size = value_size;
    map->capacity = capacity;
    map->count = 0u;
    return MEM_OK;
}

mem_status_t mem_map_clear(mem_map_t *map)
{
    if (map == NULL) {
        return MEM_ERR_ARG;
    }
    map->count = 0u;
    return MEM_OK;
}

size_t mem_map_count(const mem_map_t *map)
{
    return (map == NULL) ? 0u : map->count;
}

size_t mem_map_capacity(const mem_map_t *map)
{
    return (map == NULL) ? 0u : map->capacity;
}

mem_status_t mem_map_insert(mem_map_t *map, const void *key, const void *value)
{
    if (map == NULL || key == NULL) {
        return MEM_ERR_ARG;
    }
    if (!map_valid(map)) {
        return MEM_ERR_CORRUPT;
    }
    if (value == NULL && map->value_size > 0u) {
        return MEM_ERR_ARG;
    }
    size_t slot = find_slot(map, key);
    if (slot == map->count) {
        if (map->count == map->capacity) {
            return MEM_ERR_FULL;
        }
        memcpy(key_at(map, slot), key, map->key_size);
        map->count += 1u;
    }
    if (map->value_size > 0u) {
        memcpy(value_at(map, slot), value, map->value_size);
    }
    return MEM_OK;
}

void *mem_map_find(const mem_map_t *map, const void *key)
{
    if (map == NULL || key == NULL || !map_valid(map)) {
        return NULL;
    }
    size_t slot = find_slot(map, key);
    return (slot == map->count) ? NULL : value_at(map, slot);
}

/* The checks and copy-out shared by get and remove: *slot_out is key's slot
 * when MEM_OK is returned, untouched otherwise. */
static mem_status_t copy_out(const mem_map_t *map, const void *key, void *value_out,
                             size_t *slot_out)
{
    if (map == NULL || key == NULL) {
        return MEM_ERR_ARG;
    }
    if (!map_valid(map)) {
        return MEM_ERR_CORRUPT;
    }
    size_t slot = find_slot(map, key);
    if (slot == map->count) {
        return MEM_ERR_NOT_FOUND;
    }
    if (value_out != NULL && map->value_size > 0u) {
        memcpy(value_out, value_at(map, slot), map->value_size);
    }
    *slot_out = slot;
    return MEM_OK;
}

mem_status_t mem_map_get(const mem_map_t *map, const void *key, void *value_out)
{
    size_t slot;
    return copy_out(map, key, value_out, &slot);
}

bool mem_map_contains(const mem_map_t *map, const void *key)
{
    return mem_map_find(map, key) != NULL;
}

mem_status_t mem_map_remove(mem_map_t *map, const void *key, void *value_out)
{
    size_t slot;
    mem_status_t status = copy_out(map, key, value_out, &slot);
    if (status == MEM_OK) {
        remove_slot(map, slot);
    }
    return status;
}

mem_status_t mem_map_iter_init(mem_map_iter_t *it, mem_map_t *map)
{
    if (it == NULL || map == NULL) {
        return MEM_ERR_ARG;
    }
    if (!map_valid(map)) {
        return MEM_ERR_CORRUPT;
    }
    it->map = map;
    it->next = map->count;
    it->current = 0u;
    it->count_seen = 0u;
    it->has_current = false;
    return MEM_OK;
}

bool mem_map_iter_next(mem_map_iter_t *it, const void **key, void **value)
{
    if (it == NULL || it->map == NULL) {
        return false;
    }
    mem_map_t *map = it->map;
    it->has_current = false;
    if (map->count > map->capacity) {
        mem_failure_report(MEM_ERR_CORRUPT, map, NULL);
        return false;
    }
    if (it->next > map->count) {
        it->next = map->count; /* the map shrank (e.g. clear) */
    }
    if (it->next == 0u) {
        return false;
    }
    it->next -= 1u;
    it->current = it->next;
    it->count_seen = map->count;
    it->has_current = true;
    if (key != NULL) {
        *key = key_at(map, it->current);
    }
    if (value != NULL) {
        *value = value_at(map, it->current);
    }
    return true;
}

mem_status_t mem_map_iter_remove(mem_map_iter_t *it)
{
    if (it == NULL || it->map == NULL) {
        return MEM_ERR_ARG;
    }
    mem_map_t *map = it->map;
    if (!it->has_current || map->count != it->count_seen ||
        it->current >= map->count) {
        return MEM_ERR_STATE;
    }
    remove_slot(map, it->current);
    it->has_current = false;
    return MEM_OK;
}
