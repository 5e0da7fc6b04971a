/*
 * The heap behind malloc for //mem:malloc_retarget_tlsf (mem/malloc_retarget.h).
 */
#include "mem/tlsf.h"
#include "mem/malloc_retarget.h"

static mem_tlsf_t heap;

const mem_heap_t mem_malloc_retarget_heap = {&mem_tlsf_ops, &heap};
