/*
 * mem/config.h — compile-time configuration of //mem.
 *
 * Override any of the macros below by defining MEM_CONFIG_HEADER to the name
 * of your own header (e.g. -DMEM_CONFIG_HEADER='"my_mem_config.h"'); it is
 * included first, and anything it defines wins over the defaults here.
 * With Bazel, set it from a cc_library of your own chosen by the label flag
 * --@tidemark//mem:config (see mem/BUILD and examples/consumer/mem_config).
 * A header that defines MEM_CRITICAL_ENTER also typedefs
 * mem_critical_state_t.
 *
 *   MEM_CRITICAL_ENTER()       -> returns an opaque mem_critical_state_t
 *   MEM_CRITICAL_EXIT(state)      restores what ENTER saved (nests correctly)
 *       Used only by the explicitly "locked" wrappers (e.g. the locked heap).
 *       Default on Cortex-M: save PRIMASK, disable interrupts; restore.
 *       Default on a hosted build: a process-wide recursive spin lock.
 *   MEM_CONFIG_ASSERT          1 = check internal invariants and report a
 *                              violation as MEM_ERR_CORRUPT through the failure
 *                              hook; 0 = compile the checks out.
 *                              Default: 1 unless NDEBUG is defined.
 *   MEM_CONFIG_POISON          1 = heaps overwrite freed memory with
 *                              MEM_POISON_BYTE. Default 0.
 *   MEM_POISON_BYTE            Default 0xA5.
 *   MEM_CONFIG_SINGLE_CORE     1 = every context that shares an SPSC queue
 *                              runs on ONE core (threads and ISRs of one
 *                              Cortex-M). The queue then orders its slot
 *                              accesses with compiler-only fences
 *                              (atomic_signal_fence) and relaxed atomics: no
 *                              DMB. 0 = producer and consumer may run on
 *                              different cores or host threads: acquire /
 *                              release (a DMB each on Armv7-M).
 *                              Default: 1 on Cortex-M targets
 *                              (MEM_TARGET_CORTEX_M_EXCLUSIVES), 0 elsewhere.
 *                              Set it to 0 on multi-core parts whose cores
 *                              share a queue. DMA is not a "core": a driver
 *                              handing a zero-copy span to DMA (or taking one
 *                              from it) does its own DMB and cache
 *                              maintenance. Details: mem/docs/spsc.md.
 */
#ifndef MEM_CONFIG_H
#define MEM_CONFIG_H

#ifdef MEM_CONFIG_HEADER
#include MEM_CONFIG_HEADER
#endif

#include <stdint.h>

#include "mem/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- target detection -------------------------------------------------- */
#if defined(__ARM_ARCH_7M__) || defined(__ARM_ARCH_7EM__) || \
    defined(__ARM_ARCH_8M_MAIN__)
#define MEM_TARGET_CORTEX_M_EXCLUSIVES 1 /* LDREX/STREX available */
#else
#define MEM_TARGET_CORTEX_M_EXCLUSIVES 0
#endif

/* ---- SPSC memory ordering (see the table above) ------------------------- */
#ifndef MEM_CONFIG_SINGLE_CORE
#if MEM_TARGET_CORTEX_M_EXCLUSIVES
#define MEM_CONFIG_SINGLE_CORE 1
#else
#define MEM_CONFIG_SINGLE_CORE 0
#endif
#endif

/* ---- critical section -------------------------------------------------- */
#ifndef MEM_CRITICAL_ENTER
#define MEM_CRITICAL_USES_DEFAULT 1
typedef uint32_t mem_critical_state_t;

/*
 * Default critical section. O(1); callable from thread and ISR context;
 * nests (the state returned by an inner enter restores the outer state).
 */
mem_critical_state_t mem_critical_enter_default(void);
void mem_critical_exit_default(mem_critical_state_t state);

#define MEM_CRITICAL_ENTER() mem_critical_enter_default()
#define MEM_CRITICAL_EXIT(state) mem_critical_exit_default(state)
#endif

/* ---- assertions -------------------------------------------------------- */
#ifndef MEM_CONFIG_ASSERT
#ifdef NDEBUG
#define MEM_CONFIG_ASSERT 0
#else
#define MEM_CONFIG_ASSERT 1
#endif
#endif

#if MEM_CONFIG_ASSERT
#define MEM_ASSERT(cond, object)                                            \
    do {                                                                    \
        if (!(cond)) {                                                      \
            mem_failure_report(MEM_ERR_CORRUPT, (object), (const void *)0); \
        }                                                                   \
    } while (0)
#else
#define MEM_ASSERT(cond, object) ((void)(object))
#endif

/* ---- poisoning --------------------------------------------------------- */
#ifndef MEM_CONFIG_POISON
#define MEM_CONFIG_POISON 0
#endif
#ifndef MEM_POISON_BYTE
#define MEM_POISON_BYTE 0xA5u
#endif

#ifdef __cplusplus
}
#endif

#endif /* MEM_CONFIG_H */
