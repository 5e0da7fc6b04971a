/*
 * Check lines for test firmware on the emulated board (tests/<x>/m7): one
 * UART line per check, a final "done <failures>" and the semihosting exit
 * status that the QEMU tests read (tests/support/target_test.bzl).
 */
#ifndef TESTS_SUPPORT_TARGET_CHECK_H
#define TESTS_SUPPORT_TARGET_CHECK_H

#include <stdint.h>

/* Prints "check <name> ok|FAIL <detail>"; counts the failures. */
void target_check(const char *name, int ok, uint32_t detail);

/* Prints "done <failures>" and exits: status 0 when every check passed. */
void target_check_finish(void) __attribute__((noreturn));

#endif
