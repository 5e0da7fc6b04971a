/*
 * task.h stand-in for building FreeRTOS heap_4.c alone (bench/heap/peers):
 * heap_4 only suspends and resumes the scheduler around its work, and there
 * is no scheduler here, so both are empty macros (no call is added to the
 * measured paths). Found before the kernel's include/task.h.
 */
#ifndef INC_TASK_H
#define INC_TASK_H

#define vTaskSuspendAll() ((void)0)
#define xTaskResumeAll() ((BaseType_t)0)
#define taskENTER_CRITICAL() ((void)0)
#define taskEXIT_CRITICAL() ((void)0)

#endif /* INC_TASK_H */
