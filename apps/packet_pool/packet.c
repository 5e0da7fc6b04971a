#include "packet.h"

#define PAYLOAD_SPAN (PACKET_MAX_PAYLOAD - PACKET_MIN_PAYLOAD + 4u)

uint32_t packet_payload_length(uint32_t seq)
{
    /* 97 is odd, so consecutive packets walk through every length. */
    return PACKET_MIN_PAYLOAD + ((seq * 97u * 4u) % PAYLOAD_SPAN);
}

static uint32_t pattern(uint32_t seq, uint32_t i)
{
    return (seq * 0x9E3779B9u) ^ (i * 0x85EBCA6Bu);
}

typedef struct {
    uint32_t a;
    uint32_t b;
} checksum_t;

static void checksum_add(checksum_t *c, uint32_t word)
{
    c->a += word;
    c->b += c->a;
}

static uint32_t checksum_value(const checksum_t *c)
{
    return c->a ^ (c->b << 16 | c->b >> 16);
}

void packet_fill(void *buffer, uint32_t seq)
{
    uint32_t *w = (uint32_t *)buffer;
    uint32_t length = packet_payload_length(seq);
    uint32_t words = length / 4u;
    checksum_t c = {0u, 0u};
    w[0] = seq;
    w[1] = length;
    checksum_add(&c, seq);
    checksum_add(&c, length);
    for (uint32_t i = 0; i < words; ++i) {
        uint32_t v = pattern(seq, i);
        w[2u + i] = v;
        checksum_add(&c, v);
    }
    w[2u + words] = checksum_value(&c);
}

bool packet_verify(const void *buffer, uint32_t *seq_out)
{
    const uint32_t *w = (const uint32_t *)buffer;
    uint32_t seq = w[0];
    uint32_t length = w[1];
    *seq_out = seq;
    if (length < PACKET_MIN_PAYLOAD || length > PACKET_MAX_PAYLOAD || (length % 4u) != 0u ||
        length != packet_payload_length(seq)) {
        return false;
    }
    uint32_t words = length / 4u;
    checksum_t c = {0u, 0u};
    checksum_add(&c, seq);
    checksum_add(&c, length);
    bool pattern_ok = true;
    for (uint32_t i = 0; i < words; ++i) {
        uint32_t v = w[2u + i];
        checksum_add(&c, v);
        pattern_ok = pattern_ok && v == pattern(seq, i);
    }
    return pattern_ok && w[2u + words] == checksum_value(&c);
}
