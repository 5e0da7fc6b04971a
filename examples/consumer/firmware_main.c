/* Runs the pipeline on a board: 100 frames' worth of readings through the
 * queue and the pool; prints the checksum and exits 0 when it matches. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "bsp/board.h"
#include "pipeline.h"

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
    return ok ? 0 : 1;
}
