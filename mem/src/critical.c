/*
 * Default critical section behind MEM_CRITICAL_ENTER/EXIT (mem/config.h) on
 * hosts: a process-wide recursive spin lock. Cortex-M uses PRIMASK instead
 * (mem/src/arch/armv7m/critical.S, selected in mem/BUILD). Compiled only when
 * the user has not supplied their own macros.
 */
#include "mem/config.h"

#if defined(MEM_CRITICAL_USES_DEFAULT)

#if MEM_TARGET_CORTEX_M_EXCLUSIVES || defined(__ARM_ARCH_6M__)
#error "Cortex-M: build mem/src/arch/armv7m/critical.S (PRIMASK) instead"
#endif

#include <stdatomic.h>

static atomic_flag g_lock = ATOMIC_FLAG_INIT;
static _Thread_local uint32_t g_depth;

mem_critical_state_t mem_critical_enter_default(void)
{
    if (g_depth++ == 0u) {
        while (atomic_flag_test_and_set_explicit(&g_lock,
                                                 memory_order_acquire)) {
        }
    }
    return 0u;
}

void mem_critical_exit_default(mem_critical_state_t state)
{
    (void)state;
    if (--g_depth == 0u) {
        atomic_flag_clear_explicit(&g_lock, memory_order_release);
    }
}

#endif
