/* The fault record slot in .noinit: survives the reset that follows a fault
 * (see cortex_m7/fault.h). Target only. */
#include <string.h>

#include "bsp/board.h"
#include "bsp_common/fault_record.h"
#include "cortex_m7/fault.h"
#include "mem/region.h"

MEM_NOINIT static bsp_fault_record_t g_fault_record;

void cm7_fault_store(const bsp_fault_record_t *record)
{
    /* Word copy: memcpy might not be safe to call from the fault path. */
    volatile uint32_t *dst = (volatile uint32_t *)&g_fault_record;
    const uint32_t *src = (const uint32_t *)record;
    for (size_t i = 0; i < sizeof *record / 4u; ++i) {
        dst[i] = src[i];
    }
}

bool cm7_fault_peek(bsp_fault_record_t *out)
{
    if (out == NULL || !bsp_fault_record_valid(&g_fault_record)) {
        return false;
    }
    memcpy(out, &g_fault_record, sizeof *out);
    return true;
}

bool bsp_fault_take(bsp_fault_record_t *out)
{
    if (!cm7_fault_peek(out)) {
        return false;
    }
    g_fault_record.magic = 0u;
    return true;
}

void cm7_fault_report_pending(void)
{
    bsp_fault_record_t record;
    if (cm7_fault_peek(&record)) {
        char line[BSP_FAULT_RECORD_LINE_MAX];
        size_t n = bsp_fault_record_format(&record, line, sizeof line);
        bsp_uart_write(line, n);
    }
}
