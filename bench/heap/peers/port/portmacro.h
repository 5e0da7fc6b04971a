/*
 * portmacro.h for building FreeRTOS heap_4.c alone (bench/heap/peers): the
 * types and the alignment heap_4 needs on a 32-bit Cortex-M, nothing of a
 * scheduler port.
 */
#ifndef PORTMACRO_H
#define PORTMACRO_H

#include <stdint.h>

typedef uint32_t StackType_t;
typedef long BaseType_t;
typedef unsigned long UBaseType_t;
typedef uint32_t TickType_t;

#define portMAX_DELAY ((TickType_t)0xffffffffUL)
#define portSTACK_GROWTH (-1)
#define portTICK_PERIOD_MS ((TickType_t)1)
#define portBYTE_ALIGNMENT 8
#define portPOINTER_SIZE_TYPE uint32_t
#define portYIELD()
#define portENTER_CRITICAL()
#define portEXIT_CRITICAL()
#define portDISABLE_INTERRUPTS()
#define portENABLE_INTERRUPTS()

#endif /* PORTMACRO_H */
