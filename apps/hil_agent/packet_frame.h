/*
 * The packets of the packet_burst command: one frame per pool buffer,
 * filled by the arrival ISR, checked by the main loop. Plain C, tested on
 * the host. Layout (little-endian words, frame length rounded up to a whole
 * word, at most PACKET_FRAME_BUFFER bytes):
 *
 *   word 0        seq        arrival sequence number
 *   word 1        length     frame bytes (a multiple of 4, >= 12)
 *   word 2..n-2   payload    word i = seq * 0x9E3779B1 + i * 0x85EBCA77
 *   word n-1      checksum   Fletcher-style over words 0..n-2
 */
#ifndef HIL_AGENT_PACKET_FRAME_H
#define HIL_AGENT_PACKET_FRAME_H

#include <stdbool.h>
#include <stdint.h>

#define PACKET_FRAME_BUFFER 1500u /* pool block size */
#define PACKET_FRAME_MIN 12u      /* header + checksum */

/*
 * Frame length of packet `seq` for a burst (seed, size_min, size_max): a
 * value in [size_min, size_max] from prng_hash(seed, seq), rounded up to a
 * multiple of 4. Needs PACKET_FRAME_MIN <= size_min <= size_max <=
 * PACKET_FRAME_BUFFER (checked by the caller). O(1).
 */
uint32_t packet_frame_length(uint32_t seed, uint32_t seq, uint32_t size_min,
                             uint32_t size_max);

/* Writes frame `seq` of `length` bytes (a multiple of 4, 12..1500) into the
 * 4-byte aligned `buffer`. O(length); ISR-safe (touches only the buffer). */
void packet_frame_fill(void *buffer, uint32_t seq, uint32_t length);

/* Checks a frame: length as expected, every payload word, the checksum.
 * Stores the frame's seq in *seq_out. O(length). False on any mismatch. */
bool packet_frame_check(const void *buffer, uint32_t expected_length, uint32_t *seq_out);

/* The seq word of a frame (to look up its expected length). O(1). */
uint32_t packet_frame_seq(const void *buffer);

#endif /* HIL_AGENT_PACKET_FRAME_H */
