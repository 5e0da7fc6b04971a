/* The emulated board's synthetic sample sequence (bsp/board.h). */
#include "bsp/board.h"

uint16_t bsp_sample_synthetic(uint32_t seq)
{
    /* Fibonacci hashing: consecutive seq values give well-spread 12-bit
     * values, so a swapped or repeated sample changes the value. */
    return (uint16_t)((seq * 2654435761u) >> 20);
}
