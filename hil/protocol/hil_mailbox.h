/*
 * hil_mailbox.h — the HIL mailbox: how the host rig and the target agent
 * (apps/hil_agent) talk through RAM. Full description: docs/hil-protocol.md.
 *
 * The agent defines exactly one global `hil_mailbox_t hil_mailbox` in
 * non-cached RAM (DTCM on the STM32F769: MEM_DTCM_BSS from mem/region.h).
 * The host finds it through its ELF symbol and reaches it with the debugger.
 *
 * Handshake (all words little-endian u32; "publish" = DMB, then the store):
 *   agent at boot:  (mailbox zeroed as .bss) fill version, build_id,
 *                   capabilities, timestamp_hz (bsp_cycles_hz()), last_fault
 *                   (from bsp_fault_take()), then publish
 *                   magic = HIL_MAILBOX_MAGIC. The agent never reads magic:
 *                   the host clears it (core halted at the reset vector)
 *                   before every start, and before HIL_CMD_FAULT, so a
 *                   stale magic from the previous boot never looks ready.
 *   host:           waits for magic and version; writes command and args[],
 *                   then seq (previous seq + 1, never 0), then rings
 *                   doorbell = HIL_DOORBELL_RING.
 *   agent (polls doorbell in its main loop; no WFI on the emulated board):
 *                   on HIL_DOORBELL_RING: DMB; doorbell = 0; status = BUSY;
 *                   runs the command; writes results[], result_layout,
 *                   result_words, status; then publishes ack_seq = seq LAST.
 *   host:           polls ack_seq == seq (with a timeout), then reads status,
 *                   result_layout, result_words and results[].
 * heartbeat is incremented by the agent on every main-loop pass and during
 * long commands, so the host can tell a busy agent from a dead one.
 *
 * Layout is fixed by this header for a given HIL_PROTOCOL_VERSION; any
 * change of an offset, ID or result layout bumps the version.
 */
#ifndef HIL_MAILBOX_H
#define HIL_MAILBOX_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HIL_PROTOCOL_VERSION 1u

#define HIL_MAILBOX_MAGIC 0x4C494854u /* bytes "THIL" in memory */
#define HIL_DOORBELL_RING 0x474E4952u /* bytes "RING" in memory */

#define HIL_MAILBOX_SYMBOL "hil_mailbox"

#define HIL_ARG_WORDS 8u
#define HIL_RESULT_WORDS 64u

/* ---- status (mailbox.status) ----------------------------------------------- */
#define HIL_STATUS_IDLE 0u            /* nothing run since boot                 */
#define HIL_STATUS_BUSY 1u            /* command taken, running                 */
#define HIL_STATUS_OK 2u              /* done, results valid                    */
#define HIL_STATUS_UNKNOWN_COMMAND 3u /* command ID 0 or >= HIL_CMD_COUNT       */
#define HIL_STATUS_BAD_ARGS 4u        /* arguments out of range                 */
#define HIL_STATUS_UNSUPPORTED 5u     /* defined but not built into this agent  */
#define HIL_STATUS_FAILED 6u          /* ran but could not complete (results may
                                         be partial; layout says which)         */
#define HIL_STATUS_NO_FAULT 7u        /* HIL_CMD_FAULT returned without faulting */

/* ---- result sizes and units --------------------------------------------- */
/* Cycle counts are in ticks of the agent's timestamp counter (mailbox
 * .timestamp_hz: DWT CYCCNT at the core clock on the STM32F769; a 25 MHz CMSDK
 * timer on mps2-an500, where DWT is not emulated). 64-bit totals are split
 * into _lo/_hi words; the host divides by the count to get means. */

#define HIL_HIST_BUCKETS 16u /* bucket i: [i*w, (i+1)*w) ticks; last: >= 15*w */
#define HIL_TRACE_POINTS 16u /* level sampled at 16 evenly spaced moments     */
#define HIL_MAX_STACKS 16u

/* Commands (mailbox.command: HIL_CMD_*, HIL_CMD_COUNT), result layouts
 * (mailbox.result_layout: HIL_LAYOUT_*, HIL_LAYOUT_*_WORDS), enumerated
 * arguments (HIL_HEAP_*, HIL_BENCH_*, HIL_FAULT_*), the result structs
 * hil_<command>_result_t and their union hil_results_t, generated from
 * commands.json (its "doc" strings say what each command does). */
