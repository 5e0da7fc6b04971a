/*
 * Arm semihosting, used only to end a run on the emulated board
 * (QEMU: -semihosting-config enable=on,target=native).
 */
#include <stdint.h>

#include "mps2_an500/semihosting.h"

#define SEMIHOSTING_SYS_EXIT 0x18u
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u
#define ADP_STOPPED_RUNTIME_ERROR_UNKNOWN 0x20023u

void semihosting_exit(int code)
{
    register uint32_t op __asm__("r0") = SEMIHOSTING_SYS_EXIT;
    register uint32_t reason __asm__("r1") =
        code == 0 ? ADP_STOPPED_APPLICATION_EXIT : ADP_STOPPED_RUNTIME_ERROR_UNKNOWN;
    __asm__ volatile("bkpt #0xAB" : "+r"(op) : "r"(reason) : "memory");
    for (;;) {
    }
}
