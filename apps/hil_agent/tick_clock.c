/* Timing helpers (see tick_clock.h). */
#include "tick_clock.h"

#include "bsp/board.h"

#ifndef HIL_AGENT_TICK_ALIGN
#define HIL_AGENT_TICK_ALIGN 0
#endif

#if HIL_AGENT_TICK_ALIGN
#include "mps2_an500/cmsdk_dualtimer.h" /* the register bsp_cycles() reads */
#endif

void tick_clock_align(void)
{
#if HIL_AGENT_TICK_ALIGN
    /* Assembly, so every loop pass is exactly 6 instructions: 6 = 1 mod 5,
     * so 10 reads see each of the 5 phases of the 5-instruction / 8-tick
     * grid; then wait for the smallest low-3-bit value seen. The exit path
     * is the same from any starting phase. Bounded: at most 10 + 64 reads. */
    volatile uint32_t *value = &CMSDK_DUALTIMER1->value;
    __asm__ volatile(
        "mov   r12, #1\n\t"
        "movs  r2, #0\n\t"
        "movs  r3, #10\n\t"
        "1:\n\t"
        "ldr   r0, [%0]\n\t"
        "and   r0, r0, #7\n\t"
        "lsl   r0, r12, r0\n\t"
        "orr   r2, r2, r0\n\t"
        "subs  r3, r3, #1\n\t"
        "bne   1b\n\t"
        "rbit  r2, r2\n\t"
        "clz   r2, r2\n\t"
        "movs  r3, #64\n\t"
        "2:\n\t"
        "ldr   r0, [%0]\n\t"
        "and   r0, r0, #7\n\t"
        "cmp   r0, r2\n\t"
        "beq   3f\n\t"
        "subs  r3, r3, #1\n\t"
        "bne   2b\n\t"
        "3:\n\t"
        :
        : "r"(value)
        : "r0", "r2", "r3", "r12", "cc", "memory");
#endif
}

uint32_t tick_clock_overhead(void)
{
    uint32_t best = UINT32_MAX;
    for (uint32_t i = 0u; i < 16u; ++i) {
        const uint32_t t0 = bsp_cycles();
        const uint32_t t1 = bsp_cycles();
        if (t1 - t0 < best) {
            best = t1 - t0;
        }
    }
    return best;
}
