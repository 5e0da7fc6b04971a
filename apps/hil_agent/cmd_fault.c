/*
 * HIL_CMD_FAULT: raises a fault on purpose (kinds in hil_mailbox.h). The
 * agent does not handle it: the BSP's handler stores a sealed record in
 * .noinit and resets; the next boot publishes it in mailbox.last_fault
 * (agent_boot.c). Returning at all means there was no fault: NO_FAULT.
 * MemManage, BusFault and UsageFault are enabled and CCR.DIV_0_TRP is set by
 * bsp_init (cm7_fault_capture_enable).
 */
#include "commands.h"

/* Reserved on the STM32F769 (RM0410 §2.2.2: nothing between SRAM2's end and
 * 0x4000_0000) and unmapped on QEMU's mps2-an500: a load raises BusFault. */
#define FAULT_UNMAPPED_ADDRESS 0x30000000u

/* Recurses until a push lands in the MPU guard below the main stack
 * (MemManage). Frames stay well under the 128-byte guard, so no frame can
 * jump it; the depth bound only keeps the compiler from calling the
 * recursion infinite. */
static uint32_t overflow_stack(uint32_t depth)
{
    volatile uint32_t pad[12];
    pad[0] = depth;
    if (depth > 1000000u) {
        return pad[0];
    }
    return overflow_stack(depth + 1u) + pad[0];
}

static void load_unmapped(void)
{
    volatile const uint32_t *p = (volatile const uint32_t *)FAULT_UNMAPPED_ADDRESS;
    (void)*p;
}

static void execute_undefined(void)
{
    __asm__ volatile("udf #0" ::: "memory");
}

/* Both operands volatile: with a constant dividend the compiler may replace
 * the division (1 / x is x == 1) and no UDIV would run. */
static void divide_by_zero(void)
{
    volatile uint32_t dividend = 1000u;
    volatile uint32_t zero = 0u;
    volatile uint32_t quotient = dividend / zero;
    (void)quotient;
}

agent_answer_t cmd_fault(const uint32_t args[HIL_ARG_WORDS], hil_results_t *results)
{
    (void)results;
    switch (args[0]) {
    case HIL_FAULT_STACK_OVERFLOW:
        (void)overflow_stack(0u);
        break;
    case HIL_FAULT_BAD_ADDRESS:
        load_unmapped();
        break;
    case HIL_FAULT_UNDEFINED:
        execute_undefined();
        break;
    case HIL_FAULT_DIV_ZERO:
        divide_by_zero();
        break;
    default:
        return agent_answer_status(HIL_STATUS_BAD_ARGS);
    }
    return agent_answer_status(HIL_STATUS_NO_FAULT);
}
