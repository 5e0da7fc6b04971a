/*
 * mem/status.h — status codes and the failure hook shared by every //mem
 * component.
 *
 * Two kinds of bad news exist in //mem:
 *   - Expected outcomes (a full queue, an empty pool, a truncated string) are
 *     returned as a mem_status_t and nothing else happens.
 *   - Misuse (double free, a pointer that does not belong to the structure,
 *     a corrupted heap) is returned as well, and additionally reported through
 *     the failure hook so that a release build can log, count or trap it. The
 *     structure is left exactly as it was before the call.
 */
#ifndef MEM_STATUS_H
#define MEM_STATUS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mem_status {
    MEM_OK = 0,
    MEM_ERR_ARG,         /* NULL or otherwise invalid argument */
    MEM_ERR_ALIGN,       /* storage or pointer not suitably aligned */
    MEM_ERR_SIZE,        /* size too small, too large, or arithmetic overflow */
    MEM_ERR_FULL,        /* no room: container, queue or ring is full */
    MEM_ERR_EMPTY,       /* nothing to take: container, queue or ring is empty */
    MEM_ERR_NOMEM,       /* allocator has no block that fits */
    MEM_ERR_RANGE,       /* index out of range */
    MEM_ERR_NOT_FOUND,   /* key not present */
    MEM_ERR_TRUNCATED,   /* output cut to fit; result still valid and terminated */
    MEM_ERR_DOUBLE_FREE, /* block is already free (misuse: reported via hook) */
    MEM_ERR_FOREIGN,     /* pointer does not belong to this object (misuse) */
    MEM_ERR_CORRUPT,     /* internal metadata inconsistent (misuse) */
    MEM_ERR_STATE,       /* call not valid in the object's current state */
    MEM_STATUS_COUNT_
} mem_status_t;

/*
 * Short, stable name of a status ("MEM_OK", "MEM_ERR_FULL", ...).
 * O(1), ISR-safe. Unknown values give "MEM_ERR_UNKNOWN".
 */
const char *mem_status_name(mem_status_t status);

/*
 * Failure hook: called for misuse (MEM_ERR_DOUBLE_FREE, MEM_ERR_FOREIGN,
 * MEM_ERR_CORRUPT, and MEM_ERR_ALIGN on a pointer handed back to a
 * structure) in every build type, and for failed internal assertions when
 * MEM_CONFIG_ASSERT is enabled.
 *   object  — the structure the call was made on (pool, heap, ...)
 *   pointer — the offending pointer, or NULL when there is none
 *   context — the value given to mem_failure_hook_set
 * The hook runs in the caller's context (possibly an ISR) and must not call
 * back into the same structure. It may return (the call then fails cleanly
 * with the same status) or not return (trap, reset).
 */
typedef void (*mem_failure_hook_t)(mem_status_t status, const void *object,
                                   const void *pointer, void *context);

/*
 * Install the failure hook (NULL restores the default, which does nothing).
 * O(1). Not ISR-safe against a concurrent report: set it at start-up.
 * Reports no failure.
 */
void mem_failure_hook_set(mem_failure_hook_t hook, void *context);

/*
 * Report a failure through the installed hook. Used by //mem components and
 * available to code built on them. O(1) plus the hook's cost; ISR-safe if the
 * hook is.
 */
void mem_failure_report(mem_status_t status, const void *object,
                        const void *pointer);

#ifdef __cplusplus
}
#endif

#endif /* MEM_STATUS_H */
