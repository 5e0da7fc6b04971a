#include "bsp/console.h"

#include <string.h>

#include "bsp/board.h"

void bsp_print(const char *s)
{
    bsp_uart_write(s, strlen(s));
}

void bsp_print_u32(uint32_t v)
{
    char buf[10];
    size_t n = 0;
    do {
        buf[sizeof buf - 1u - n++] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0u);
    bsp_uart_write(buf + sizeof buf - n, n);
}

void bsp_print_hex32(uint32_t v)
{
    char buf[10] = {'0', 'x'};
    for (int i = 0; i < 8; ++i) {
        buf[2 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 0xFu];
    }
    bsp_uart_write(buf, sizeof buf);
}

void bsp_print_field(const char *name, uint32_t v)
{
    bsp_print(" ");
    bsp_print(name);
    bsp_print("=");
    bsp_print_u32(v);
}
