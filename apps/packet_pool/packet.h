/*
 * The packet_pool's packet format and its checks: plain C, tested on the
 * host. A packet lives in one 1500-byte pool buffer:
 *
 *   offset 0   uint32_t seq       arrival sequence number
 *   offset 4   uint32_t length    payload bytes, PACKET_MIN_PAYLOAD ..
 *                                 PACKET_MAX_PAYLOAD (a multiple of 4)
 *   offset 8   payload            length bytes, a pattern derived from seq
 *   8 + length uint32_t checksum  Fletcher-style sum over seq, length and
 *                                 payload words
 */
#ifndef PACKET_POOL_PACKET_H
#define PACKET_POOL_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PACKET_BUFFER_SIZE 1500u
#define PACKET_HEADER_SIZE 8u
#define PACKET_TRAILER_SIZE 4u
#define PACKET_MIN_PAYLOAD 64u
#define PACKET_MAX_PAYLOAD (PACKET_BUFFER_SIZE - PACKET_HEADER_SIZE - PACKET_TRAILER_SIZE)

/* Payload length of packet `seq` (varies over the whole legal range). O(1). */
uint32_t packet_payload_length(uint32_t seq);

/*
 * Fills `buffer` (PACKET_BUFFER_SIZE bytes, 4-byte aligned) as packet `seq`:
 * header, payload pattern, checksum, in one pass. O(length); ISR-safe
 * (touches only the buffer). No failures.
 */
void packet_fill(void *buffer, uint32_t seq);

/*
 * Checks a filled buffer: length in range and checksum matching, and the
 * payload equal to the pattern for its seq (so a buffer handed out twice or
 * overwritten shows). Stores the seq in *seq_out. O(length). Returns false
 * on any mismatch.
 */
bool packet_verify(const void *buffer, uint32_t *seq_out);

#endif /* PACKET_POOL_PACKET_H */
