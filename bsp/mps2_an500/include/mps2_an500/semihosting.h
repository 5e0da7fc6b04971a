#ifndef MPS2_AN500_SEMIHOSTING_H
#define MPS2_AN500_SEMIHOSTING_H

/* Stops QEMU with exit status 0 (code == 0) or 1 (anything else). A real
 * core without a debugger attached would take a HardFault here: emulated
 * board only. */
void semihosting_exit(int code) __attribute__((noreturn));

#endif
