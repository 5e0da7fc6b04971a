/*
 * mps2-an500 interrupt numbers tidemark uses (QEMU hw/arm/mps2.c; AN500
 * interrupt map) and their priorities (0 most urgent).
 */
#ifndef MPS2_AN500_IRQ_H
#define MPS2_AN500_IRQ_H

#define MPS2_IRQ_TIMER0 8u
#define MPS2_IRQ_TIMER1 9u
#define MPS2_IRQ_COUNT 32u

#define MPS2_PRIO_SAMPLE 1u
#define MPS2_PRIO_PACKET 2u

/* Peripheral clock of the APB timers and UARTs. */
#define MPS2_PCLK_HZ 25000000u

#endif /* MPS2_AN500_IRQ_H */
