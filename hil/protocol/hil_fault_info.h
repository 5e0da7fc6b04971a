/*
 * Boot-time helper for agents serving the HIL mailbox: moves the BSP's fault
 * record of the previous run into the mailbox's last_fault (see
 * hil_fault_info_t in hil_mailbox.h). Target only (needs bsp_fault_take).
 */
#ifndef HIL_FAULT_INFO_H
#define HIL_FAULT_INFO_H

#include <stdbool.h>

#include "hil_mailbox.h"

/*
 * Takes the BSP's sealed fault record (bsp_fault_take) and copies its fields
 * into *out with valid = 1. Returns false and leaves *out untouched when there
 * is no valid record (or out is NULL). Call once at boot, before publishing
 * magic. Thread context. O(1).
 */
bool hil_fault_info_take(hil_fault_info_t *out);

#endif /* HIL_FAULT_INFO_H */
