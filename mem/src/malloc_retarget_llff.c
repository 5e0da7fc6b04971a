/*
 * The heap behind malloc for //mem:malloc_retarget_llff (mem/malloc_retarget.h).
 */
#include "mem/llff.h"
#include "mem/malloc_retarget.h"

static mem_llff_t heap;

const mem_heap_t mem_malloc_retarget_heap = {&mem_llff_ops, &heap};
