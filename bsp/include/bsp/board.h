/*
 * bsp/board.h — the one interface every tidemark app uses.
 *
 * Bazel picks the implementation from the target platform (//bsp selects
 * //bsp/stm32f769 or //bsp/mps2_an500), so an app builds unchanged for both
 * boards. The interface is what the apps and the HIL agent need and nothing
 * more: bring-up, a free-running cycle counter, console output, two periodic
 * interrupt sources (samples, packet arrivals), memory protection, fault
 * capture, reset and exit.
 *
 * Contexts: "thread" is the main loop (thread mode, MSP); "ISR" is any
 * exception handler. Every function states where it may be called from.
 */
#ifndef BSP_BOARD_H
#define BSP_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Human-readable board name, e.g. "stm32f769" or "mps2_an500". */
extern const char bsp_board_name[];

/* ---- bring-up ------------------------------------------------------------ */

/*
 * Called by the reset handler before RAM sections are initialised: only
 * touches registers, never .data or .bss. STM32F769: clock tree to 216 MHz,
 * flash wait states, ART, MPU (bsp_mpu_init), I/D caches. mps2-an500: MPU.
 * Cost: STM32F769 waits for HSE, PLL and over-drive to lock (< 2 ms).
 * Context: reset only. Failures: a clock that never becomes ready hangs here
 * (there is no console yet to report it; a debugger sees the loop).
 */
void bsp_board_early_init(void);

/*
 * Brings the board up for an app: console UART, cycle counter, fault
 * capture (MemManage, BusFault, UsageFault enabled; the MPU is already on,
 * see bsp_mpu_init). If the previous run left a valid fault record, prints
 * it as one line starting with "fault:" (see bsp_fault_take).
 * Cost: O(1), a few microseconds plus the printed line.
 * Context: thread, once, first thing in main. Failures: none.
 */
void bsp_init(void);

/* ---- console ------------------------------------------------------------- */

/*
 * Blocking write of n bytes to the console UART (115200 8N1).
 * Cost: O(n), about 87 us per byte at 115200 Bd on hardware.
 * Context: thread (from an ISR it would stall that ISR for the whole write).
 * Failures: none (bytes are never dropped; the call waits for the UART).
 */
void bsp_uart_write(const char *data, size_t n);

/* ---- time ---------------------------------------------------------------- */

/*
 * Free-running 32-bit up-counter; wraps modulo 2^32 (use unsigned
 * differences). STM32F769: DWT CYCCNT, core clock (216 MHz, 4.6 ns
 * resolution, wraps after 19.9 s). mps2-an500: CMSDK dual timer 1 at 25 MHz
 * (40 ns resolution, wraps after 171.8 s) — QEMU has no DWT.
 * Cost: one register read. Context: any. Failures: none (reads 0 before
 * bsp_init).
 */
uint32_t bsp_cycles(void);

/* Frequency of bsp_cycles in Hz. O(1), any context, no failures. */
uint32_t bsp_cycles_hz(void);

/* ---- periodic sources ---------------------------------------------------- */

/*
 * Called from the sample interrupt with the sample's sequence number (0, 1,
 * 2, ... counted by the BSP, one per conversion, wrapping at 2^32) and its
 * 12-bit value. Runs in ISR context at the sample priority: keep it short.
 */
typedef void (*bsp_sample_hook_t)(uint32_t seq, uint16_t value);

/*
 * Starts a periodic sample source at rate_hz and calls `hook` once per
 * sample. STM32F769: TIM2 TRGO triggers ADC1 regular conversions of VREFINT;
 * the end-of-conversion ISR calls the hook. mps2-an500: CMSDK timer0 (IRQ 8)
 * produces the synthetic, deterministic sequence bsp_sample_synthetic(seq).
 * Restarting replaces the hook and restarts the sequence at 0.
 * Cost: O(1). Context: thread.
 * Failures: returns false (nothing started) when hook is NULL or rate_hz is
 * 0 or above BSP_SAMPLE_MAX_HZ.
 */
bool bsp_sample_start(uint32_t rate_hz, bsp_sample_hook_t hook);

/* Stops the sample source; no hook call happens after it returns.
 * O(1), thread context, no failures. */
void bsp_sample_stop(void);

/* Highest sample rate bsp_sample_start accepts (ADC conversion time of
 * VREFINT on the STM32F769 limits it to ~50 kHz). */
#define BSP_SAMPLE_MAX_HZ 20000u

/*
 * The synthetic sample of sequence number `seq` on the emulated board
 * (a 12-bit value from a multiplicative hash of seq), so a host can check
 * that samples were neither corrupted nor reordered. O(1), any context.
 */
uint16_t bsp_sample_synthetic(uint32_t seq);

/*
 * Called from the packet-arrival interrupt with the arrival's sequence
 * number (0, 1, 2, ...). ISR context, priority below the sample source.
 */
typedef void (*bsp_packet_hook_t)(uint32_t seq);

/*
 * Starts a periodic "packet arrival" interrupt at rate_hz. STM32F769: TIM7
 * update interrupt. mps2-an500: CMSDK timer1 (IRQ 9).
 * Cost: O(1). Context: thread.
 * Failures: returns false (nothing started) when hook is NULL or rate_hz is
 * 0 or above BSP_PACKET_MAX_HZ.
 */
