/*
 * Cortex-M7 core registers tidemark uses, from the Armv7-M Architecture
 * Reference Manual (DDI 0403E, "ARM ARM" below) and the Cortex-M7 TRM
 * (DDI 0489). Only what the BSP touches; layouts are checked with
 * _Static_assert so a host test's fake block has the real offsets.
 *
 * Drivers take a pointer to the block, so a host test can hand them a plain
 * struct; the CM7_* base macros give the real addresses.
 */
#ifndef CORTEX_M7_REGS_H
#define CORTEX_M7_REGS_H

#include <stddef.h>
#include <stdint.h>

/* ---- SCB, System Control Block, 0xE000ED00 (ARM ARM B3.2.2) ------------- */
typedef struct {
    volatile uint32_t cpuid;   /* 0x00 */
    volatile uint32_t icsr;    /* 0x04 */
    volatile uint32_t vtor;    /* 0x08 */
    volatile uint32_t aircr;   /* 0x0C */
    volatile uint32_t scr;     /* 0x10 */
    volatile uint32_t ccr;     /* 0x14 */
    volatile uint8_t shpr[12]; /* 0x18 priorities of exceptions 4..15 */
    volatile uint32_t shcsr;   /* 0x24 */
    volatile uint32_t cfsr;    /* 0x28 MMFSR[7:0] BFSR[15:8] UFSR[31:16] */
    volatile uint32_t hfsr;    /* 0x2C */
    volatile uint32_t dfsr;    /* 0x30 */
    volatile uint32_t mmfar;   /* 0x34 */
    volatile uint32_t bfar;    /* 0x38 */
    volatile uint32_t afsr;    /* 0x3C */
    volatile uint32_t id[14];  /* 0x40..0x74 feature registers */
    volatile uint32_t clidr;   /* 0x78 cache level ID (ARM ARM B4.8) */
    volatile uint32_t ctr;     /* 0x7C cache type */
    volatile uint32_t ccsidr;  /* 0x80 size ID of the cache CSSELR selects */
    volatile uint32_t csselr;  /* 0x84 */
    volatile uint32_t cpacr;   /* 0x88 */
} cm7_scb_t;
_Static_assert(offsetof(cm7_scb_t, shcsr) == 0x24, "SCB layout");
_Static_assert(offsetof(cm7_scb_t, ccsidr) == 0x80, "SCB layout");
_Static_assert(offsetof(cm7_scb_t, cpacr) == 0x88, "SCB layout");

#define CM7_SCB ((cm7_scb_t *)0xE000ED00u)

#define CM7_AIRCR_VECTKEY (0x05FAu << 16)   /* B3.2.6: write key */
#define CM7_AIRCR_PRIGROUP_MASK (7u << 8)
#define CM7_AIRCR_SYSRESETREQ (1u << 2)
#define CM7_CCR_DIV_0_TRP (1u << 4)         /* B3.2.8 */
#define CM7_CCR_DC (1u << 16)               /* data cache enable (M7) */
#define CM7_CCR_IC (1u << 17)               /* instruction cache enable */
#define CM7_SHCSR_MEMFAULTENA (1u << 16)    /* B3.2.13 */
#define CM7_SHCSR_BUSFAULTENA (1u << 17)
#define CM7_SHCSR_USGFAULTENA (1u << 18)
#define CM7_CFSR_MMARVALID (1u << 7)        /* B3.2.15 */
#define CM7_CFSR_MSTKERR (1u << 4)
#define CM7_CFSR_MUNSTKERR (1u << 3)
#define CM7_CFSR_DACCVIOL (1u << 1)
#define CM7_CFSR_BFARVALID (1u << 15)
#define CM7_CFSR_STKERR (1u << 12)
#define CM7_CCSIDR_SETS(x) (((x) >> 13) & 0x7FFFu) /* NumSets - 1 */
#define CM7_CCSIDR_WAYS(x) (((x) >> 3) & 0x3FFu)   /* Associativity - 1 */
#define CM7_CCSIDR_LINE_LOG2(x) (((x) & 7u) + 4u)  /* log2(line bytes) */

/* ---- cache maintenance operations, 0xE000EF50 (ARM ARM B2.2.7, B4.8) ---- */
typedef struct {
    volatile uint32_t iciallu;  /* 0x00 invalidate all I-cache to PoU */
    volatile uint32_t reserved; /* 0x04 */
    volatile uint32_t icimvau;  /* 0x08 */
    volatile uint32_t dcimvac;  /* 0x0C invalidate D line by address */
    volatile uint32_t dcisw;    /* 0x10 invalidate D line by set/way */
    volatile uint32_t dccmvau;  /* 0x14 */
    volatile uint32_t dccmvac;  /* 0x18 clean D line by address */
    volatile uint32_t dccsw;    /* 0x1C */
    volatile uint32_t dccimvac; /* 0x20 clean + invalidate by address */
    volatile uint32_t dccisw;   /* 0x24 */
} cm7_cache_ops_t;
_Static_assert(offsetof(cm7_cache_ops_t, dcisw) == 0x10, "cache ops layout");

