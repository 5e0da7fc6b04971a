/*
 * ARM dual-input timer (SP804-compatible; CMSDK TRM DDI 0479 §4.5) at
 * 0x4000_2000 on mps2-an500, 25 MHz. tidemark uses timer 1 free-running as
 * the cycle counter (bsp_cycles): QEMU does not emulate the DWT.
 */
#ifndef MPS2_AN500_CMSDK_DUALTIMER_H
#define MPS2_AN500_CMSDK_DUALTIMER_H

#include <stdint.h>

typedef struct {
    volatile uint32_t load;    /* 0x00 Timer1Load */
    volatile uint32_t value;   /* 0x04 Timer1Value (counts down) */
    volatile uint32_t control; /* 0x08 Timer1Control */
    volatile uint32_t intclr;  /* 0x0C */
    volatile uint32_t ris;     /* 0x10 */
    volatile uint32_t mis;     /* 0x14 */
    volatile uint32_t bgload;  /* 0x18 */
} cmsdk_dualtimer_t;

#define CMSDK_DUALTIMER1 ((cmsdk_dualtimer_t *)0x40002000u)

#define CMSDK_DUALTIMER_CTRL_SIZE32 (1u << 1)
#define CMSDK_DUALTIMER_CTRL_PERIODIC (1u << 6) /* 0: free-running */
#define CMSDK_DUALTIMER_CTRL_ENABLE (1u << 7)

/*
 * Free-running 32-bit down-counter from 0xFFFFFFFF, prescale 1, no
 * interrupt. O(1), thread context, no failures.
 */
void cmsdk_dualtimer_free_run(cmsdk_dualtimer_t *timer);

/* Clocks since cmsdk_dualtimer_free_run, as an up-count (~value), wrapping
 * at 2^32 (171.8 s at 25 MHz). O(1), any context, no failures. */
uint32_t cmsdk_dualtimer_elapsed(const cmsdk_dualtimer_t *timer);

#endif /* MPS2_AN500_CMSDK_DUALTIMER_H */
