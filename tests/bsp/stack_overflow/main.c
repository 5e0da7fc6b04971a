/*
 * Test firmware: overflow the main stack into the MPU guard and check that
 * the fault capture survives the reset.
 *
 * Boot 1: no fault record, so recurse until a push lands in the guard
 * below the stack -> MemManage -> the BSP writes a fault record into .noinit
 * and resets. Boot 2: bsp_init prints the record ("fault: ..."); the record
 * is left unread and the program resets itself (bsp_reset). Boot 3: the
 * record is printed again (kept until read), this program takes it
 * (bsp_fault_take), checks that taking it again finds nothing, prints
 * "taken ..." and exits 0. A boot counter in .noinit tells the boots apart.
 * The QEMU test (stack_overflow_qemu_test.py) checks the printed record
 * against the ELF's guard symbols.
 */
#include <stdint.h>

#include "bsp/board.h"
#include "bsp/console.h"
#include "mem/region.h"

#define BOOT_MAGIC 0xB0075EEDu

/* {BOOT_MAGIC, boots so far}; garbage (so reset) at power-on. */
MEM_NOINIT static uint32_t g_boot[2];

/* Deeper than any stack: the recursion ends in the guard long before.
 * STACK_OVERFLOW_WITHOUT_DATA builds an image with no .data section at all
 * (the limit is set at run time instead), the layout in which .bss once lay
 * over .noinit and every reset wiped the fault record and boot counter. */
#if defined(STACK_OVERFLOW_WITHOUT_DATA)
static volatile uint32_t g_depth_limit;
#define DEPTH_LIMIT_SET() (g_depth_limit = 0xFFFFFFFFu)
#else
static volatile uint32_t g_depth_limit = 0xFFFFFFFFu;
#define DEPTH_LIMIT_SET() ((void)0)
#endif

/* Each level keeps a 32-byte frame alive across the call, so the compiler
 * can neither drop the frame nor turn the recursion into a loop. */
__attribute__((noinline)) static uint32_t dig(uint32_t depth)
{
    volatile uint32_t frame[8];
    for (uint32_t i = 0; i < 8u; ++i) {
        frame[i] = depth + i;
    }
    if (depth == g_depth_limit) {
        return frame[0];
    }
    return dig(depth + 1u) + frame[depth % 8u];
}

static uint32_t count_boot(void)
{
    if (g_boot[0] != BOOT_MAGIC) {
        g_boot[0] = BOOT_MAGIC;
        g_boot[1] = 0u;
    }
    g_boot[1] += 1u;
    return g_boot[1];
}

int main(void)
{
    bsp_init();
    uint32_t boot = count_boot();
    bsp_print("boot ");
    bsp_print_hex32(boot);
    bsp_print("\n");
    bsp_fault_record_t record;
    if (boot == 2u) {
        bsp_print("leaving the record unread, resetting\n");
        bsp_reset();
    }
    if (bsp_fault_take(&record)) {
        bsp_fault_record_t again;
        if (bsp_fault_take(&again)) {
            bsp_print("error: record still there after take\n");
            return 1;
        }
        bsp_print("taken exception=");
        bsp_print(bsp_fault_name(record.exception));
        bsp_print(" mmfar=");
        bsp_print_hex32(record.mmfar);
        bsp_print("\n");
        return 0;
    }
    DEPTH_LIMIT_SET();
    bsp_print("overflowing the stack\n");
    uint32_t r = dig(0u);
    bsp_print("error: survived the overflow ");
    bsp_print_hex32(r);
    bsp_print("\n");
    return 1;
}
