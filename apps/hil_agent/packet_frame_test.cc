// Host tests of the packet_burst frames (packet_frame.h).
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include <gtest/gtest.h>

extern "C" {
#include "apps/hil_agent/packet_frame.h"
#include "apps/hil_agent/prng.h"
}

namespace {

struct Buffer {
    alignas(8) uint8_t bytes[PACKET_FRAME_BUFFER];
};

TEST(PacketFrame, LengthStaysInRangeAndWordAligned)
{
    for (uint32_t seq = 0; seq < 20000; ++seq) {
        const uint32_t n = packet_frame_length(7, seq, 16, 1500);
        ASSERT_GE(n, 16u);
        ASSERT_LE(n, 1500u);
        ASSERT_EQ(n % 4, 0u);
    }
    EXPECT_EQ(packet_frame_length(1, 5, 12, 12), 12u);
    EXPECT_EQ(packet_frame_length(1, 5, 13, 13), 16u);
}

TEST(PacketFrame, LengthDependsOnSeedAndSeq)
{
    EXPECT_EQ(packet_frame_length(3, 10, 16, 1500), packet_frame_length(3, 10, 16, 1500));
    int differ = 0;
    for (uint32_t seq = 0; seq < 100; ++seq) {
        differ += packet_frame_length(3, seq, 16, 1500) != packet_frame_length(4, seq, 16, 1500);
    }
    EXPECT_GT(differ, 90);
}

TEST(PacketFrame, FilledFramesCheckAtEveryLength)
{
    Buffer b;
    for (uint32_t length = PACKET_FRAME_MIN; length <= PACKET_FRAME_BUFFER; length += 4) {
        packet_frame_fill(b.bytes, length * 3u, length);
        uint32_t seq = 0;
        ASSERT_TRUE(packet_frame_check(b.bytes, length, &seq)) << length;
        ASSERT_EQ(seq, length * 3u);
        ASSERT_EQ(packet_frame_seq(b.bytes), length * 3u);
    }
}

TEST(PacketFrame, EveryFlippedBitIsCaught)
{
    Buffer b;
    const uint32_t length = 64;
    packet_frame_fill(b.bytes, 42, length);
    for (uint32_t bit = 0; bit < length * 8; ++bit) {
        b.bytes[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        uint32_t seq;
        ASSERT_FALSE(packet_frame_check(b.bytes, length, &seq)) << bit;
        b.bytes[bit / 8] ^= (uint8_t)(1u << (bit % 8));
    }
    uint32_t seq;
    EXPECT_TRUE(packet_frame_check(b.bytes, length, &seq));
}

TEST(PacketFrame, WrongExpectedLengthOrStaleFrameFails)
{
    Buffer b;
    packet_frame_fill(b.bytes, 1, 100);
    uint32_t seq;
    EXPECT_FALSE(packet_frame_check(b.bytes, 104, &seq));
    // A frame of another seq written over a longer one: the old tail must
    // not make the check pass for the old seq's expectations.
    packet_frame_fill(b.bytes, 2, 40);
    EXPECT_FALSE(packet_frame_check(b.bytes, 100, &seq));
    EXPECT_TRUE(packet_frame_check(b.bytes, 40, &seq));
}

TEST(PacketFrame, GarbageLengthWordIsRejected)
{
    Buffer b;
    std::memset(b.bytes, 0xFF, sizeof b.bytes);
    uint32_t seq;
    EXPECT_FALSE(packet_frame_check(b.bytes, 0xFFFFFFFFu, &seq));
}

TEST(Prng, XorshiftSequenceIsFixedAndSeedZeroIsSafe)
{
    uint32_t s = prng_seed(1);
    EXPECT_EQ(prng_next(&s), 270369u);  // 1 ^ 1<<13 ... Marsaglia's xorshift32
    uint32_t z = prng_seed(0);
    EXPECT_NE(z, 0u);
    EXPECT_NE(prng_next(&z), 0u);
}

}  // namespace
