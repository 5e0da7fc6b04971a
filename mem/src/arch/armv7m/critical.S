/*
 * Default critical section for Cortex-M (mem/config.h: MEM_CRITICAL_ENTER /
 * MEM_CRITICAL_EXIT when the user supplies none): PRIMASK, so it masks every
 * configurable-priority interrupt (not NMI or HardFault) on this core.
 * mem/BUILD selects this file on Armv7E-M; hosts get the spin lock in
 * mem/src/critical.c. The instructions also exist on Armv6-M.
 *
 * Nesting needs no counter: enter returns the PRIMASK it found, and exit
 * writes that value back, so an inner exit leaves interrupts masked when
 * the outer section had masked them. CPSID masks before the next
 * instruction (ARMv7-M ARM, CPS: raising the execution priority is
 * serialized to the instruction stream, so no ISB is needed), and the call
 * itself is a compiler barrier, which is what the "memory" clobber of an
 * inline version would give.
 *
 * Defined even when the user supplies their own macros: nothing calls them
 * then, and --gc-sections drops them.
 */
	.syntax unified
	.thumb

/* mem_critical_state_t mem_critical_enter_default(void) */
	.section .text.mem_critical_enter_default, "ax", %progbits
	.p2align 1
	.global mem_critical_enter_default
	.type mem_critical_enter_default, %function
	.thumb_func
mem_critical_enter_default:
	mrs	r0, primask          /* state to restore: 1 if already masked */
	cpsid	i
	bx	lr
	.size mem_critical_enter_default, .-mem_critical_enter_default

/* void mem_critical_exit_default(mem_critical_state_t state) */
	.section .text.mem_critical_exit_default, "ax", %progbits
	.p2align 1
	.global mem_critical_exit_default
	.type mem_critical_exit_default, %function
	.thumb_func
mem_critical_exit_default:
	msr	primask, r0
	bx	lr
	.size mem_critical_exit_default, .-mem_critical_exit_default
