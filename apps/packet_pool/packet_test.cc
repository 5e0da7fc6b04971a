// Host tests of the packet format (fill/verify).
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>

extern "C" {
#include "packet.h"
}

namespace {

struct alignas(8) Buffer {
    uint8_t bytes[PACKET_BUFFER_SIZE];
};

TEST(Packet, LengthsCoverTheLegalRangeAndFit)
{
    uint32_t mn = UINT32_MAX, mx = 0;
    for (uint32_t seq = 0; seq < 5000; ++seq) {
        uint32_t n = packet_payload_length(seq);
        ASSERT_EQ(n % 4u, 0u);
        mn = std::min(mn, n);
        mx = std::max(mx, n);
    }
    EXPECT_EQ(mn, PACKET_MIN_PAYLOAD);
    EXPECT_EQ(mx, PACKET_MAX_PAYLOAD);
    EXPECT_EQ(PACKET_HEADER_SIZE + PACKET_MAX_PAYLOAD + PACKET_TRAILER_SIZE, 1500u);
}

TEST(Packet, FilledPacketsVerify)
{
    Buffer b;
    for (uint32_t seq : {0u, 1u, 2u, 14u, 1000u, 0xFFFFFFFFu}) {
        std::memset(b.bytes, 0xA5, sizeof b.bytes);
        packet_fill(b.bytes, seq);
        uint32_t got = 0;
        EXPECT_TRUE(packet_verify(b.bytes, &got)) << seq;
        EXPECT_EQ(got, seq);
    }
}

TEST(Packet, EveryCorruptedByteIsDetected)
{
    Buffer b;
    const uint32_t seq = 3;  // some length well below the maximum
    packet_fill(b.bytes, seq);
    const size_t used = PACKET_HEADER_SIZE + packet_payload_length(seq) + PACKET_TRAILER_SIZE;
    for (size_t i = 0; i < used; ++i) {
        Buffer c = b;
        c.bytes[i] ^= 0x10u;
        uint32_t got;
        EXPECT_FALSE(packet_verify(c.bytes, &got)) << "byte " << i;
    }
    // Bytes past the checksum are not part of the packet.
    Buffer c = b;
    c.bytes[used] ^= 0xFFu;
    uint32_t got;
    EXPECT_TRUE(packet_verify(c.bytes, &got));
}

TEST(Packet, StaleBufferFromAnotherPacketIsRejectedAsThatPacket)
{
    Buffer b;
    packet_fill(b.bytes, 7);
    uint32_t got;
    ASSERT_TRUE(packet_verify(b.bytes, &got));
    // Rewrite only the header seq: length/pattern no longer match.
    uint32_t other = 8;
    std::memcpy(b.bytes, &other, sizeof other);
    EXPECT_FALSE(packet_verify(b.bytes, &got));
}

TEST(Packet, OutOfRangeLengthIsRejected)
{
    Buffer b;
    packet_fill(b.bytes, 5);
    uint32_t huge = 100000;
    std::memcpy(b.bytes + 4, &huge, sizeof huge);
    uint32_t got;
    EXPECT_FALSE(packet_verify(b.bytes, &got));
}

}  // namespace
