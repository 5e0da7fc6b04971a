/* Boot: publish identity and the last fault, then magic (see agent_boot.h). */
#include "agent_boot.h"

#include "agent_mailbox.h"
#include "bsp/board.h"
#include "commands.h"
#include "hil_fault_info.h"
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

void agent_boot_publish(void)
{
    hil_mailbox.version = HIL_PROTOCOL_VERSION;
    hil_mailbox.build_id = hil_agent_build_id;
    hil_mailbox.capabilities = commands_capabilities();
    hil_mailbox.timestamp_hz = bsp_cycles_hz();
    hil_mailbox.boot_count = count_boot();
    (void)hil_fault_info_take(&hil_mailbox.last_fault);
    agent_dmb();
    hil_mailbox.magic = HIL_MAILBOX_MAGIC; /* last; never read back */
}
