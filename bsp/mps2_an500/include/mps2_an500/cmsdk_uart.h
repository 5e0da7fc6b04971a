/*
 * ARM CMSDK APB UART, as emulated by QEMU for mps2-an500 (UART0 at
 * 0x4000_4000). The driver takes the block's base address so host tests can
 * point it at a plain struct.
 */
#ifndef MPS2_AN500_CMSDK_UART_H
#define MPS2_AN500_CMSDK_UART_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    volatile uint32_t data;     /* 0x00 */
    volatile uint32_t state;    /* 0x04 bit0 TX full, bit1 RX full */
    volatile uint32_t ctrl;     /* 0x08 bit0 TX enable, bit1 RX enable */
    volatile uint32_t intstatus;/* 0x0C */
    volatile uint32_t bauddiv;  /* 0x10 must be >= 16 (QEMU drops TX otherwise) */
} cmsdk_uart_t;

#define CMSDK_UART0 ((cmsdk_uart_t *)0x40004000u)
#define CMSDK_UART_STATE_TX_FULL (1u << 0)
#define CMSDK_UART_CTRL_TX_EN (1u << 0)

/* Enables the transmitter at pclk_hz / baud (BAUDDIV clamped to >= 16).
 * O(1), thread context, no failures. */
void cmsdk_uart_init(cmsdk_uart_t *uart, uint32_t pclk_hz, uint32_t baud);

/* Blocking write of n bytes (waits while TX is full). O(n), thread
 * context, no failures. */
void cmsdk_uart_write(cmsdk_uart_t *uart, const char *data, size_t n);

#endif /* MPS2_AN500_CMSDK_UART_H */
