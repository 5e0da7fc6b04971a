/* The consumer's overrides of tidemark's mem/config.h (included first, as
 * MEM_CONFIG_HEADER): its own critical section and poisoning of freed heap
 * memory. Cortex-M builds only (see BUILD). */
#ifndef CONSUMER_MEM_CONFIG_H
#define CONSUMER_MEM_CONFIG_H

#include <stdint.h>

typedef uint32_t mem_critical_state_t;

/* Masks interrupts (PRIMASK) and counts the call; nests. */
mem_critical_state_t consumer_critical_enter(void);
void consumer_critical_exit(mem_critical_state_t state);

/* How many critical sections //mem has entered so far. */
uint32_t consumer_critical_sections(void);

#define MEM_CRITICAL_ENTER() consumer_critical_enter()
#define MEM_CRITICAL_EXIT(state) consumer_critical_exit(state)
#define MEM_CONFIG_POISON 1

#endif /* CONSUMER_MEM_CONFIG_H */
