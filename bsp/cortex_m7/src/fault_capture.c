/* Fault entry and capture (see cortex_m7/fault.h). Target only. */
#include <stddef.h>
#include <stdint.h>

#include "bsp/board.h"
#include "bsp_common/fault_record.h"
#include "cortex_m7/barrier.h"
#include "cortex_m7/fault.h"
#include "cortex_m7/regs.h"

extern uint32_t _stack_bottom[];
extern uint32_t __dtcm_start[];
extern uint32_t __sram2_start[];
extern uint32_t __sram2_size[];

/* The C part runs here when the main stack cannot be trusted. 512 B: the
 * capture needs < 100 B; the rest is margin. */
#define FAULT_STACK_BYTES 512
__attribute__((aligned(8), used)) uint32_t cm7_fault_stack[FAULT_STACK_BYTES / 4];

/* Bytes above _stack_bottom below which MSP is not trusted. */
#define FAULT_MSP_HEADROOM 256

#define FAULT_STR_(x) #x
#define FAULT_STR(x) FAULT_STR_(x)

/* Basic exception frame words (Armv7-M ARM B1.5.7). */
#define FRAME_LR 5u
#define FRAME_PC 6u
#define FRAME_XPSR 7u
#define FRAME_BYTES 32u

#define EXC_RETURN_SPSEL (1u << 2)    /* 1: frame on PSP */
#define EXC_RETURN_FTYPE (1u << 4)    /* 0: extended (FP) frame */

void cm7_fault_capture(uint32_t msp, const uint32_t *frame, uint32_t exc_return,
                       uint32_t ipsr) __attribute__((noreturn, used));

static int frame_readable(uintptr_t frame)
{
    /* Any RAM the firmware uses: DTCM up to the end of SRAM2 (contiguous on
     * both boards). Reading elsewhere could raise a BusFault in here. */
    uintptr_t lo = (uintptr_t)__dtcm_start;
    uintptr_t hi = (uintptr_t)__sram2_start + (uintptr_t)__sram2_size;
    return (frame & 3u) == 0u && frame >= lo && frame <= hi - FRAME_BYTES;
}

/* Zeroes the record word by word. Not `= {0}` or memset: GCC turns those
 * into a call to newlib's memset, and nothing on the fault path may depend
 * on library code (tests/firmware/elf_check.py walks the calls from every
 * fault vector and fails on any library function). The volatile stores
 * cannot be merged back into a memset call. */
static void clear_record(bsp_fault_record_t *record)
{
    volatile uint32_t *word = (volatile uint32_t *)record;
    for (size_t i = 0; i < sizeof *record / sizeof *word; ++i) {
        word[i] = 0u;
    }
}

void cm7_fault_capture(uint32_t msp, const uint32_t *frame, uint32_t exc_return,
                       uint32_t ipsr)
{
    bsp_fault_record_t record;
    clear_record(&record);
    cm7_scb_t *scb = CM7_SCB;
    record.exception = ipsr & 0x1FFu;
    record.cfsr = scb->cfsr;
    record.hfsr = scb->hfsr;
    record.mmfar = scb->mmfar;
    record.bfar = scb->bfar;
    record.sp = (uint32_t)(uintptr_t)frame;
    record.exc_return = exc_return;
    if (exc_return & EXC_RETURN_SPSEL) {
        record.flags |= BSP_FAULT_FLAG_PSP;
    }
    if ((exc_return & EXC_RETURN_FTYPE) == 0u) {
        record.flags |= BSP_FAULT_FLAG_FP_FRAME;
    }
    if (msp < (uint32_t)(uintptr_t)_stack_bottom) {
        record.flags |= BSP_FAULT_FLAG_STACK_OVERFLOW;
    }
    const int readable = frame_readable((uintptr_t)frame);
    /* A stacking fault (MSTKERR / STKERR) means the frame was never written. */
    if ((record.cfsr & (CM7_CFSR_MSTKERR | CM7_CFSR_STKERR)) != 0u || !readable) {
        record.flags |= BSP_FAULT_FLAG_FRAME_INVALID;
    }
    if (readable) {
        record.lr = frame[FRAME_LR];
        record.pc = frame[FRAME_PC];
        record.xpsr = frame[FRAME_XPSR];
    }
    bsp_fault_record_seal(&record);
    cm7_fault_store(&record);
    CM7_DSB();
    bsp_reset();
}

/* The shared entry: MPU off, frame from EXC_RETURN, fault stack if MSP is
 * low, then cm7_fault_capture(msp, frame, exc_return, ipsr). Uses only
 * r0-r3 and no stack. */
void cm7_fault_entry(void) __attribute__((naked, noreturn, used));
void cm7_fault_entry(void)
{
    __asm__ volatile(
        "ldr r3, =0xE000ED94\n\t" /* MPU_CTRL (ARM ARM B3.5.7) */
        "movs r2, #0\n\t"
        "str r2, [r3]\n\t"
        "dsb\n\t"
        "isb\n\t"
        "mrs r0, msp\n\t"
        "tst lr, #4\n\t"
        "ite eq\n\t"
        "mrseq r1, msp\n\t"
        "mrsne r1, psp\n\t"
        "ldr r2, =_stack_bottom\n\t"
        "adds r2, r2, #" FAULT_STR(FAULT_MSP_HEADROOM) "\n\t"
        "cmp r0, r2\n\t"
        "bhs 1f\n\t"
        "ldr r3, =cm7_fault_stack + " FAULT_STR(FAULT_STACK_BYTES) "\n\t"
        "msr msp, r3\n\t"
        "isb\n\t"
        "1:\n\t"
        "mov r2, lr\n\t"
        "mrs r3, ipsr\n\t"
        "b cm7_fault_capture\n\t"
        ".ltorg\n\t");
}

__attribute__((naked, noreturn)) void HardFault_Handler(void)
{
    __asm__ volatile("b cm7_fault_entry");
}

__attribute__((naked, noreturn)) void MemManage_Handler(void)
{
    __asm__ volatile("b cm7_fault_entry");
}

__attribute__((naked, noreturn)) void BusFault_Handler(void)
{
    __asm__ volatile("b cm7_fault_entry");
}

__attribute__((naked, noreturn)) void UsageFault_Handler(void)
{
    __asm__ volatile("b cm7_fault_entry");
}

void cm7_fault_capture_enable(void)
{
    cm7_scb_t *scb = CM7_SCB;
    scb->ccr |= CM7_CCR_DIV_0_TRP;
    scb->shcsr |= CM7_SHCSR_MEMFAULTENA | CM7_SHCSR_BUSFAULTENA | CM7_SHCSR_USGFAULTENA;
    CM7_DSB();
    CM7_ISB();
}
