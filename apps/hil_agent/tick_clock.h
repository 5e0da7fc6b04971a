/*
 * Timing helpers over bsp_cycles(): the cost of an empty timed section, and
 * (on the emulated board) a phase alignment that makes every command's tick
 * counts repeat exactly from run to run.
 *
 * Why the alignment: under QEMU -icount shift=6 one instruction is 64 ns and
 * the mps2-an500 cycle counter ticks every 40 ns, so a tick count depends on
 * where in the 5-instruction (8-tick) grid a command starts — and that is set
 * by when the host happened to ring the doorbell. tick_clock_align() waits
 * until the counter's low 3 bits reach a fixed value, which pins the phase.
 * Built with HIL_AGENT_TICK_ALIGN=1 (mps2-an500 only); elsewhere a no-op.
 */
#ifndef HIL_AGENT_TICK_CLOCK_H
#define HIL_AGENT_TICK_CLOCK_H

#include <stdint.h>

/* Pins the phase of bsp_cycles() against the instruction stream (see above).
 * O(1) (at most ~80 counter reads). Thread context, interrupts idle. */
void tick_clock_align(void);

/* Fewest ticks measured for an empty timed section
 * (t0 = bsp_cycles(); t1 = bsp_cycles(); t1 - t0), over 16 tries. O(1). */
uint32_t tick_clock_overhead(void);

#endif /* HIL_AGENT_TICK_CLOCK_H */
