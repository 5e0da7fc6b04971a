/*
 * mem/vector.h — fixed-capacity vector with caller- or statically-owned
 * storage.
 *
 * Two layers:
 *
 *   1. An element-size-generic core (mem_vec_push, mem_vec_insert, ...). It
 *      works on a plain array (`items`, `elem_size`, `capacity`) and a length
 *      held by the caller as a size_t. One copy of this code serves every
 *      element type in the program.
 *
 *   2. MEM_VEC_DEFINE(name, T, CAPACITY, LEN_T), which declares a typed
 *      container `name_t` holding `LEN_T len; T items[CAPACITY];` together
 *      with `static inline` typed wrappers (name_push, name_at, ...). The
 *      capacity and element size are compile-time constants and are not
 *      stored, so a vector costs exactly sizeof(LEN_T) plus its items (plus
 *      alignment padding). LEN_T is chosen per instantiation (uint8_t,
 *      uint16_t or uint32_t); a compile-time check rejects a CAPACITY that
 *      LEN_T cannot count.
 *
 * Example:
 *
 *     MEM_VEC_DEFINE(sample_vec, uint16_t, 32, uint8_t);  // 2 + 64 bytes
 *     static sample_vec_t samples;                        // zeroed = empty
 *
 *     uint16_t s = 7;
 *     if (sample_vec_push(&samples, &s) == MEM_ERR_FULL) { ... }
 *
 * Concurrency: no function locks. Every function is reentrant for distinct
 * vectors and may be called from any context (thread or ISR) as long as no
 * other context uses the same vector at the same time; wrap shared vectors
 * in MEM_CRITICAL_ENTER/EXIT yourself. No function reports through the
 * failure hook except on MEM_ERR_CORRUPT (length larger than capacity).
 *
 * Common failures (listed again per function):
 *   MEM_ERR_ARG     a required pointer is NULL
 *   MEM_ERR_SIZE    elem_size is 0, or capacity * elem_size overflows size_t
 *   MEM_ERR_CORRUPT *len > capacity (also reported through the failure hook
 *                   with the items pointer as object)
 * On every failure the vector is left unchanged.
 */
#ifndef MEM_VECTOR_H
#define MEM_VECTOR_H

#include <stddef.h>
#include <stdint.h>

#include "mem/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- element-size-generic core ------------------------------------------- */

/*
 * Append a copy of `elem` (elem_size bytes) at index *len and increment *len.
 * O(elem_size). ISR-safe. Failures: MEM_ERR_ARG (items, len or elem NULL),
 * MEM_ERR_SIZE, MEM_ERR_CORRUPT, MEM_ERR_FULL (*len == capacity; nothing
 * changes).
 */
mem_status_t mem_vec_push(void *items, size_t elem_size, size_t capacity,
                          size_t *len, const void *elem);

/*
 * Remove the last element, copying it to `out` unless out is NULL.
 * O(elem_size). ISR-safe. Failures: MEM_ERR_ARG (items or len NULL),
 * MEM_ERR_SIZE, MEM_ERR_CORRUPT, MEM_ERR_EMPTY (*len == 0; nothing changes).
 */
mem_status_t mem_vec_pop(const void *items, size_t elem_size, size_t capacity,
                         size_t *len, void *out);

/*
 * Insert a copy of `elem` at `index` (0 <= index <= *len), shifting the
 * elements at index.. one place up. O((*len - index) * elem_size).
 * ISR-safe. Failures: MEM_ERR_ARG (items, len or elem NULL), MEM_ERR_SIZE,
 * MEM_ERR_CORRUPT, MEM_ERR_RANGE (index > *len), MEM_ERR_FULL (*len ==
 * capacity). RANGE is checked before FULL. Nothing changes on failure.
 * `elem` must not point into the vector's own storage.
 */
mem_status_t mem_vec_insert(void *items, size_t elem_size, size_t capacity,
                            size_t *len, size_t index, const void *elem);

