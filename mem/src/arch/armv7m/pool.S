/*
 * mem_pool_alloc and mem_pool_free for Armv7-M / Armv7E-M (Cortex-M3/M4/M7)
 * and Armv8-M Mainline: LDREX/STREX, hand-scheduled. The portable C11
 * reference implementation of the same two functions is mem/src/pool_cas.c
 * (hosts); mem/BUILD picks one of the two per platform. Encodings of the
 * head word and the link table: mem/src/pool.c; walk-through of both
 * functions: mem/docs/pool.md.
 *
 * Why LDREX/STREX is ABA-safe here without a tag: the local exclusive
 * monitor is cleared on every exception entry and return. On one core,
 * anything that changes the pool between our LDREX and STREX runs in a
 * handler that preempted us, so our STREX fails and we start over with fresh
 * values, even if the head word holds its old value again. For the same
 * reason the link read inside an alloc's LDREX/STREX window is consistent
 * with the head it was read with. No DMB: every user of the pool runs on
 * this core, which observes its own accesses in program order (see
 * mem/docs/pool.md for multi-core and DMA).
 *
 * No CLREX is needed on exception entry either: on v7-M the hardware
 * clears the local monitor on every exception entry and return (ARMv7-M
 * Architecture Reference Manual, A3.4.4 "Context switch support"), unlike
 * v7-A/R where an OS must do it on a context switch. The CLREXs below only
 * close windows this code opened and leaves without a STREX (empty pool,
 * low-water mark not lowered, double free), so that a later STREX in the
 * same context cannot pair with our LDREX.
 *
 * Written in assembly because the instruction budget (alloc <= 20, free
 * <= 20) needs choices the compiler does not make: STREX status written
 * straight into the return register, a saved self pointer to free r0,
 * LDM of three fields, forward CBNZ retries. Register use and the C
 * equivalent of each step are in the comments. Failures leave through the
 * C functions declared in mem/src/pool_internal.h (tail calls: the
 * arguments are already in r0/r1).
 */
#include "pool_offsets.h"

#if !defined(__ARM_ARCH_7M__) && !defined(__ARM_ARCH_7EM__) && \
    !defined(__ARM_ARCH_8M_MAIN__)
#error "pool.S needs LDREX/STREX (Armv7-M, Armv7E-M or Armv8-M Mainline)"
#endif

	.syntax unified
	.thumb

/* void *mem_pool_alloc(mem_pool_t *pool) -- 18 instructions on success */
	.section .text.mem_pool_alloc, "ax", %progbits
	.p2align 2
	.global mem_pool_alloc
	.type mem_pool_alloc, %function
	.thumb_func
mem_pool_alloc:                               /* r0 = pool */
	ldr	ip, [r0, #POOL_OFF_LINKS]     /* ip = links */
1:	ldrex	r1, [r0, #POOL_OFF_HEAD]      /* r1 = head */
	lsrs	r2, r1, #16                   /* free count */
	beq	.Lpool_alloc_empty
	uxth	r2, r1                        /* r2 = index of first free */
	ldrh	r3, [ip, r2, lsl #1]          /* r3 = next free */
	sub	r1, r1, #0x10000              /* count - 1 */
	bfi	r1, r3, #0, #16               /* first = next */
	strex	r3, r1, [r0, #POOL_OFF_HEAD]
	cbnz	r3, .Lpool_alloc_retry        /* preempted: start over */
	strh	r2, [ip, r2, lsl #1]          /* links[i] = i: allocated */
	ldr	r3, [r0, #POOL_OFF_LOW_WATER] /* low-water mark */
	cmp	r3, r1, lsr #16
	bhi	.Lpool_alloc_lower            /* new minimum (rare) */
.Lpool_alloc_address:
	ldr	r3, [r0, #POOL_OFF_BLOCK_SIZE]
	ldr	r0, [r0, #POOL_OFF_BLOCKS]
	mla	r0, r2, r3, r0                /* blocks + index * size */
	bx	lr
.Lpool_alloc_retry:
	b	1b
.Lpool_alloc_lower:                           /* atomic minimum, r1 = free */
	lsrs	r1, r1, #16
2:	ldrex	ip, [r0, #POOL_OFF_LOW_WATER]
	cmp	ip, r1
	bls	3f
	strex	ip, r1, [r0, #POOL_OFF_LOW_WATER]
	cmp	ip, #0
	bne	2b
	b	.Lpool_alloc_address
3:	clrex                                 /* lowered meanwhile: leave */
	b	.Lpool_alloc_address
.Lpool_alloc_empty:
	clrex
	b	mem_pool_alloc_empty_         /* (pool): counts, returns NULL */
	.size mem_pool_alloc, .-mem_pool_alloc

/* mem_status_t mem_pool_free(mem_pool_t *pool, void *block)
 * -- 20 instructions on success */
	.section .text.mem_pool_free, "ax", %progbits
	.p2align 2
	.global mem_pool_free
	.type mem_pool_free, %function
	.thumb_func
mem_pool_free:                                /* r0 = pool, r1 = block */
	/* blocks, inverse, limit */
	ldm	r0, {r2, r3, ip}
	subs	r2, r1, r2                    /* offset */
	mul	r2, r2, r3
	ror	r2, r2, ip                    /* index if a block start */
	cmp	r2, ip, lsr #16               /* < block count? */
	bcs	.Lpool_free_reject
	ldrd	r3, r1, [r0, #POOL_OFF_LINKS] /* r3 = links, r1 = self = pool */
	add	r3, r3, r2, lsl #1            /* r3 = &links[index] */
1:	ldrexh	r0, [r3]                      /* claim: links[i] must be i */
	cmp	r0, r2
	bne	.Lpool_free_double
	strexh	r0, ip, [r3]                  /* links[i] = busy (0xFF00|s) */
	cbnz	r0, .Lpool_free_claim_retry
2:	ldrex	ip, [r1, #POOL_OFF_HEAD]      /* push: ip = head */
	strh	ip, [r3]                      /* links[i] = first */
	add	ip, ip, #0x10000              /* count + 1 */
	bfi	ip, r2, #0, #16               /* first = i */
	strex	r0, ip, [r1, #POOL_OFF_HEAD]  /* r0 = 0 = MEM_OK on success */
	cbnz	r0, .Lpool_free_push_retry
	bx	lr
.Lpool_free_claim_retry:
	b	1b
.Lpool_free_push_retry:
	b	2b
.Lpool_free_double:
	clrex
	mov	r0, r1
	mov	r1, r2
	b	mem_pool_free_double_         /* (pool, index) */
.Lpool_free_reject:
	b	mem_pool_free_rejected_       /* (pool, block): r0, r1 intact */
	.size mem_pool_free, .-mem_pool_free
