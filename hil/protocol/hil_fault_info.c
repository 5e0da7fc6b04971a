/* Copies the BSP's fault record into the mailbox form (hil_fault_info.h). */
#include "hil_fault_info.h"

#include "bsp/board.h"

bool hil_fault_info_take(hil_fault_info_t *out)
{
    bsp_fault_record_t r;
    if (out == NULL || !bsp_fault_take(&r)) {
        return false;
    }
    out->exception = r.exception;
    out->cfsr = r.cfsr;
    out->hfsr = r.hfsr;
    out->mmfar = r.mmfar;
    out->bfar = r.bfar;
    out->pc = r.pc;
    out->lr = r.lr;
    out->xpsr = r.xpsr;
    out->sp = r.sp;
    out->exc_return = r.exc_return;
    out->flags = r.flags;
    out->valid = 1u;
    return true;
}
