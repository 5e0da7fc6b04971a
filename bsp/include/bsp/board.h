/*
 * bsp/board.h — the one interface every tidemark app uses.
 *
 * Bazel picks the implementation from the target platform (//bsp selects
 * //bsp/stm32f769 or //bsp/mps2_an500), so an app builds unchanged for both
 * boards.
 */
#ifndef BSP_BOARD_H
#define BSP_BOARD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Human-readable board name, e.g. "stm32f769" or "mps2_an500". */
extern const char bsp_board_name[];

/*
 * Called by the reset handler before RAM sections are initialised: only
 * touches registers (clocks, flash wait states), never .data or .bss.
 */
void bsp_board_early_init(void);

/* Brings up the console UART. Call once from main. */
void bsp_init(void);

/* Blocking write of n bytes to the console UART. Thread context only. */
void bsp_uart_write(const char *data, size_t n);

/*
 * Ends the program. On the emulated board QEMU exits with status 0 when
 * code == 0 and 1 otherwise (semihosting); on real hardware the core halts in
 * a breakpoint loop a debugger can see. Does not return.
 */
void bsp_exit(int code) __attribute__((noreturn));

#ifdef __cplusplus
}
#endif

#endif /* BSP_BOARD_H */
