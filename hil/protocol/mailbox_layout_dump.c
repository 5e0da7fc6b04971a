/*
 * Prints hil_mailbox.h's layout and constants as JSON, so the host test
 * (hil/tests/protocol_layout_test.py) can prove hil/protocol.py mirrors the
 * header exactly: offsets, sizes and every ID the firmware compiles against
 * (per-command IDs and sizes come from the lists in hil_commands.h).
 */
#include <stddef.h>
#include <stdio.h>

#include "hil_mailbox.h"

#define FIELD(type, f) printf("  \"%s.%s\": %zu,\n", #type, #f, offsetof(type, f))
#define NAMED(name, value) printf("  \"%s\": %lu,\n", name, (unsigned long)(value))
#define CONST(c) NAMED(#c, c)
/* For the lists of hil_commands.h (generated from commands.json): each
 * stringizes its macro arguments itself, before they expand. */
#define COMMAND_ID(id, handler) NAMED(#id, id);
#define RESULT(layout, type)  \
    NAMED(#layout, layout);   \
    NAMED("sizeof(" #type ")", sizeof(type));
#define ENUM_VALUE(value) NAMED(#value, value);

int main(void)
{
    printf("{\n");
    FIELD(hil_mailbox_t, magic);
    FIELD(hil_mailbox_t, version);
    FIELD(hil_mailbox_t, build_id);
    FIELD(hil_mailbox_t, capabilities);
    FIELD(hil_mailbox_t, timestamp_hz);
    FIELD(hil_mailbox_t, boot_count);
    FIELD(hil_mailbox_t, command);
    FIELD(hil_mailbox_t, args);
    FIELD(hil_mailbox_t, seq);
    FIELD(hil_mailbox_t, doorbell);
    FIELD(hil_mailbox_t, status);
    FIELD(hil_mailbox_t, result_layout);
    FIELD(hil_mailbox_t, result_words);
    FIELD(hil_mailbox_t, heartbeat);
    FIELD(hil_mailbox_t, ack_seq);
    FIELD(hil_mailbox_t, results);
    FIELD(hil_mailbox_t, last_fault);
    FIELD(hil_adc_burst_result_t, hist_bucket_width);
    FIELD(hil_adc_burst_result_t, hist);
    FIELD(hil_adc_burst_result_t, queue_level);
    FIELD(hil_packet_burst_result_t, pool_free_level);
    FIELD(hil_stack_report_result_t, stacks);
    FIELD(hil_heap_stress_result_t, free_total_hi);
    FIELD(hil_bench_result_t, overhead);
    FIELD(hil_fault_info_t, exc_return);
    FIELD(hil_fault_info_t, flags);
    CONST(sizeof(hil_mailbox_t));
    CONST(sizeof(hil_fault_info_t));
    CONST(HIL_PROTOCOL_VERSION);
    CONST(HIL_MAILBOX_MAGIC);
    CONST(HIL_DOORBELL_RING);
    CONST(HIL_ARG_WORDS);
    CONST(HIL_RESULT_WORDS);
    CONST(HIL_HIST_BUCKETS);
    CONST(HIL_TRACE_POINTS);
    CONST(HIL_MAX_STACKS);
    CONST(HIL_STATUS_IDLE);
    CONST(HIL_STATUS_BUSY);
    CONST(HIL_STATUS_OK);
    CONST(HIL_STATUS_UNKNOWN_COMMAND);
    CONST(HIL_STATUS_BAD_ARGS);
    CONST(HIL_STATUS_UNSUPPORTED);
    CONST(HIL_STATUS_FAILED);
    CONST(HIL_STATUS_NO_FAULT);
    HIL_COMMAND_LIST(COMMAND_ID)
    HIL_RESULT_LIST(RESULT)
    HIL_ENUM_VALUE_LIST(ENUM_VALUE)
    printf("  \"end\": 0\n}\n");
    return 0;
}
