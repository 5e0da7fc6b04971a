/*
 * hello: the smallest tidemark firmware. Prints a greeting and proves that
 * the reset handler initialised every RAM section: initialised data in DTCM,
 * SRAM1 and SRAM2 must hold their link-time values, and zero-initialised
 * data in each region must read back as zero (the QEMU test fills RAM with
 * 0xA5 before boot, so a skipped zeroing shows). It also paints its stack
 * and reports the high-water mark, which the test compares with the static
 * worst-case bound of the same image.
 */
#include <stddef.h>
#include <stdint.h>

#include "bsp/board.h"
#include "bsp/console.h"
#include "mem/region.h"
#include "mem/stack.h"

uint32_t hello_data_dtcm = 0x1DC3D7C1u;           /* .data (DTCM) */
MEM_DTCM uint32_t hello_dtcm = 0xD7C30001u;        /* .dtcm */
MEM_SRAM1 uint32_t hello_sram1 = 0x5A41F001u;      /* .sram1 */
MEM_SRAM2 uint32_t hello_sram2 = 0x5A42F002u;      /* .sram2 */
uint32_t hello_bss[16];                            /* .bss (DTCM) */
MEM_SRAM1_BSS uint32_t hello_sram1_bss[16];        /* .sram1_bss */
MEM_SRAM2_BSS uint32_t hello_sram2_bss[16];        /* .sram2_bss */

static uint32_t or_all(const volatile uint32_t *p, size_t n)
{
    uint32_t acc = 0;
    for (size_t i = 0; i < n; ++i) {
        acc |= p[i];
    }
    return acc;
}

static void report(const char *name, const volatile uint32_t *addr, uint32_t value)
{
    bsp_print(name);
    bsp_print(" @");
    bsp_print_hex32((uint32_t)(uintptr_t)addr);
    bsp_print(" = ");
    bsp_print_hex32(value);
    bsp_print("\n");
}

int main(void)
{
    (void)MEM_STACK_MSP_PAINT();
    bsp_init();
    bsp_print("hello from tidemark on ");
    bsp_print(bsp_board_name);
    bsp_print("\n");
    report("data_dtcm", &hello_data_dtcm, hello_data_dtcm);
    report("dtcm", &hello_dtcm, hello_dtcm);
    report("sram1", &hello_sram1, hello_sram1);
    report("sram2", &hello_sram2, hello_sram2);
    report("bss_or", hello_bss, or_all(hello_bss, 16));
    report("sram1_bss_or", hello_sram1_bss, or_all(hello_sram1_bss, 16));
    report("sram2_bss_or", hello_sram2_bss, or_all(hello_sram2_bss, 16));
    mem_stack_usage_t stack;
    if (MEM_STACK_MSP_MEASURE(&stack) == MEM_OK) {
        bsp_print("stack used ");
        bsp_print_hex32((uint32_t)stack.used);
        bsp_print(" of ");
        bsp_print_hex32((uint32_t)stack.size);
        bsp_print("\n");
    }
    bsp_print("done\n");
    return 0;
}
