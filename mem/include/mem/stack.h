/*
 * mem/stack.h — stack painting and high-water-mark measurement.
 *
 * Paint a stack region with a known 32-bit word (MEM_STACK_PAINT_WORD) while
 * it is unused; later, scan it from the end the stack grows toward and count
 * the words that still hold the pattern. For the full-descending stacks of
 * Cortex-M (and of x86-64/AArch64 hosts) that end is the LOW address, so the
 * scan touches only the never-used part: its cost is proportional to the
 * free space, and it stops at the deepest point the stack ever reached.
 *
 *          low                                          high
 *           | painted, never used  | used at some point   |
 *           |<------- free ------->|<------- used ------->|
 *           scan starts here ->    ^ high-water mark      ^ initial SP
 *
 * Regions are half-open [low, high): `low` is the lowest byte, `high` one
 * past the highest byte (what an initial SP points at). Both must be 4-byte
 * aligned and low < high.
 *
 * Limits: the result is a lower bound on real usage. A used word that
 * happens to equal the pattern, or a frame that reserved space without ever
 * writing it, is counted as free. Keep a safety margin.
 *
 * The live main stack (MSP): MEM_STACK_MSP_PAINT() / MEM_STACK_MSP_MEASURE()
 * use the linker-script symbols
 *     _stack_bottom  lowest address of the main stack region
 *     _stack_top     initial SP, one past the highest byte
 * Painting a stack you are running on only paints below the current stack
 * pointer minus `margin` bytes (MEM_STACK_PAINT_MARGIN by default), so the
 * caller's active frames — and any red zone the ABI allows below SP — are
 * never overwritten. These helpers are meant for the target (call them early
 * in main() or from a start-up hook). On a hosted build they compile, and
 * work if the program defines the two symbols around the stack it runs on
 * (the tests do so with a thread whose stack is such a region); otherwise
 * they fail to link, which is intended.
 *
 * Concurrency: all functions are reentrant and may be called from thread or
 * ISR context. Measuring a stack that is in use by another context is a
 * benign read-only race (the answer may be one frame stale). Painting a
 * region another context is running on corrupts that context: paint only a
 * stack no one is using, or your own via mem_stack_paint_active.
 * The accesses are volatile word accesses and are exempt from
 * AddressSanitizer/ThreadSanitizer instrumentation (a live stack contains
 * other frames' redzones and unsynchronised data by design).
 */
#ifndef MEM_STACK_H
#define MEM_STACK_H

#include <stddef.h>
#include <stdint.h>

#include "mem/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Fill word: not a small integer, not a flash (0x08xxxxxx) or SRAM
 * (0x2xxxxxxx) address of the STM32F7, and odd (never an aligned data
 * pointer). Override with -DMEM_STACK_PAINT_WORD=... */
#ifndef MEM_STACK_PAINT_WORD
#define MEM_STACK_PAINT_WORD 0xC5A3E15Bu
#endif

/* Bytes left unpainted below the current SP by the "active" functions.
 * Covers the 128-byte red zone of the x86-64 System V ABI with room to
 * spare; AAPCS has no red zone, so on Cortex-M it is pure safety margin. */
#ifndef MEM_STACK_PAINT_MARGIN
#define MEM_STACK_PAINT_MARGIN 256u
#endif

typedef struct mem_stack_usage {
    size_t size;  /* bytes in the region (high - low) */
    size_t used;  /* bytes from the high-water mark up to high */
    size_t free;  /* bytes still holding the pattern, from low up */
} mem_stack_usage_t;

/*
 * Paint all of [low, high) with MEM_STACK_PAINT_WORD. For a region nobody is
 * running on (a task stack before the task starts, a test buffer).
 * O(size). ISR-safe. Failures: MEM_ERR_ARG (low or high NULL, or
 * low > high), MEM_ERR_SIZE (low == high: empty region), MEM_ERR_ALIGN (low
 * or high not 4-byte aligned). Nothing is written on failure.
 */
mem_status_t mem_stack_paint(void *low, void *high);

/*
 * Paint [low, align_down(sp - margin, 4)) where sp is the current stack
 * pointer, which must lie inside (low, high]. Everything from sp - margin
 * upward (the caller's frames) is left alone. O(sp - low). ISR-safe (paints
 * below the ISR's own SP if it runs on that stack). Failures: as
 * mem_stack_paint, plus MEM_ERR_RANGE (sp is not inside (low, high]: not
 * running on this stack; nothing written) and MEM_ERR_SIZE (sp - margin is
 * at or below low: no room to paint).
 */
mem_status_t mem_stack_paint_active(void *low, void *high, size_t margin);

/*
 * Measure [low, high): scan upward from low while words equal the pattern.
 * Fills *usage (free = pattern bytes from low, used = size - free).
 * O(free / 4). ISR-safe, read-only. Failures: MEM_ERR_ARG (usage, low or
 * high NULL, or low > high), MEM_ERR_SIZE (empty), MEM_ERR_ALIGN; *usage is
 * unchanged on failure. A region that was never painted reads as fully
 * used (unless its first word matches the pattern by chance).
 */
mem_status_t mem_stack_measure(const void *low, const void *high,
                               mem_stack_usage_t *usage);

/*
 * Current stack pointer (inline asm on ARM, x86-64 and AArch64;
 * __builtin_frame_address elsewhere, which is at or above the real SP).
 * O(1). ISR-safe. No failures.
 */
void *mem_stack_current_sp(void);

/* ---- main stack via linker symbols --------------------------------------- */
#ifndef MEM_STACK_NO_LINKER_SYMBOLS
extern uint32_t _stack_bottom[]; /* lowest address of the main stack */
extern uint32_t _stack_top[];    /* initial SP: one past the highest byte */
#endif

/*
 * Paint the unused part of the main stack: everything below the current SP
 * minus MEM_STACK_PAINT_MARGIN. Call on the main stack (thread mode before
 * an RTOS switches to PSP, or any code on MSP). Result and failures: those
 * of mem_stack_paint_active (MEM_ERR_RANGE if not running on it).
 */
#define MEM_STACK_MSP_PAINT()                                          \
    mem_stack_paint_active((void *)_stack_bottom, (void *)_stack_top, \
                           MEM_STACK_PAINT_MARGIN)

/*
 * Measure the main stack into *(usage_ptr). Result and failures: those of
 * mem_stack_measure.
 */
#define MEM_STACK_MSP_MEASURE(usage_ptr)                                  \
    mem_stack_measure((const void *)_stack_bottom, (const void *)_stack_top, \
                      (usage_ptr))

#ifdef __cplusplus
}
#endif

#endif /* MEM_STACK_H */
