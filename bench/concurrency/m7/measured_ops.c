/* Out-of-line wrappers over the typed SPSC API (see measured_ops.h). */
#include "measured_ops.h"

#define BENCH_OUT_OF_LINE __attribute__((noinline, used))

BENCH_OUT_OF_LINE mem_status_t bench_typed_push(void *queue, uint32_t value)
{
    return bench_words_push((bench_words_t *)queue, value);
}

BENCH_OUT_OF_LINE mem_status_t bench_typed_pop(void *queue, uint32_t *value)
{
    return bench_words_pop((bench_words_t *)queue, value);
}

BENCH_OUT_OF_LINE mem_status_t bench_typed_hw_push(void *queue,
                                                   uint32_t value)
{
    return bench_words_hw_push((bench_words_hw_t *)queue, value);
}

BENCH_OUT_OF_LINE mem_status_t bench_typed_hw_pop(void *queue,
                                                  uint32_t *value)
{
    return bench_words_hw_pop((bench_words_hw_t *)queue, value);
}