#include "hil_commands.h"

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
_Static_assert(sizeof(hil_ping_result_t) == 4 * HIL_ARG_WORDS, "ping echoes every arg");
_Static_assert(sizeof(((hil_adc_burst_result_t *)0)->hist) == 4 * HIL_HIST_BUCKETS, "hist");
_Static_assert(sizeof(((hil_adc_burst_result_t *)0)->queue_level) == 4 * HIL_TRACE_POINTS,
               "queue_level");
_Static_assert(sizeof(((hil_packet_burst_result_t *)0)->pool_free_level) == 4 * HIL_TRACE_POINTS,
               "pool_free_level");
_Static_assert(sizeof(((hil_stack_report_result_t *)0)->stacks) ==
                   sizeof(hil_stack_entry_t) * HIL_MAX_STACKS,
               "stacks");
#endif

/* The fault the previous run died of, as the BSP captured it. The agent
 * fills this at boot, BEFORE publishing magic: if bsp_fault_take() returns a
 * record, copy its fields here (same names, see bsp_fault_record_t in
 * bsp/board.h) and set valid = 1; otherwise leave it zero.
 * hil_fault_info_take() (hil_fault_info.h) does exactly that. */
typedef struct {
    uint32_t valid;      /* 1: a sealed BSP fault record was taken at this boot */
    uint32_t exception;  /* IPSR number: 3 HardFault, 4 MemManage, 5 BusFault, 6 UsageFault */
    uint32_t cfsr;
    uint32_t hfsr;
    uint32_t mmfar;
    uint32_t bfar;
    uint32_t pc;         /* stacked PC */
    uint32_t lr;         /* stacked LR */
    uint32_t xpsr;       /* stacked xPSR */
    uint32_t sp;         /* address of the stacked frame */
    uint32_t exc_return;
    uint32_t flags;      /* BSP_FAULT_FLAG_* (PSP, FP frame, stack overflow, frame invalid) */
} hil_fault_info_t;

/* ---- the mailbox ------------------------------------------------------------ */
typedef struct {
    /* identity: written by the agent at boot, magic last */
    volatile uint32_t magic;          /* 0x00 HIL_MAILBOX_MAGIC when ready    */
    volatile uint32_t version;        /* 0x04 HIL_PROTOCOL_VERSION            */
    volatile uint32_t build_id;       /* 0x08 firmware build identifier       */
    volatile uint32_t capabilities;   /* 0x0C bit n set: HIL_CMD n built in   */
    volatile uint32_t timestamp_hz;   /* 0x10 ticks per second of cycle counts */
    volatile uint32_t boot_count;     /* 0x14 kept in .noinit by the agent; 0 if not */
    /* request: written by the host */
    volatile uint32_t command;        /* 0x18 HIL_CMD_*                       */
    volatile uint32_t args[HIL_ARG_WORDS]; /* 0x1C                            */
    volatile uint32_t seq;            /* 0x3C request number, != 0            */
    volatile uint32_t doorbell;       /* 0x40 HIL_DOORBELL_RING; agent clears */
    /* response: written by the agent, ack_seq last */
    volatile uint32_t status;         /* 0x44 HIL_STATUS_*                    */
    volatile uint32_t result_layout;  /* 0x48 HIL_LAYOUT_*                    */
    volatile uint32_t result_words;   /* 0x4C valid words in results          */
    volatile uint32_t heartbeat;      /* 0x50 incremented while alive         */
    volatile uint32_t ack_seq;        /* 0x54 = seq when the answer is complete */
    hil_results_t results;            /* 0x58 */
    /* written by the agent at boot, before magic */
    hil_fault_info_t last_fault;      /* 0x158 fault that ended the previous run */
} hil_mailbox_t;


#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
_Static_assert(offsetof(hil_mailbox_t, command) == 0x18, "hil mailbox layout");
_Static_assert(offsetof(hil_mailbox_t, seq) == 0x3C, "hil mailbox layout");
_Static_assert(offsetof(hil_mailbox_t, ack_seq) == 0x54, "hil mailbox layout");
_Static_assert(offsetof(hil_mailbox_t, results) == 0x58, "hil mailbox layout");
_Static_assert(offsetof(hil_mailbox_t, last_fault) == 0x158, "hil mailbox layout");
_Static_assert(sizeof(hil_mailbox_t) == 0x158 + 12 * 4, "hil mailbox size");
#endif

#ifdef __cplusplus
}
#endif

#endif /* HIL_MAILBOX_H */
