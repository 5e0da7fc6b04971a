/*
 * mem/region.h — place a variable or function in a specific memory region.
 *
 * The section names match tidemark's linker scripts
 * (bsp/cortex_m7/cortex_m7_sections.ld); with another linker script, map
 * the same input section names. On a hosted build the macros expand to
 * nothing, so code using them compiles and tests unchanged.
 *
 *   MEM_DTCM        initialised data in DTCM (zero wait, CPU only view)
 *   MEM_DTCM_BSS    zero-initialised data in DTCM
 *   MEM_SRAM1       initialised data in SRAM1 (bulk data, pools, heap arenas)
 *   MEM_SRAM1_BSS   zero-initialised data in SRAM1
 *   MEM_SRAM2       initialised data in SRAM2 (DMA buffers), 32-byte aligned
 *                   section start (one D-cache line)
 *   MEM_SRAM2_BSS   zero-initialised data in SRAM2
 *   MEM_NOINIT      neither copied nor zeroed at reset: survives a warm reset
 *                   (e.g. a fault record); contents undefined after power-on
 *   MEM_ITCM_CODE   a function copied to ITCM at reset (zero wait fetch)
 *
 * Initialised sections cost flash for their initial image and reset time for
 * the copy; prefer the _BSS variants for large buffers.
 */
#ifndef MEM_REGION_H
#define MEM_REGION_H

#if defined(__arm__) && !defined(__linux__)
#define MEM_SECTION_(name) __attribute__((section(name)))
#else
#define MEM_SECTION_(name)
#endif

#define MEM_DTCM MEM_SECTION_(".dtcm")
#define MEM_DTCM_BSS MEM_SECTION_(".dtcm_bss")
#define MEM_SRAM1 MEM_SECTION_(".sram1")
#define MEM_SRAM1_BSS MEM_SECTION_(".sram1_bss")
#define MEM_SRAM2 MEM_SECTION_(".sram2")
#define MEM_SRAM2_BSS MEM_SECTION_(".sram2_bss")
#define MEM_NOINIT MEM_SECTION_(".noinit")
#define MEM_ITCM_CODE MEM_SECTION_(".itcm") __attribute__((noinline))

#endif /* MEM_REGION_H */
