/*
 * Main-loop helpers shared by the demo apps: the painted main stack's
 * high-water mark and size, the busy-wait stall that exercises the drop
 * paths, the end of a bounded burst, and the final result fields.
 * All are for the main loop (thread mode), not for ISRs.
 */
#ifndef APPS_COMMON_APP_SUPPORT_H
#define APPS_COMMON_APP_SUPPORT_H

#include <stdbool.h>
#include <stdint.h>

/* Bytes of the main stack used so far (high-water mark over the region
 * painted by MEM_STACK_MSP_PAINT at boot), 0 when it cannot be measured.
 * O(stack size). */
uint32_t app_stack_used(void);

/* Busy-waits `ms` milliseconds of bsp_cycles(). No WFI: under QEMU -icount
 * with sleep=off WFI loses timer interrupts. O(ms). */
void app_stall_ms(uint32_t ms);

/* True once a bounded burst of `burst_seconds` (0 = run forever) has run
 * `second` seconds. O(1). */
bool app_burst_over(uint32_t second, uint32_t burst_seconds);

/* Ends a final summary line: prints the fields stack (app_stack_used) and
 * stack_size (the painted region, _stack_bottom.._stack_top), then
 * " result=ok\n" or " result=FAIL\n". Returns main's exit code: 0 when ok,
 * else 1. */
int app_print_result(bool ok);

#endif /* APPS_COMMON_APP_SUPPORT_H */
