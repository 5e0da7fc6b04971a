/*
 * bsp/console.h — small print helpers over bsp_uart_write (no printf: the
 * apps stay free of newlib's formatted I/O). Thread context only, like
 * bsp_uart_write; each call costs O(characters) UART byte times. No
 * failures.
 */
#ifndef BSP_CONSOLE_H
#define BSP_CONSOLE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Writes the NUL-terminated string s. */
void bsp_print(const char *s);

/* Writes v in decimal, no padding. */
void bsp_print_u32(uint32_t v);

/* Writes v as "0x" + 8 lower-case hex digits. */
void bsp_print_hex32(uint32_t v);

/* Writes " name=<decimal>" — the key=value fields of the apps' summary
 * lines. */
void bsp_print_field(const char *name, uint32_t v);

#ifdef __cplusplus
}
#endif

#endif /* BSP_CONSOLE_H */
