#include "cortex_m7/cache.h"

#include "cortex_m7/barrier.h"

void cm7_icache_enable(cm7_scb_t *scb, cm7_cache_ops_t *ops)
{
    if (scb->ccr & CM7_CCR_IC) {
        return;
    }
    CM7_DSB();
    CM7_ISB();
    ops->iciallu = 0u;
    CM7_DSB();
    CM7_ISB();
    scb->ccr |= CM7_CCR_IC;
    CM7_DSB();
    CM7_ISB();
}

void cm7_dcache_enable(cm7_scb_t *scb, cm7_cache_ops_t *ops)
{
    if (scb->ccr & CM7_CCR_DC) {
        return;
    }
    scb->csselr = 0u; /* level 1, data cache */
    CM7_DSB();
    uint32_t ccsidr = scb->ccsidr;
    uint32_t sets = CM7_CCSIDR_SETS(ccsidr) + 1u;
    uint32_t ways = CM7_CCSIDR_WAYS(ccsidr) + 1u;
    uint32_t line_log2 = CM7_CCSIDR_LINE_LOG2(ccsidr);
    /* Way field at the top of the word: 32 - ceil(log2(ways)) (B4.8.5). */
    uint32_t way_shift = 32u;
    for (uint32_t w = ways - 1u; w != 0u; w >>= 1) {
        --way_shift;
    }
    for (uint32_t set = 0; set < sets; ++set) {
        for (uint32_t way = 0; way < ways; ++way) {
            uint32_t way_bits = way_shift < 32u ? way << way_shift : 0u;
            ops->dcisw = way_bits | (set << line_log2);
        }
    }
    CM7_DSB();
    scb->ccr |= CM7_CCR_DC;
    CM7_DSB();
    CM7_ISB();
}
