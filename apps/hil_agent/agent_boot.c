/* Boot: publish identity and the last fault, then magic (see agent_boot.h). */
#include "agent_boot.h"

#include "agent_mailbox.h"
#include "bsp/board.h"
#include "commands.h"
#include "mem/region.h"

#define BOOT_MARKER 0xB007C0DEu

/* Survives resets (not power cycles): counts boots since the marker was set. */
MEM_NOINIT static volatile struct {
    uint32_t marker;
    uint32_t count;
} g_boots;

/* In .data, so a debugger (or a patch of the image) can tell builds apart. */
volatile uint32_t hil_agent_build_id = HIL_AGENT_BUILD_ID;

static uint32_t count_boot(void)
{
    if (g_boots.marker != BOOT_MARKER) {
        g_boots.marker = BOOT_MARKER;
        g_boots.count = 0u;
    }
    g_boots.count = g_boots.count + 1u;
    return g_boots.count;
}

static void publish_last_fault(void)
{
    bsp_fault_record_t r;
    if (!bsp_fault_take(&r)) {
        return;
    }
    hil_fault_info_t *f = &hil_mailbox.last_fault;
    f->exception = r.exception;
    f->cfsr = r.cfsr;
    f->hfsr = r.hfsr;
    f->mmfar = r.mmfar;
    f->bfar = r.bfar;
    f->pc = r.pc;
    f->lr = r.lr;
    f->xpsr = r.xpsr;
    f->sp = r.sp;
    f->exc_return = r.exc_return;
    f->flags = r.flags;
    f->valid = 1u;
}

void agent_boot_publish(void)
{
    hil_mailbox.version = HIL_PROTOCOL_VERSION;
    hil_mailbox.build_id = hil_agent_build_id;
    hil_mailbox.capabilities = commands_capabilities();
    hil_mailbox.timestamp_hz = bsp_cycles_hz();
    hil_mailbox.boot_count = count_boot();
    publish_last_fault();
    agent_dmb();
    hil_mailbox.magic = HIL_MAILBOX_MAGIC; /* last; never read back */
}
