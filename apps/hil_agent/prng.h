/*
 * xorshift32 (Marsaglia): the agent's deterministic pseudo-random numbers
 * (packet sizes, heap operations). Same seed, same sequence on every board
 * and on the host. Header only; O(1); no failures.
 */
#ifndef HIL_AGENT_PRNG_H
#define HIL_AGENT_PRNG_H

#include <stdint.h>

/* A state from a seed; seed 0 (a fixed point of xorshift) maps to a constant. */
static inline uint32_t prng_seed(uint32_t seed)
{
    return seed != 0u ? seed : 0x9E3779B9u;
}

/* Next value; advances *state. */
static inline uint32_t prng_next(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return x;
}

/* A stateless hash of (seed, n), for values an ISR and the main loop must
 * agree on without sharing state (e.g. packet n's size). */
static inline uint32_t prng_hash(uint32_t seed, uint32_t n)
{
    uint32_t x = prng_seed(seed ^ (n * 0x85EBCA77u));
    x ^= x >> 16;
    x *= 0x7FEB352Du;
    x ^= x >> 15;
    x *= 0x846CA68Bu;
    x ^= x >> 16;
    return x;
}

#endif /* HIL_AGENT_PRNG_H */
