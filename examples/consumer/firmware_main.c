/* Runs the pipeline on a board: 100 frames' worth of readings through the
 * queue and the pool; prints the checksum and exits 0 when it matches. Then
 * shows the project's choices at work: malloc served by the heap BUILD
 * picked (inside the critical section mem_config supplies), and misuse (a
 * frame released twice) reported through the failure hook installed here. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bsp/board.h"
#include "bsp/console.h"
#include "consumer_mem_config.h"
#include "mem/status.h"
#include "pipeline.h"

static uint32_t g_failures;
static mem_status_t g_last_failure;

static void count_failure(mem_status_t status, const void *object, const void *pointer,
                          void *context)
{
    (void)object;
    (void)pointer;
    (void)context;
    ++g_failures;
    g_last_failure = status;
}

/* malloc and free through the retargeted heap; true when both worked. */
static bool heap_round_trip(void)
{
    char *text = malloc(64);
    if (text == NULL) {
        return false;
    }
    memset(text, 'x', 64);
    free(text);
    return true;
}

#define FRAMES_TO_RUN 100u

static void put(const char *s)
{
    bsp_uart_write(s, strlen(s));
}

int main(void)
{
    bsp_init();
    if (pipeline_init() != MEM_OK) {
        put("consumer: init failed\n");
        return 1;
    }
    uint32_t produced = 0, frames = 0, sum = 0;
    while (frames < FRAMES_TO_RUN) {
        while (pipeline_produce(produced) == MEM_OK) {
            ++produced;
        }
        pipeline_frame_t *frame;
        while ((frame = pipeline_consume()) != NULL) {
            for (uint32_t i = 0; i < frame->count; ++i) {
                sum += frame->readings[i];
            }
            ++frames;
            if (pipeline_release(frame) != MEM_OK) {
                put("consumer: release failed\n");
                return 1;
            }
        }
    }
    /* Readings go out in order, so the frames hold readings 0..consumed-1;
     * those still queued were produced but not consumed. */
    uint32_t consumed = frames * PIPELINE_FRAME_READINGS;
    bool ok = sum == consumed * (consumed - 1u) / 2u;
    put(ok ? "consumer: ok\n" : "consumer: checksum mismatch\n");
    if (!ok) {
        return 1;
    }

    mem_failure_hook_set(count_failure, NULL);
    uint32_t sections_before = consumer_critical_sections();
    bool heap_ok = heap_round_trip();
    uint32_t sections = consumer_critical_sections() - sections_before;
    pipeline_frame_t *frame;
    while ((frame = pipeline_consume()) == NULL && pipeline_produce(produced) == MEM_OK) {
        ++produced;
    }
    bool released_once = frame != NULL && pipeline_release(frame) == MEM_OK;
    bool refused_twice = frame != NULL && pipeline_release(frame) != MEM_OK;
    put("consumer: heap ");
    put(heap_ok ? "ok" : "failed");
    put(", critical sections ");
    bsp_print_u32(sections);
    put(", failures reported ");
    bsp_print_u32(g_failures);
    put(g_last_failure == MEM_ERR_DOUBLE_FREE ? " (double free)\n" : "\n");
    return heap_ok && sections > 0u && released_once && refused_twice && g_failures == 1u ? 0 : 1;
}
