#include "bsp_common/fault_record.h"

#include <string.h>

uint32_t bsp_fault_record_crc(const bsp_fault_record_t *record)
{
    const uint8_t *p = (const uint8_t *)record;
    size_t n = offsetof(bsp_fault_record_t, crc);
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; ++i) {
        crc ^= p[i];
        for (int bit = 0; bit < 8; ++bit) {
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

void bsp_fault_record_seal(bsp_fault_record_t *record)
{
    record->magic = BSP_FAULT_MAGIC;
    record->crc = bsp_fault_record_crc(record);
}

bool bsp_fault_record_valid(const bsp_fault_record_t *record)
{
    return record != NULL && record->magic == BSP_FAULT_MAGIC &&
           record->crc == bsp_fault_record_crc(record);
}

const char *bsp_fault_name(uint32_t exception)
{
    switch (exception) {
    case BSP_FAULT_HARDFAULT:
        return "HardFault";
    case BSP_FAULT_MEMMANAGE:
        return "MemManage";
    case BSP_FAULT_BUSFAULT:
        return "BusFault";
    case BSP_FAULT_USAGEFAULT:
        return "UsageFault";
    default:
        return "?";
    }
}

static size_t put_str(char *buf, size_t at, const char *s)
{
    size_t n = strlen(s);
    memcpy(buf + at, s, n);
    return at + n;
}

static size_t put_field(char *buf, size_t at, const char *name, uint32_t v)
{
    at = put_str(buf, at, " ");
    at = put_str(buf, at, name);
    at = put_str(buf, at, "=0x");
    for (int i = 0; i < 8; ++i) {
        buf[at++] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 0xFu];
    }
    return at;
}

size_t bsp_fault_record_format(const bsp_fault_record_t *record, char *buf, size_t n)
{
    if (buf == NULL || n < BSP_FAULT_RECORD_LINE_MAX) {
        if (buf != NULL && n > 0u) {
            buf[0] = '\0';
        }
        return 0u;
    }
    size_t at = put_str(buf, 0u, "fault: ");
    at = put_str(buf, at, bsp_fault_name(record->exception));
    at = put_field(buf, at, "cfsr", record->cfsr);
    at = put_field(buf, at, "hfsr", record->hfsr);
    at = put_field(buf, at, "mmfar", record->mmfar);
    at = put_field(buf, at, "bfar", record->bfar);
    at = put_field(buf, at, "pc", record->pc);
    at = put_field(buf, at, "lr", record->lr);
    at = put_field(buf, at, "xpsr", record->xpsr);
    at = put_field(buf, at, "sp", record->sp);
    at = put_field(buf, at, "exc_return", record->exc_return);
    at = put_field(buf, at, "flags", record->flags);
    at = put_str(buf, at, (record->flags & BSP_FAULT_FLAG_PSP) ? " stack=psp\n" : " stack=msp\n");
    buf[at] = '\0';
    return at;
}
