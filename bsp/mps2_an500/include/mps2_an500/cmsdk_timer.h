/*
 * ARM CMSDK APB timer (Cortex-M System Design Kit TRM, DDI 0479, §4.4), as
 * QEMU emulates it for mps2-an500: timer0 at 0x4000_0000 (IRQ 8), timer1 at
 * 0x4000_1000 (IRQ 9), both clocked at 25 MHz. A 32-bit down-counter that
 * reloads from RELOAD when it reaches 0 and raises its interrupt there.
 */
#ifndef MPS2_AN500_CMSDK_TIMER_H
#define MPS2_AN500_CMSDK_TIMER_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    volatile uint32_t ctrl;      /* 0x00 bit0 enable, bit3 interrupt enable */
    volatile uint32_t value;     /* 0x04 current count */
    volatile uint32_t reload;    /* 0x08 */
    volatile uint32_t intstatus; /* 0x0C read: pending; write 1: clear */
} cmsdk_timer_t;

#define CMSDK_TIMER0 ((cmsdk_timer_t *)0x40000000u)
#define CMSDK_TIMER1 ((cmsdk_timer_t *)0x40001000u)

#define CMSDK_TIMER_CTRL_EN (1u << 0)
#define CMSDK_TIMER_CTRL_IRQEN (1u << 3)
#define CMSDK_TIMER_INT (1u << 0)

/*
 * Interrupt every round(pclk_hz / rate_hz) clocks: RELOAD = that - 1 (the
 * count runs RELOAD..0, one period is RELOAD + 1 clocks). O(1), thread.
 * Failures: false (timer untouched) if rate_hz is 0 or above pclk_hz / 2.
 */
bool cmsdk_timer_periodic_start(cmsdk_timer_t *timer, uint32_t pclk_hz, uint32_t rate_hz);

/* Stops the timer and clears its interrupt. O(1), thread, no failures. */
void cmsdk_timer_stop(cmsdk_timer_t *timer);

/* Clears the interrupt (ISR). O(1), no failures. */
void cmsdk_timer_ack(cmsdk_timer_t *timer);

#endif /* MPS2_AN500_CMSDK_TIMER_H */
