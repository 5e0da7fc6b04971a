/*
 * FreeRTOSConfig.h for building FreeRTOS heap_4.c alone in the heap replay
 * (bench/heap/peers): no scheduler, no kernel objects. The heap is the
 * application's (configAPPLICATION_ALLOCATED_HEAP): ucHeap is placed at the
 * emulator's PSRAM by the adapter's link options, 16 MiB, and the adapter
 * (heap4_heap.c) narrows it to the arena under test.
 */
#ifndef FREERTOS_CONFIG_H
#define FREERTOS_CONFIG_H

#define configUSE_PREEMPTION 0
#define configUSE_IDLE_HOOK 0
#define configUSE_TICK_HOOK 0
#define configTICK_TYPE_WIDTH_IN_BITS TICK_TYPE_WIDTH_32_BITS
#define configMAX_PRIORITIES 2
#define configMINIMAL_STACK_SIZE 128
#define configSUPPORT_DYNAMIC_ALLOCATION 1
#define configSUPPORT_STATIC_ALLOCATION 0
#define configAPPLICATION_ALLOCATED_HEAP 1
#define configTOTAL_HEAP_SIZE ((size_t)16u * 1024u * 1024u)
#define configUSE_MALLOC_FAILED_HOOK 0
#define configHEAP_CLEAR_MEMORY_ON_FREE 0
#define configENABLE_HEAP_PROTECTOR 0

#endif /* FREERTOS_CONFIG_H */
