#include "pipeline.h"

#include <stddef.h>

#include "mem/pool.h"
#include "mem/spsc.h"

static MEM_SPSC_STORAGE(g_slots, uint32_t, PIPELINE_QUEUE_CAPACITY);
static mem_spsc_t g_queue;
MEM_POOL_DEFINE(g_frames, sizeof(pipeline_frame_t), PIPELINE_FRAMES);
static pipeline_frame_t *g_filling;

mem_status_t pipeline_init(void)
{
    mem_status_t status = mem_spsc_init(&g_queue, g_slots, sizeof g_slots,
                                        sizeof g_slots[0], PIPELINE_QUEUE_CAPACITY);
    if (status != MEM_OK) {
        return status;
    }
    g_filling = NULL;
    return MEM_POOL_INIT(g_frames);
}

mem_status_t pipeline_produce(uint32_t reading)
{
    return mem_spsc_push(&g_queue, &reading);
}

pipeline_frame_t *pipeline_consume(void)
{
    for (;;) {
        if (g_filling == NULL) {
            g_filling = mem_pool_alloc(&g_frames);
            if (g_filling == NULL) {
                return NULL;
            }
            g_filling->count = 0;
        }
        uint32_t reading;
        if (mem_spsc_pop(&g_queue, &reading) != MEM_OK) {
            return NULL;
        }
        g_filling->readings[g_filling->count++] = reading;
        if (g_filling->count == PIPELINE_FRAME_READINGS) {
            pipeline_frame_t *full = g_filling;
            g_filling = NULL;
            return full;
        }
    }
}

mem_status_t pipeline_release(pipeline_frame_t *frame)
{
    return mem_pool_free(&g_frames, frame);
}
