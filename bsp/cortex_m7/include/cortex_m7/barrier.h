/*
 * Memory barriers for register sequences (Armv7-M ARM A3.7.3). On a host
 * build (register-level tests against a fake block) they become compiler
 * barriers, so the same driver source builds for both.
 */
#ifndef CORTEX_M7_BARRIER_H
#define CORTEX_M7_BARRIER_H

#if defined(__arm__) && !defined(__linux__)
#define CM7_DSB() __asm__ volatile("dsb 0xF" ::: "memory")
#define CM7_ISB() __asm__ volatile("isb 0xF" ::: "memory")
#else
#define CM7_DSB() __asm__ volatile("" ::: "memory")
#define CM7_ISB() __asm__ volatile("" ::: "memory")
#endif

#endif /* CORTEX_M7_BARRIER_H */