/*
 * Remove the element at `index` (index < *len), copying it to `out` unless
 * out is NULL, and shift the following elements down (order is kept).
 * O((*len - index) * elem_size). ISR-safe. Failures: MEM_ERR_ARG (items or
 * len NULL), MEM_ERR_SIZE, MEM_ERR_CORRUPT, MEM_ERR_RANGE (index >= *len,
 * including an empty vector). Nothing changes on failure.
 */
mem_status_t mem_vec_remove(void *items, size_t elem_size, size_t capacity,
                            size_t *len, size_t index, void *out);

/*
 * Pointer to the element at `index`, or NULL when index >= len, items is
 * NULL, elem_size is 0, capacity * elem_size overflows, or len > capacity.
 * O(1). ISR-safe. Never reports through the hook. The pointer
 * stays valid until the element is moved by insert/remove.
 */
void *mem_vec_at(const void *items, size_t elem_size, size_t capacity,
                 size_t len, size_t index);

/* ---- typed instantiation ---------------------------------------------- */

/* Compile-time check usable at file scope in C11 and C++. */
#ifdef __cplusplus
#define MEM_VEC_STATIC_ASSERT_(cond, msg) static_assert(cond, msg)
#else
#define MEM_VEC_STATIC_ASSERT_(cond, msg) _Static_assert(cond, msg)
#endif

/* Instantiations need not use every wrapper. */
#if defined(__GNUC__) || defined(__clang__)
#define MEM_VEC_UNUSED_ __attribute__((unused))
#else
#define MEM_VEC_UNUSED_
#endif

/*
 * MEM_VEC_DEFINE(name, T, CAPACITY, LEN_T) declares:
 *
 *   typedef struct name { LEN_T len; T items[CAPACITY]; } name##_t;
 *
 * A zero-initialised name##_t (e.g. any static one) is a valid empty
 * vector; name##_init() empties one with automatic storage. Functions
 * (all static inline, each a thin call into the core above; the failure
 * statuses and complexity are those of the core function named; all are
 * ISR-safe under the rules in "Concurrency" above):
 *
 *   void         name_init(name_t *v)                 O(1), sets len = 0
 *   void         name_clear(name_t *v)                O(1), sets len = 0
 *   size_t       name_len(const name_t *v)            O(1)
 *   size_t       name_capacity(const name_t *v)       O(1), = CAPACITY
 *   mem_status_t name_push(name_t *v, const T *e)     mem_vec_push
 *   mem_status_t name_pop(name_t *v, T *out)          mem_vec_pop
 *   mem_status_t name_insert(name_t *v, size_t i, const T *e) mem_vec_insert
 *   mem_status_t name_remove(name_t *v, size_t i, T *out)     mem_vec_remove
 *   T           *name_at(name_t *v, size_t i)         mem_vec_at (NULL if
 *                                                      out of range)
 *   mem_status_t name_get(const name_t *v, size_t i, T *out)
 *                O(1); MEM_ERR_ARG (v or out NULL), MEM_ERR_RANGE (i >= len)
 *
 * init/clear/len/capacity require a non-NULL v. Use
 * MEM_VEC_DEFINE at file scope, once per translation unit per name (the
 * functions are static inline, so a header can hold it).
 */
