/* A small sensor pipeline built on tidemark: readings go from a producer
 * (an ISR on a board) to a consumer through an SPSC queue; frames of
 * readings are kept in pool blocks. */
#ifndef CONSUMER_PIPELINE_H
#define CONSUMER_PIPELINE_H

#include <stdint.h>

#include "mem/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PIPELINE_QUEUE_CAPACITY 16u
#define PIPELINE_FRAME_READINGS 8u
#define PIPELINE_FRAMES 4u

typedef struct {
    uint32_t readings[PIPELINE_FRAME_READINGS];
    uint32_t count;
} pipeline_frame_t;

/* Sets up the queue and the pool. */
mem_status_t pipeline_init(void);

/* Producer: queue one reading (MEM_ERR_FULL when the queue is full). */
mem_status_t pipeline_produce(uint32_t reading);

/* Consumer: moves queued readings into frames; returns a full frame, or NULL
 * when no frame is complete yet or no pool block is free. */
pipeline_frame_t *pipeline_consume(void);

/* Returns a frame to the pool. */
mem_status_t pipeline_release(pipeline_frame_t *frame);

#ifdef __cplusplus
}
#endif

#endif
