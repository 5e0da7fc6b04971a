/*
 * SysTick entry for the pool target test: hands the exception frame to
 * pool_m7_tick (main.c), whose stacked PC (frame[6]) tells where the main
 * loop was preempted, e.g. between an LDREX and its STREX in
 * mem/src/arch/armv7m/pool.S. EXC_RETURN bit 2 picks the stack the frame
 * is on. The FP-extended frame keeps the PC at the same offset.
 */
	.syntax unified
	.thumb

	.section .text.SysTick_Handler, "ax", %progbits
	.p2align 2
	.global SysTick_Handler
	.type SysTick_Handler, %function
	.thumb_func
SysTick_Handler:
	tst	lr, #4
	ite	eq
	mrseq	r0, msp
	mrsne	r0, psp
	b	pool_m7_tick        /* (const uint32_t *frame) */
	.size SysTick_Handler, .-SysTick_Handler