#define MEM_VEC_DEFINE(name, T, CAPACITY, LEN_T)                               \
    MEM_VEC_STATIC_ASSERT_((CAPACITY) > 0, #name ": capacity must be > 0");    \
    MEM_VEC_STATIC_ASSERT_((uintmax_t)(CAPACITY) <= (uintmax_t)(LEN_T)-1 &&    \
                               (LEN_T)-1 > 0,                                  \
                           #name ": LEN_T is signed or cannot hold CAPACITY"); \
    typedef struct name {                                                      \
        LEN_T len;                                                             \
        T items[CAPACITY];                                                     \
    } name##_t;                                                                \
    MEM_VEC_UNUSED_ static inline void                                         \
    name##_init(name##_t *v) { v->len = 0; }                                   \
    MEM_VEC_UNUSED_ static inline void                                         \
    name##_clear(name##_t *v) { v->len = 0; }                                  \
    MEM_VEC_UNUSED_ static inline size_t                                       \
    name##_len(const name##_t *v) { return v->len; }                           \
    MEM_VEC_UNUSED_ static inline size_t                                       \
    name##_capacity(const name##_t *v)                                         \
    {                                                                          \
        (void)v;                                                               \
        return (CAPACITY);                                                     \
    }                                                                          \
    MEM_VEC_UNUSED_ static inline mem_status_t                                 \
    name##_push(name##_t *v, const T *e)                                       \
    {                                                                          \
        if (v == NULL) {                                                       \
            return MEM_ERR_ARG;                                                \
        }                                                                      \
        size_t n = v->len;                                                     \
        mem_status_t s = mem_vec_push(v->items, sizeof(T), (CAPACITY), &n, e); \
        v->len = (LEN_T)n;                                                     \
        return s;                                                              \
    }                                                                          \
    MEM_VEC_UNUSED_ static inline mem_status_t                                 \
    name##_pop(name##_t *v, T *out)                                            \
    {                                                                          \
        if (v == NULL) {                                                       \
            return MEM_ERR_ARG;                                                \
        }                                                                      \
        size_t n = v->len;                                                     \
        mem_status_t s =                                                       \
            mem_vec_pop(v->items, sizeof(T), (CAPACITY), &n, out);            \
        v->len = (LEN_T)n;                                                     \
        return s;                                                              \
    }                                                                          \
    MEM_VEC_UNUSED_ static inline mem_status_t                                 \
    name##_insert(name##_t *v, size_t i, const T *e)                           \
    {                                                                          \
        if (v == NULL) {                                                       \
            return MEM_ERR_ARG;                                                \
        }                                                                      \
        size_t n = v->len;                                                     \
        mem_status_t s =                                                       \
            mem_vec_insert(v->items, sizeof(T), (CAPACITY), &n, i, e);         \
        v->len = (LEN_T)n;                                                     \
        return s;                                                              \
    }                                                                          \
    MEM_VEC_UNUSED_ static inline mem_status_t                                 \
    name##_remove(name##_t *v, size_t i, T *out)                               \
    {                                                                          \
        if (v == NULL) {                                                       \
            return MEM_ERR_ARG;                                                \
        }                                                                      \
        size_t n = v->len;                                                     \
        mem_status_t s =                                                       \
            mem_vec_remove(v->items, sizeof(T), (CAPACITY), &n, i, out);       \
        v->len = (LEN_T)n;                                                     \
        return s;                                                              \
    }                                                                          \
    MEM_VEC_UNUSED_ static inline T *                                          \
    name##_at(name##_t *v, size_t i)                                           \
    {                                                                          \
        if (v == NULL) {                                                       \
            return NULL;                                                       \
        }                                                                      \
        return (T *)mem_vec_at(v->items, sizeof(T), (CAPACITY), v->len, i);    \
    }                                                                          \
    MEM_VEC_UNUSED_ static inline mem_status_t                                 \
    name##_get(const name##_t *v, size_t i, T *out)                            \
    {                                                                          \
        if (v == NULL || out == NULL) {                                        \
            return MEM_ERR_ARG;                                                \
        }                                                                      \
        if (i >= v->len || v->len > (CAPACITY)) {                              \
            return MEM_ERR_RANGE;                                              \
        }                                                                      \
        *out = v->items[i];                                                    \
        return MEM_OK;                                                         \
    }                                                                          \
    typedef int name##_define_ends_with_semicolon_

#ifdef __cplusplus
}
#endif

#endif /* MEM_VECTOR_H */
