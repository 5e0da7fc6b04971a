/*
 * mem/map.h — fixed-capacity linear key/value map over caller-owned arrays.
 *
 * Keys and values are opaque byte blocks of a size fixed at init time
 * (element-size generic). Two keys are equal when their bytes are equal
 * (memcmp). This keeps the map free of callbacks and makes lookups a plain
 * scan; the price is that keys must not contain indeterminate bytes: use
 * integer keys, or structs/char arrays that are fully zeroed before being
 * filled in (padding included).
 *
 * Layout: entries live densely in two parallel caller arrays,
 * keys[capacity * key_size] and values[capacity * value_size]; slots
 * 0 .. count-1 are in use. A lookup compares keys from slot 0 upward.
 * Removal moves the last entry into the freed slot, so nothing ever shifts
 * by more than one entry and order is not kept.
 *
 *     static uint16_t ids[16];
 *     static struct sensor_cfg cfgs[16];
 *     static mem_map_t cfg_map;
 *     mem_map_init(&cfg_map, ids, sizeof ids[0], cfgs, sizeof cfgs[0], 16);
 *     uint16_t id = 42;
 *     mem_map_insert(&cfg_map, &id, &new_cfg);      // insert or replace
 *     struct sensor_cfg *c = mem_map_find(&cfg_map, &id);
 *
 * Iteration (mem_map_iter_*) walks the slots from the highest to the
 * lowest. Because removal fills the hole with the LAST entry — which the
 * walk has already visited — the following is well defined: during an
 * iteration you may remove the current entry (with mem_map_iter_remove or
 * mem_map_remove) or any entry already visited, and replace any value; every
 * entry present at the start and not removed is then visited exactly once.
 * A key newly inserted during the iteration is not visited. Removing an
 * entry not yet visited is allowed (memory-safe, the removed entry is not
 * visited) but may cause one already-visited entry to be visited again.
 * mem_map_clear ends the iteration.
 *
 * Concurrency: no function locks. Every function is reentrant for distinct
 * maps and callable from thread or ISR context as long as no other context
 * uses the same map (or iterator) concurrently. Pointers returned by
 * mem_map_find and the iterator stay valid until the next insert of a new
 * key, remove or clear on the map.
 *
 * Misuse detection: a map whose count exceeds its capacity is reported as
 * MEM_ERR_CORRUPT through the failure hook (object = the map) and left as
 * is.
 */
#ifndef MEM_MAP_H
#define MEM_MAP_H

#include <stdbool.h>
#include <stddef.h>

#include "mem/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mem_map {
    unsigned char *keys;   /* capacity * key_size bytes */
    unsigned char *values; /* capacity * value_size bytes (NULL if 0) */
    size_t key_size;
    size_t value_size;
    size_t capacity;
    size_t count;
} mem_map_t;

typedef struct mem_map_iter {
    mem_map_t *map;
    size_t next;      /* slots below this index are not yet visited */
    size_t current;   /* slot returned by the last successful next */
    size_t count_seen; /* map->count when `current` was returned */
    bool has_current;  /* false before the first next and after iter_remove */
} mem_map_iter_t;

/*
 * Attach the key and value arrays. key_size must be > 0; value_size may be
 * 0 (a set; values may then be NULL). O(1). ISR-safe. Failures:
 * MEM_ERR_ARG (map or keys NULL, or values NULL with value_size > 0),
 * MEM_ERR_SIZE (key_size == 0, capacity == 0, or capacity * key_size /
 * capacity * value_size overflows size_t). `map` is unchanged on failure.
 */
mem_status_t mem_map_init(mem_map_t *map, void *keys, size_t key_size,
                          void *values, size_t value_size, size_t capacity);

/* Remove every entry. O(1). ISR-safe. Failures: MEM_ERR_ARG (map NULL). */
mem_status_t mem_map_clear(mem_map_t *map);

/* Number of entries (0 if map is NULL). O(1). ISR-safe. */
size_t mem_map_count(const mem_map_t *map);

/* Maximum entries (0 if map is NULL). O(1). ISR-safe. */
size_t mem_map_capacity(const mem_map_t *map);

/*
 * Insert key -> value, or overwrite the value if key is present. value may
 * be NULL only when value_size is 0. O(count * key_size). ISR-safe.
 * Failures: MEM_ERR_ARG (map or key NULL, value NULL with value_size > 0),
 * MEM_ERR_CORRUPT, MEM_ERR_FULL (key absent and count == capacity; nothing
 * changes). `key`/`value` must not point into the map's own arrays.
 */
mem_status_t mem_map_insert(mem_map_t *map, const void *key,
                            const void *value);

/*
 * Copy the value stored for `key` into `value_out` (may be NULL: presence
 * test). O(count * key_size). ISR-safe. Failures: MEM_ERR_ARG (map or key
 * NULL), MEM_ERR_CORRUPT, MEM_ERR_NOT_FOUND.
 */
mem_status_t mem_map_get(const mem_map_t *map, const void *key,
                         void *value_out);

/*
 * Pointer to the stored value for `key` (for in-place update), or NULL if
 * absent, on bad arguments, or on a corrupt map (reported). With
 * value_size 0 a present key gives a non-NULL pointer that must not be
 * dereferenced. O(count * key_size). ISR-safe.
 */
void *mem_map_find(const mem_map_t *map, const void *key);

/* true if key is present (false on bad arguments or a corrupt map, which
 * is reported). O(count * key_size). ISR-safe. */
bool mem_map_contains(const mem_map_t *map, const void *key);

/*
 * Remove `key`, copying its value to `value_out` unless NULL. The last
 * entry moves into the freed slot. O(count * key_size). ISR-safe.
 * Failures: MEM_ERR_ARG (map or key NULL), MEM_ERR_CORRUPT,
 * MEM_ERR_NOT_FOUND (nothing changes).
 */
mem_status_t mem_map_remove(mem_map_t *map, const void *key, void *value_out);

/*
 * Start an iteration over `map` (see the rules above). O(1). ISR-safe.
 * Failures: MEM_ERR_ARG (it or map NULL), MEM_ERR_CORRUPT.
 */
mem_status_t mem_map_iter_init(mem_map_iter_t *it, mem_map_t *map);

/*
 * Advance to the next entry; true with *key / *value set (either out
 * pointer may be NULL), false when the iteration is over or on bad
 * arguments. O(1). ISR-safe.
 */
bool mem_map_iter_next(mem_map_iter_t *it, const void **key, void **value);

/*
 * Remove the entry returned by the last mem_map_iter_next. O(key_size +
 * value_size). ISR-safe. Failures: MEM_ERR_ARG (it NULL or not
 * initialised), MEM_ERR_STATE (no current entry: next not called yet or
 * the entry was already removed with iter_remove; or the map's count
 * changed since that next — an insert of a new key, a mem_map_remove or a
 * clear in between — in which case the slot may hold a different entry and
 * nothing is removed).
 */
mem_status_t mem_map_iter_remove(mem_map_iter_t *it);

#ifdef __cplusplus
}
#endif

#endif /* MEM_MAP_H */
