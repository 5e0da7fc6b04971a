/*
 * Sealing, checking and printing a bsp_fault_record_t (bsp/board.h). Plain
 * C, no hardware: shared by both boards and tested on the host.
 */
#ifndef BSP_COMMON_FAULT_RECORD_H
#define BSP_COMMON_FAULT_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bsp/board.h"

/*
 * CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320, init and final XOR
 * 0xFFFFFFFF) of every field before `crc`. O(record size), bitwise (no
 * table, so it works on a fault stack). Any context. No failures.
 */
uint32_t bsp_fault_record_crc(const bsp_fault_record_t *record);

/* Sets magic and crc. O(record size), any context, no failures. */
void bsp_fault_record_seal(bsp_fault_record_t *record);

/* True when magic and crc match (a sealed record, not power-on garbage).
 * O(record size), any context; NULL gives false. */
bool bsp_fault_record_valid(const bsp_fault_record_t *record);

/* Longest line bsp_fault_record_format writes, terminator included. */
#define BSP_FAULT_RECORD_LINE_MAX 200u

/*
 * Writes one line, e.g.
 *   "fault: MemManage cfsr=0x00000092 hfsr=0x00000000 mmfar=0x2001e07c
 *    bfar=0x00000000 pc=... lr=... xpsr=... sp=... exc_return=0xffffffe9
 *    flags=0x0000000c stack=msp\n"  (one line, no wrap)
 * into buf (NUL-terminated) and returns its length without the NUL.
 * O(line). Any context. Failures: returns 0 (buf[0] = 0 if n > 0) when buf
 * is NULL or n < BSP_FAULT_RECORD_LINE_MAX.
 */
size_t bsp_fault_record_format(const bsp_fault_record_t *record, char *buf, size_t n);

#endif /* BSP_COMMON_FAULT_RECORD_H */
