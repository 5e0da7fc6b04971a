/* packet_burst frames (see packet_frame.h). */
#include "packet_frame.h"

#include "prng.h"

#define PAYLOAD_SEQ_MUL 0x9E3779B1u
#define PAYLOAD_INDEX_MUL 0x85EBCA77u

uint32_t packet_frame_length(uint32_t seed, uint32_t seq, uint32_t size_min,
                             uint32_t size_max)
{
    const uint32_t span = size_max - size_min + 1u;
    const uint32_t bytes = size_min + prng_hash(seed, seq) % span;
    return (bytes + 3u) & ~3u;
}

void packet_frame_fill(void *buffer, uint32_t seq, uint32_t length)
{
    uint32_t *w = buffer;
    const uint32_t words = length / 4u;
    w[0] = seq;
    w[1] = length;
    uint32_t a = seq + length;
    uint32_t b = seq + a;
    uint32_t value = seq * PAYLOAD_SEQ_MUL + 2u * PAYLOAD_INDEX_MUL;
    for (uint32_t i = 2u; i < words - 1u; ++i) {
        w[i] = value;
        a += value;
        b += a;
        value += PAYLOAD_INDEX_MUL;
    }
    w[words - 1u] = a ^ (b << 1);
}

uint32_t packet_frame_seq(const void *buffer)
{
    return ((const uint32_t *)buffer)[0];
}

bool packet_frame_check(const void *buffer, uint32_t expected_length, uint32_t *seq_out)
{
    const uint32_t *w = buffer;
    const uint32_t seq = w[0];
    const uint32_t length = w[1];
    *seq_out = seq;
    if (length != expected_length || length < PACKET_FRAME_MIN ||
        length > PACKET_FRAME_BUFFER || (length & 3u) != 0u) {
        return false;
    }
    const uint32_t words = length / 4u;
    uint32_t a = seq + length;
    uint32_t b = seq + a;
    uint32_t value = seq * PAYLOAD_SEQ_MUL + 2u * PAYLOAD_INDEX_MUL;
    bool ok = true;
    for (uint32_t i = 2u; i < words - 1u; ++i) {
        ok = ok && w[i] == value;
        a += w[i];
        b += a;
        value += PAYLOAD_INDEX_MUL;
    }
    return ok && w[words - 1u] == (a ^ (b << 1));
}