bool bsp_packet_start(uint32_t rate_hz, bsp_packet_hook_t hook);

/* Stops packet arrivals; no hook call after it returns. O(1), thread, no
 * failures. */
void bsp_packet_stop(void);

#define BSP_PACKET_MAX_HZ 10000u

/* ---- memory protection --------------------------------------------------- */

/*
 * Programs the MPU (called by bsp_board_early_init, before the D-cache is
 * enabled; idempotent):
 *   region 0  .dma_buffers window (SRAM2, 16 KiB): Normal, non-cacheable,
 *             shareable, execute-never — DMA needs no cache maintenance
 *   region 1  stack guard [_stack_limit, _stack_bottom), 128 B: no access,
 *             execute-never; a push into it raises MemManage
 *   background: the default memory map for privileged code (PRIVDEFENA)
 * Cost: O(1). Context: thread, with no DMA running. Failures: none.
 */
void bsp_mpu_init(void);

/*
 * Marks a buffer a DMA controller reads or writes: it goes to the
 * .dma_buffers section, 32-byte (cache line) aligned, in memory every DMA
 * master reaches and the MPU keeps non-cacheable. The link fails if that
 * section ever lands outside the DMA-reachable window (linker ASSERT).
 * Like .noinit, the section is not zeroed at reset: initialise buffers
 * before use.
 */
#if defined(__arm__) && !defined(__linux__)
#define BSP_DMA_BUFFER __attribute__((section(".dma_buffers"), aligned(32)))
#else
#define BSP_DMA_BUFFER
#endif

/* ---- fault capture ------------------------------------------------------- */

#define BSP_FAULT_MAGIC 0xFA17C0DEu

/* Exception numbers (IPSR) in bsp_fault_record_t.exception. */
#define BSP_FAULT_HARDFAULT 3u
#define BSP_FAULT_MEMMANAGE 4u
#define BSP_FAULT_BUSFAULT 5u
#define BSP_FAULT_USAGEFAULT 6u

/* bsp_fault_record_t.flags */
#define BSP_FAULT_FLAG_PSP 0x1u            /* frame was on the process stack */
#define BSP_FAULT_FLAG_FP_FRAME 0x2u       /* extended (FP) frame, 104 B */
#define BSP_FAULT_FLAG_STACK_OVERFLOW 0x4u /* MSP was in/below the guard */
#define BSP_FAULT_FLAG_FRAME_INVALID 0x8u  /* stacked pc/lr/xpsr unreadable or
                                              not written (stacking fault) */

/*
 * What a fault handler saved before resetting. Lives in .noinit, so it
 * survives the reset; `crc` (CRC-32, IEEE, over every field before it) and
 * `magic` tell a real record from power-on garbage.
 */
typedef struct bsp_fault_record {
    uint32_t magic;      /* BSP_FAULT_MAGIC */
    uint32_t exception;  /* BSP_FAULT_HARDFAULT .. BSP_FAULT_USAGEFAULT */
    uint32_t cfsr;       /* SCB->CFSR: MMFSR | BFSR << 8 | UFSR << 16 */
    uint32_t hfsr;       /* SCB->HFSR */
    uint32_t mmfar;      /* SCB->MMFAR (valid if CFSR.MMARVALID) */
    uint32_t bfar;       /* SCB->BFAR (valid if CFSR.BFARVALID) */
    uint32_t pc;         /* stacked return address */
    uint32_t lr;         /* stacked LR */
    uint32_t xpsr;       /* stacked xPSR */
    uint32_t sp;         /* SP at the fault (address of the stacked frame) */
    uint32_t exc_return; /* EXC_RETURN the handler was entered with */
    uint32_t flags;      /* BSP_FAULT_FLAG_* */
    uint32_t crc;        /* CRC-32 of the fields above */
} bsp_fault_record_t;

/*
 * Copies the record the previous run left into *out and invalidates it, so
 * it is reported once per fault ("kept until read": resets before this call
 * keep it). Returns false (out untouched) when there is none or it fails the
 * magic/CRC check. Cost: O(sizeof record). Context: thread. Failures: false
 * for a NULL out.
 */
bool bsp_fault_take(bsp_fault_record_t *out);

/* Name of an exception number ("HardFault", "MemManage", "BusFault",
 * "UsageFault", "?"). O(1), any context. */
const char *bsp_fault_name(uint32_t exception);

/* ---- reset and exit ------------------------------------------------------ */

/*
 * System reset through SCB->AIRCR.SYSRESETREQ (Armv7-M ARM B3.2.6). RAM is
 * kept (.noinit survives). QEMU resets the machine and reloads the ELF's
 * loadable sections; .noinit (NOLOAD) keeps its contents. Any context.
 */
void bsp_reset(void) __attribute__((noreturn));

/*
 * Ends the program. On the emulated board QEMU exits with status 0 when
 * code == 0 and 1 otherwise (semihosting); on real hardware the core stops in
 * a breakpoint loop when a debugger is attached, else in a loop with
 * interrupts off. Does not return. Any context.
 */
void bsp_exit(int code) __attribute__((noreturn));

#ifdef __cplusplus
}
#endif

#endif /* BSP_BOARD_H */
