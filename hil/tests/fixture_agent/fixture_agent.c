/*
 * A minimal HIL agent used only by the rig's own tests (not apps/hil_agent).
 * It implements the mailbox handshake (publishing the BSP's fault record of
 * the previous run in last_fault), HIL_CMD_PING, HIL_CMD_STACK_REPORT (main
 * stack, painted at boot) and HIL_CMD_FAULT(stack_overflow), and answers
 * every other command with HIL_STATUS_UNSUPPORTED. Test hook: PING with args[0] == FIXTURE_HANG
 * takes the doorbell and then never answers, so the host's timeout path can
 * be exercised against a live, polling firmware.
 */
#include <stdint.h>
#include <string.h>

#include "bsp/board.h"
#include "hil_fault_info.h"
#include "hil_mailbox.h"
#include "mem/region.h"

#define FIXTURE_HANG 0x48414E47u /* "GNAH" */
#define FIXTURE_BUILD_ID 0xF1C70001u
#define STACK_PAINT 0xA5A5A5A5u

MEM_DTCM_BSS hil_mailbox_t hil_mailbox;

/* Initialised data (kept non-empty on purpose: with an empty .data the BSP's
 * linker script of 2026-11-26 placed .bss over .noinit, wiping the fault
 * record at boot; see the rig's report). */
volatile uint32_t fixture_build_id = FIXTURE_BUILD_ID;

extern uint32_t _stack_bottom[];
extern uint32_t _stack_top[];

static uint32_t current_sp(void)
{
    uint32_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    return sp;
}

static void paint_stack(void)
{
    volatile uint32_t *p = _stack_bottom;
    uint32_t *limit = (uint32_t *)(uintptr_t)(current_sp() - 64u);
    while ((uint32_t *)p < limit) {
        *p++ = STACK_PAINT;
    }
}

static void dmb(void)
{
    __asm__ volatile("dmb" ::: "memory");
}

static uint32_t stack_report(void)
{
    const uint32_t *p = _stack_bottom;
    while (p < _stack_top && *p == STACK_PAINT) {
        ++p;
    }
    hil_stack_report_result_t *r = &hil_mailbox.results.stack_report;
    memset(r, 0, sizeof *r);
    r->count = 1u;
    r->stacks[0].tag = 0x0050534Du; /* "MSP" */
    r->stacks[0].size = (uint32_t)((uintptr_t)_stack_top - (uintptr_t)_stack_bottom);
    r->stacks[0].high_water = (uint32_t)((uintptr_t)_stack_top - (uintptr_t)p);
    hil_mailbox.result_layout = HIL_LAYOUT_STACK_REPORT;
    hil_mailbox.result_words = 1u + 3u * r->count;
    return HIL_STATUS_OK;
}

/* Recurses until a push lands in the MPU guard below the stack (MemManage);
 * the bound only keeps the compiler from calling it infinite recursion. */
static uint32_t overflow_stack(uint32_t depth)
{
    volatile uint32_t pad[32];
    pad[0] = depth;
    if (depth > 1000000u) {
        return pad[0];
    }
    return overflow_stack(depth + 1u) + pad[0];
}

static uint32_t run(uint32_t command, const uint32_t args[HIL_ARG_WORDS])
{
    switch (command) {
    case HIL_CMD_PING:
        if (args[0] == FIXTURE_HANG) {
            for (;;) {
                hil_mailbox.heartbeat++;
            }
        }
        memcpy(hil_mailbox.results.ping.echo, args, sizeof hil_mailbox.results.ping.echo);
        hil_mailbox.result_layout = HIL_LAYOUT_PING;
        hil_mailbox.result_words = HIL_ARG_WORDS;
        return HIL_STATUS_OK;
    case HIL_CMD_STACK_REPORT:
        return stack_report();
    case HIL_CMD_FAULT:
        hil_mailbox.result_layout = HIL_LAYOUT_NONE;
        hil_mailbox.result_words = 0u;
        if (args[0] == HIL_FAULT_STACK_OVERFLOW) {
            (void)overflow_stack(0u);
            return HIL_STATUS_NO_FAULT;
        }
        return HIL_STATUS_UNSUPPORTED;
    default:
        hil_mailbox.result_layout = HIL_LAYOUT_NONE;
        hil_mailbox.result_words = 0u;
        return command < HIL_CMD_COUNT ? HIL_STATUS_UNSUPPORTED : HIL_STATUS_UNKNOWN_COMMAND;
    }
}

int main(void)
{
    paint_stack();
    bsp_init();
    hil_mailbox.version = HIL_PROTOCOL_VERSION;
    hil_mailbox.build_id = fixture_build_id;
    hil_mailbox.capabilities =
        (1u << HIL_CMD_PING) | (1u << HIL_CMD_STACK_REPORT) | (1u << HIL_CMD_FAULT);
    hil_mailbox.timestamp_hz = bsp_cycles_hz();
    (void)hil_fault_info_take(&hil_mailbox.last_fault);
    dmb();
    hil_mailbox.magic = HIL_MAILBOX_MAGIC;
    static const char hello[] = "hil fixture agent ready\n";
    bsp_uart_write(hello, sizeof hello - 1u);
    for (;;) {
        hil_mailbox.heartbeat++;
        if (hil_mailbox.doorbell != HIL_DOORBELL_RING) {
            continue;
        }
        dmb();
        hil_mailbox.doorbell = 0u;
        uint32_t seq = hil_mailbox.seq;
        uint32_t args[HIL_ARG_WORDS];
        for (uint32_t i = 0; i < HIL_ARG_WORDS; ++i) {
            args[i] = hil_mailbox.args[i];
        }
        hil_mailbox.status = HIL_STATUS_BUSY;
        uint32_t status = run(hil_mailbox.command, args);
        hil_mailbox.status = status;
        dmb();
        hil_mailbox.ack_seq = seq;
    }
}
