/*
 * Fault capture shared by the boards (target only).
 *
 * HardFault, MemManage, BusFault and UsageFault enter through one assembly
 * stub (src/fault_capture.c) that, before touching any stack:
 *   1. turns the MPU off, so the stacked frame can be read even when it lies
 *      in the stack guard and nothing in the handler can fault on the guard;
 *   2. picks the frame from EXC_RETURN bit 2 (MSP or PSP);
 *   3. moves MSP to a dedicated 512 B fault stack whenever MSP is below
 *      _stack_bottom + 256 (in, below or just above the guard), because the
 *      C part needs a stack that certainly works;
 * then calls C, which fills a bsp_fault_record_t into .noinit, seals it with
 * a CRC and resets (SYSRESETREQ). The next boot's bsp_init reports it.
 */
#ifndef CORTEX_M7_FAULT_H
#define CORTEX_M7_FAULT_H

#include <stdbool.h>

#include "bsp/board.h"

/*
 * Enables MemManage, BusFault and UsageFault as separate exceptions
 * (SHCSR, Armv7-M ARM B3.2.13; otherwise they escalate to HardFault) and
 * divide-by-zero trapping (CCR.DIV_0_TRP). O(1), thread context, no failures.
 */
void cm7_fault_capture_enable(void);

/*
 * Stores a sealed record in the .noinit slot (fault context). O(size).
 */
void cm7_fault_store(const bsp_fault_record_t *record);

/*
 * Copies the stored record to *out if it is valid, without clearing it.
 * O(size), any context. Returns false when there is none (or out is NULL).
 */
bool cm7_fault_peek(bsp_fault_record_t *out);

/*
 * If a valid record is stored, prints it over the console UART as one
 * "fault: ..." line (bsp/common fault_record format). Thread context, after
 * the UART is up. O(line). No failures.
 */
void cm7_fault_report_pending(void);

#endif /* CORTEX_M7_FAULT_H */
