/*
 * Reset for every tidemark Cortex-M7 board.
 *
 * Reset_Handler is naked assembly that enables the FPU (CPACR CP10/CP11 full
 * access) before any compiled C runs, because hard-float code may touch
 * FP registers anywhere. It then calls cortex_m7_start(), which runs the
 * board's early init, copies and zeroes RAM sections from the linker tables
 * (bsp/cortex_m7/cortex_m7_sections.ld), and calls main().
 */
#include <stdint.h>

#include "bsp/board.h"
#include "cortex_m7.h"
#include "cortex_m7/barrier.h"

struct copy_entry {
    const uint32_t *load;
    uint32_t *start;
    uint32_t *end;
};

struct zero_entry {
    uint32_t *start;
    uint32_t *end;
};

extern const struct copy_entry __copy_table_start[];
extern const struct copy_entry __copy_table_end[];
extern const struct zero_entry __zero_table_start[];
extern const struct zero_entry __zero_table_end[];

int main(void);
void cortex_m7_start(void) __attribute__((noreturn, used));

/* Word loops written out so that startup never depends on RAM state (the
 * compiler may turn them into memcpy/memset calls, which live in flash). */
void cortex_m7_start(void)
{
    bsp_board_early_init();
    for (const struct copy_entry *e = __copy_table_start; e < __copy_table_end; ++e) {
        const uint32_t *src = e->load;
        if (src == e->start) {
            continue; /* runs where it is loaded (e.g. .itcm on mps2-an500) */
        }
        for (uint32_t *dst = e->start; dst < e->end; ++dst, ++src) {
            *dst = *src;
        }
    }
    for (const struct zero_entry *e = __zero_table_start; e < __zero_table_end; ++e) {
        for (uint32_t *dst = e->start; dst < e->end; ++dst) {
            *dst = 0u;
        }
    }
    CM7_DSB();
    CM7_ISB();
    bsp_exit(main());
}

__attribute__((naked, noreturn)) void Reset_Handler(void)
{
    __asm__ volatile(
        "ldr r0, =0xE000ED88\n\t" /* SCB->CPACR */
        "ldr r1, [r0]\n\t"
        "orr r1, r1, #(0xF << 20)\n\t" /* CP10, CP11: full access */
        "str r1, [r0]\n\t"
        "dsb\n\t"
        "isb\n\t"
        "b cortex_m7_start\n\t"
        ".ltorg\n\t");
}
