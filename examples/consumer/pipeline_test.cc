#include "pipeline.h"

#include <gtest/gtest.h>

namespace {

TEST(Pipeline, ReadingsArriveInOrderInFrames) {
    ASSERT_EQ(pipeline_init(), MEM_OK);
    for (uint32_t i = 0; i < PIPELINE_FRAME_READINGS; ++i) {
        ASSERT_EQ(pipeline_produce(100 + i), MEM_OK);
    }
    pipeline_frame_t *frame = pipeline_consume();
    ASSERT_NE(frame, nullptr);
    ASSERT_EQ(frame->count, PIPELINE_FRAME_READINGS);
    for (uint32_t i = 0; i < PIPELINE_FRAME_READINGS; ++i) {
        EXPECT_EQ(frame->readings[i], 100 + i);
    }
    EXPECT_EQ(pipeline_release(frame), MEM_OK);
}

TEST(Pipeline, QueueHoldsItsFullCapacityThenRefuses) {
    ASSERT_EQ(pipeline_init(), MEM_OK);
    for (uint32_t i = 0; i < PIPELINE_QUEUE_CAPACITY; ++i) {
        ASSERT_EQ(pipeline_produce(i), MEM_OK) << i;
    }
    EXPECT_EQ(pipeline_produce(99), MEM_ERR_FULL);
}

TEST(Pipeline, DoubleReleaseIsRefused) {
    ASSERT_EQ(pipeline_init(), MEM_OK);
    for (uint32_t i = 0; i < PIPELINE_FRAME_READINGS; ++i) {
        ASSERT_EQ(pipeline_produce(i), MEM_OK);
    }
    pipeline_frame_t *frame = pipeline_consume();
    ASSERT_NE(frame, nullptr);
    EXPECT_EQ(pipeline_release(frame), MEM_OK);
    EXPECT_EQ(pipeline_release(frame), MEM_ERR_DOUBLE_FREE);
}

TEST(Pipeline, PoolExhaustionStopsConsumptionWithoutLosingReadings) {
    ASSERT_EQ(pipeline_init(), MEM_OK);
    pipeline_frame_t *held[PIPELINE_FRAMES];
    uint32_t next = 0;
    for (auto &slot : held) {
        for (uint32_t i = 0; i < PIPELINE_FRAME_READINGS; ++i) {
            ASSERT_EQ(pipeline_produce(next++), MEM_OK);
        }
        slot = pipeline_consume();
        ASSERT_NE(slot, nullptr);
    }
    ASSERT_EQ(pipeline_produce(next), MEM_OK);
    EXPECT_EQ(pipeline_consume(), nullptr);  // no free frame: reading stays queued
    ASSERT_EQ(pipeline_release(held[0]), MEM_OK);
    for (uint32_t i = 1; i < PIPELINE_FRAME_READINGS; ++i) {
        ASSERT_EQ(pipeline_produce(next + i), MEM_OK);
    }
    pipeline_frame_t *frame = pipeline_consume();
    ASSERT_NE(frame, nullptr);
    EXPECT_EQ(frame->readings[0], next);
    for (size_t i = 1; i < PIPELINE_FRAMES; ++i) {
        EXPECT_EQ(pipeline_release(held[i]), MEM_OK);
    }
    EXPECT_EQ(pipeline_release(frame), MEM_OK);
}

}  // namespace