#define CM7_CACHE_OPS ((cm7_cache_ops_t *)0xE000EF50u)

/* ---- MPU, 0xE000ED90 (ARM ARM B3.5.5) ----------------------------------- */
typedef struct {
    volatile uint32_t type; /* 0x00 DREGION[15:8] = number of regions */
    volatile uint32_t ctrl; /* 0x04 */
    volatile uint32_t rnr;  /* 0x08 region number */
    volatile uint32_t rbar; /* 0x0C region base address */
    volatile uint32_t rasr; /* 0x10 region attributes and size */
} cm7_mpu_t;

#define CM7_MPU ((cm7_mpu_t *)0xE000ED90u)

#define CM7_MPU_CTRL_ENABLE (1u << 0)
#define CM7_MPU_CTRL_HFNMIENA (1u << 1)
#define CM7_MPU_CTRL_PRIVDEFENA (1u << 2)

/* ---- NVIC, 0xE000E100; STIR at 0xE000EF00 (ARM ARM B3.4) ---------------- */
typedef struct {
    volatile uint32_t iser[16]; /* 0x000 set-enable */
    uint32_t reserved0[16];
    volatile uint32_t icer[16]; /* 0x080 clear-enable */
    uint32_t reserved1[16];
    volatile uint32_t ispr[16]; /* 0x100 set-pending */
    uint32_t reserved2[16];
    volatile uint32_t icpr[16]; /* 0x180 clear-pending */
    uint32_t reserved3[16];
    volatile uint32_t iabr[16]; /* 0x200 active */
    uint32_t reserved4[48];
    volatile uint8_t ipr[496];  /* 0x300 priority, one byte per IRQ */
} cm7_nvic_t;
_Static_assert(offsetof(cm7_nvic_t, icpr) == 0x180, "NVIC layout");
_Static_assert(offsetof(cm7_nvic_t, ipr) == 0x300, "NVIC layout");

#define CM7_NVIC ((cm7_nvic_t *)0xE000E100u)

/* ---- SysTick, 0xE000E010 (ARM ARM B3.3) --------------------------------- */
typedef struct {
    volatile uint32_t ctrl;  /* 0x00 */
    volatile uint32_t load;  /* 0x04 */
    volatile uint32_t val;   /* 0x08 */
    volatile uint32_t calib; /* 0x0C */
} cm7_systick_t;

#define CM7_SYSTICK ((cm7_systick_t *)0xE000E010u)

/* ---- debug: DEMCR 0xE000EDFC (ARM ARM C1.6.5), DWT 0xE0001000 (C1.8) ----- */
typedef struct {
    volatile uint32_t dhcsr; /* 0x00 */
    volatile uint32_t dcrsr; /* 0x04 */
    volatile uint32_t dcrdr; /* 0x08 */
    volatile uint32_t demcr; /* 0x0C */
} cm7_core_debug_t;

#define CM7_CORE_DEBUG ((cm7_core_debug_t *)0xE000EDF0u)
#define CM7_DEMCR_TRCENA (1u << 24) /* powers DWT and ITM */
#define CM7_DHCSR_C_DEBUGEN (1u << 0) /* a debugger is attached */

typedef struct {
    volatile uint32_t ctrl;        /* 0x000 */
    volatile uint32_t cyccnt;      /* 0x004 */
    uint32_t reserved[1002];       /* 0x008..0xFAF */
    volatile uint32_t lar;         /* 0xFB0 lock access (CoreSight) */
    volatile uint32_t lsr;         /* 0xFB4 lock status */
} cm7_dwt_t;
_Static_assert(offsetof(cm7_dwt_t, lar) == 0xFB0, "DWT layout");

#define CM7_DWT ((cm7_dwt_t *)0xE0001000u)
#define CM7_DWT_CTRL_CYCCNTENA (1u << 0)
#define CM7_DWT_LAR_KEY 0xC5ACCE55u /* CoreSight unlock key */

/* ---- FPU, 0xE000EF34 (ARM ARM B3.2.20) ---------------------------------- */
typedef struct {
    volatile uint32_t fpccr;  /* 0x00 */
    volatile uint32_t fpcar;  /* 0x04 */
    volatile uint32_t fpdscr; /* 0x08 */
} cm7_fpu_t;

#define CM7_FPU ((cm7_fpu_t *)0xE000EF34u)
#define CM7_FPCCR_LSPEN (1u << 30) /* lazy FP state preservation */
#define CM7_FPCCR_ASPEN (1u << 31) /* automatic FP state preservation */

#endif /* CORTEX_M7_REGS_H */
