#include "mem/status.h"

#include <stddef.h>

static mem_failure_hook_t g_failure_hook;
static void *g_failure_context;

const char *mem_status_name(mem_status_t status)
{
    static const char *const names[MEM_STATUS_COUNT_] = {
        [MEM_OK] = "MEM_OK",
        [MEM_ERR_ARG] = "MEM_ERR_ARG",
        [MEM_ERR_ALIGN] = "MEM_ERR_ALIGN",
        [MEM_ERR_SIZE] = "MEM_ERR_SIZE",
        [MEM_ERR_FULL] = "MEM_ERR_FULL",
        [MEM_ERR_EMPTY] = "MEM_ERR_EMPTY",
        [MEM_ERR_NOMEM] = "MEM_ERR_NOMEM",
        [MEM_ERR_RANGE] = "MEM_ERR_RANGE",
        [MEM_ERR_NOT_FOUND] = "MEM_ERR_NOT_FOUND",
        [MEM_ERR_TRUNCATED] = "MEM_ERR_TRUNCATED",
        [MEM_ERR_DOUBLE_FREE] = "MEM_ERR_DOUBLE_FREE",
        [MEM_ERR_FOREIGN] = "MEM_ERR_FOREIGN",
        [MEM_ERR_CORRUPT] = "MEM_ERR_CORRUPT",
        [MEM_ERR_STATE] = "MEM_ERR_STATE",
    };
    if ((unsigned)status >= (unsigned)MEM_STATUS_COUNT_) {
        return "MEM_ERR_UNKNOWN";
    }
    return names[status];
}

void mem_failure_hook_set(mem_failure_hook_t hook, void *context)
{
    g_failure_context = context;
    g_failure_hook = hook;
}

void mem_failure_report(mem_status_t status, const void *object,
                        const void *pointer)
{
    mem_failure_hook_t hook = g_failure_hook;
    if (hook != NULL) {
        hook(status, object, pointer, g_failure_context);
    }
}
