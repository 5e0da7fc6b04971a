#include "consumer_mem_config.h"

static volatile uint32_t g_sections;

mem_critical_state_t consumer_critical_enter(void)
{
    uint32_t primask;
    __asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(primask)::"memory");
    g_sections = g_sections + 1u;
    return primask;
}

void consumer_critical_exit(mem_critical_state_t state)
{
    __asm__ volatile("msr primask, %0" ::"r"(state) : "memory");
}

uint32_t consumer_critical_sections(void)
{
    return g_sections;
}
