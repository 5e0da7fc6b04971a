#include "mem/stack.h"

#include <stdbool.h>

/*
 * A live stack holds other frames' sanitizer redzones and data written by
 * whoever owns it, so the region accesses below are deliberately invisible
 * to AddressSanitizer and ThreadSanitizer.
 */
#if defined(__clang__)
#define STACK_NO_SANITIZE __attribute__((no_sanitize("address", "thread")))
#elif defined(__GNUC__) && (defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__))
#define STACK_NO_SANITIZE __attribute__((no_sanitize_address, no_sanitize_thread))
#else
#define STACK_NO_SANITIZE
#endif

#define STACK_WORD_SIZE ((uintptr_t)sizeof(uint32_t))

static mem_status_t check_region(const void *low, const void *high)
{
    if (low == NULL || high == NULL) {
        return MEM_ERR_ARG;
    }
    uintptr_t lo = (uintptr_t)low;
    uintptr_t hi = (uintptr_t)high;
    if (lo > hi) {
        return MEM_ERR_ARG;
    }
    if (lo == hi) {
        return MEM_ERR_SIZE;
    }
    if (((lo | hi) & (STACK_WORD_SIZE - 1u)) != 0u) {
        return MEM_ERR_ALIGN;
    }
    return MEM_OK;
}

/* Read SP in the calling function itself (always inlined). */
static inline __attribute__((always_inline)) uintptr_t read_sp(void)
{
    uintptr_t sp;
#if defined(__arm__) || defined(__thumb__) || defined(__aarch64__)
    __asm__ volatile("mov %0, sp" : "=r"(sp));
#elif defined(__x86_64__)
    __asm__ volatile("movq %%rsp, %0" : "=r"(sp));
#elif defined(__i386__)
    __asm__ volatile("movl %%esp, %0" : "=r"(sp));
#else
    sp = (uintptr_t)__builtin_frame_address(0);
#endif
    return sp;
}

void *mem_stack_current_sp(void)
{
    return (void *)read_sp();
}

STACK_NO_SANITIZE
mem_status_t mem_stack_paint(void *low, void *high)
{
    mem_status_t status = check_region(low, high);
    if (status != MEM_OK) {
        return status;
    }
    volatile uint32_t *p = (volatile uint32_t *)low;
    volatile uint32_t *const end = (volatile uint32_t *)high;
    while (p < end) {
        *p++ = MEM_STACK_PAINT_WORD;
    }
    return MEM_OK;
}

STACK_NO_SANITIZE
mem_status_t mem_stack_paint_active(void *low, void *high, size_t margin)
{
    /* SP first: this function calls nothing while painting, so no frame of
     * ours lives below this value. */
    uintptr_t sp = read_sp();
    mem_status_t status = check_region(low, high);
    if (status != MEM_OK) {
        return status;
    }
    uintptr_t lo = (uintptr_t)low;
    uintptr_t hi = (uintptr_t)high;
    if (sp <= lo || sp > hi) {
        return MEM_ERR_RANGE;
    }
    if (sp - lo <= margin) {
        return MEM_ERR_SIZE;
    }
    uintptr_t limit = (sp - margin) & ~(STACK_WORD_SIZE - 1u);
    if (limit <= lo) {
        return MEM_ERR_SIZE;
    }
    volatile uint32_t *p = (volatile uint32_t *)low;
    volatile uint32_t *const end = (volatile uint32_t *)limit;
    while (p < end) {
        *p++ = MEM_STACK_PAINT_WORD;
    }
    return MEM_OK;
}

STACK_NO_SANITIZE
mem_status_t mem_stack_measure(const void *low, const void *high,
                               mem_stack_usage_t *usage)
{
    if (usage == NULL) {
        return MEM_ERR_ARG;
    }
    mem_status_t status = check_region(low, high);
    if (status != MEM_OK) {
        return status;
    }
    const volatile uint32_t *p = (const volatile uint32_t *)low;
    const volatile uint32_t *const end = (const volatile uint32_t *)high;
    while (p < end && *p == MEM_STACK_PAINT_WORD) {
        ++p;
    }
    size_t size = (size_t)((uintptr_t)high - (uintptr_t)low);
    size_t free_bytes = (size_t)((uintptr_t)p - (uintptr_t)low);
    usage->size = size;
    usage->free = free_bytes;
    usage->used = size - free_bytes;
    return MEM_OK;
}
