/*
 * mem/llff.h — linked-list first-fit heap over a caller-supplied arena.
 *
 * The free blocks form one singly linked list sorted by address; allocation
 * takes the first block that fits (splitting off the rest only when it is at
 * least 24 bytes, FreeRTOS heap_4's rule: 16-byte fragments made every
 * first-fit walk longer, e.g. cppcheck alloc mean 502 -> 174 instructions
 * on the emulated M7 at the same arena factor), release puts the
 * block back at its address position and merges it with free neighbours
 * (starting the walk at the block the previous release touched when the new
 * one lies above it, else at the lowest free block).
 * This is the behaviour of Rust embedded-alloc's LlffHeap
 * (linked_list_allocator), with a header per block so that free needs no
 * size. Costs grow with the number of free blocks (fragmentation); use
 * mem/tlsf.h when a bound on the time per call matters.
 *
 * Where first-fit stops being the right choice: its only advantages are
 * code size and an arena factor that TLSF now matches (1.02-1.13x peak live
 * on the recorded traces for both). Its cost is a walk of about 6.5
 * instructions per free block passed (alloc) and 4.5 (free, from the hint),
 * so once a program keeps more than a few dozen free blocks it is slower
 * than TLSF's 112 / 102 worst case on average, and its worst case is
 * unbounded: e.g. the emulated-M7 means on perl are 965 / 1,988
 * instructions (TLSF 64 / 64), maxima 9,954 / 15,209. Use it for small
 * heaps with few live blocks, or where every byte of code counts.
 *
 * NOT REENTRANT: the bare heap must be used from one context at a time. For
 * use from several threads or from ISRs, wrap it with mem/heap_locked.h.
 *
 * ---- Arena limits (checked by mem_llff_init) -------------------------------
 *   alignment  the arena start must be 8-byte aligned      (else MEM_ERR_ALIGN)
 *   minimum    MEM_LLFF_ARENA_MIN = 16 bytes (one block)    (else MEM_ERR_SIZE)
 *   maximum    MEM_LLFF_ARENA_MAX = 1 GiB                   (else MEM_ERR_SIZE)
 *   Trailing bytes beyond a multiple of 8 are not used.
 *
 * ---- Block layout -----------------------------------------------------------
 *   Blocks tile the arena from its start; sizes are multiples of 8, >= 16,
 *   and include the 8-byte header. At an 8-aligned address B:
 *
 *   in use:
 *     B+0  uint32_t size_flags  bit 31..3  size / 8;  bit 2..1  0;
 *                               bit 0      1 (in use)
 *     B+4  uint32_t tag         size_flags ^ (B - arena start) ^ 0x6C6C6666
 *                               (detects pointers that are not ours)
 *     B+8  payload — the pointer handed to the caller
 *   free:
 *     B+0  uint32_t size_flags  bit 31..3  size / 8;  bit 2..0  0
 *     B+4  uint32_t next_free   link to the next free block at a higher
 *                               address, 0 = last
 *     B+8  ... unused (MEM_POISON_BYTE when MEM_CONFIG_POISON)
 *   A link is the block address on 32-bit targets and, on 64-bit hosts, the
 *   offset from (arena start - 8); 0 means "none".
 *
 * ---- Misuse detection (every build type) ----------------------------------
 *   free/realloc check range, alignment, the in-use bit and the tag, and the
 *   release walk also notices a pointer that lies inside a free block
 *   (MEM_ERR_DOUBLE_FREE even when the stale header has been overwritten).
 *   Failures are returned and reported via mem_failure_report; the heap is
 *   left unchanged.
 */
#ifndef MEM_LLFF_H
#define MEM_LLFF_H

#include <stddef.h>
#include <stdint.h>

#include "mem/heap.h"
#include "mem/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MEM_LLFF_ARENA_MIN 16u
#define MEM_LLFF_ARENA_MAX ((size_t)1u << 30)
#define MEM_LLFF_BLOCK_OVERHEAD 8u
#define MEM_LLFF_ALIGN 8u

/* Heap state. Treat every field as private; use the functions below. */
typedef struct mem_llff {
    uintptr_t base;   /* link origin (0 on 32-bit targets) */
    uintptr_t start;  /* first block */
    uintptr_t end;    /* one past the last block */
    uint32_t head;    /* lowest free block, 0 = none */
    uint32_t hint;    /* a free block on the list (the one the last free
                         put its block into), 0 = none: where the walk of
                         the next free starts when its block lies above */
    uint32_t live;
    size_t in_use;
    size_t peak;
    uint32_t allocs;
    uint32_t failed;
    mem_heap_oom_hook_t oom_hook;
    void *oom_context;
} mem_llff_t;

/*
 * Initialise `heap` over `arena` (`size` bytes). O(1). Not ISR-safe against
 * other calls on the same heap.
 * Returns MEM_OK, or, leaving the arena untouched:
 *   MEM_ERR_ARG    heap or arena is NULL
 *   MEM_ERR_ALIGN  arena is not 8-byte aligned
 *   MEM_ERR_SIZE   size < MEM_LLFF_ARENA_MIN or size > MEM_LLFF_ARENA_MAX
 */
mem_status_t mem_llff_init(mem_llff_t *heap, void *arena, size_t size);

/*
 * Allocate `size` bytes (0 treated as 1), 8-byte aligned, from the first
 * free block that fits; the rest of that block becomes a free block when it
 * is >= 24 bytes, else it stays with the allocation (usable size up to 16
 * bytes more than asked). O(free blocks); not reentrant.
 * Returns NULL (counted in failed_allocs, OOM hook called) when nothing fits.
 * heap NULL: NULL, nothing counted.
 */
void *mem_llff_alloc(mem_llff_t *heap, size_t size);

/*
 * Allocate `size` bytes aligned to `alignment` (a power of two). The padding
 * before the block becomes a free block of its own when it is >= 16 bytes.
 * O(free blocks); not reentrant.
 * Returns NULL (counted) when alignment is not a power of two (no OOM hook)
 * or nothing fits (OOM hook called).
 */
void *mem_llff_aligned_alloc(mem_llff_t *heap, size_t alignment, size_t size);

/*
 * Allocate count*size zeroed bytes. O(free blocks) plus the zeroing.
 * Returns NULL (counted, OOM hook called with size SIZE_MAX) when count*size
 * overflows, and like mem_llff_alloc otherwise.
 */
void *mem_llff_calloc(mem_llff_t *heap, size_t count, size_t size);

/*
 * Resize the block at `ptr` (0 treated as 1). Shrinks in place; grows in
 * place into a free successor; otherwise allocates, copies, frees.
 * ptr NULL behaves like mem_llff_alloc. O(free blocks) plus the copy.
 * Returns the block, or NULL with ptr unchanged and valid when out of memory
 * (counted, OOM hook called) or when ptr is not a live block (reported
 * through mem_failure_report as MEM_ERR_FOREIGN, MEM_ERR_ALIGN or
 * MEM_ERR_DOUBLE_FREE).
 */
void *mem_llff_realloc(mem_llff_t *heap, void *ptr, size_t size);

/*
 * Release the block at `ptr`; NULL is a no-op returning MEM_OK.
 * O(free blocks below ptr): the walk starts at the hint (the free block the
 * previous release touched) when that lies below ptr, else at the lowest
 * free block. Not reentrant.
 * Returns MEM_OK, or (reported through mem_failure_report, heap unchanged):
 *   MEM_ERR_ARG          heap is NULL (not reported)
 *   MEM_ERR_FOREIGN      outside the arena, or not the start of a live block
 *   MEM_ERR_ALIGN        in the arena but not 8-byte aligned
 *   MEM_ERR_DOUBLE_FREE  the block (or the memory at ptr) is already free
 */
mem_status_t mem_llff_free(mem_llff_t *heap, void *ptr);

/* Usable bytes of the live block at ptr; 0 (reported like free) if not a live
 * block, 0 for NULL. O(1). */
size_t mem_llff_usable_size(const mem_llff_t *heap, const void *ptr);

/* Install (NULL removes) the out-of-memory hook. O(1). No failure status. */
void mem_llff_oom_hook_set(mem_llff_t *heap, mem_heap_oom_hook_t hook,
                           void *context);

/* Statistics (mem/heap.h; free_bytes is arena_bytes - bytes_in_use).
 * O(free blocks) because of largest_free_block (a walk of the free list);
 * all other fields are kept up to date in O(1). Not reentrant.
 * Returns MEM_OK, or MEM_ERR_ARG (heap or out NULL; out untouched). */
mem_status_t mem_llff_stats(const mem_llff_t *heap, mem_heap_stats_t *out);

/* Free-list length (a walk: O(free blocks)); 0 for heap NULL. Not
 * reentrant. No failure status. */
uint32_t mem_llff_free_blocks(const mem_llff_t *heap);

/*
 * Walk all blocks and the free list and verify every invariant (sizes, tags,
 * list order, no adjacent free blocks, counters, poison). O(blocks).
 * Returns MEM_OK, MEM_ERR_ARG (heap NULL) or MEM_ERR_CORRUPT (reported
 * through mem_failure_report); `fault` (may be NULL) gets the first problem.
 */
mem_status_t mem_llff_check(const mem_llff_t *heap, mem_heap_fault_t *fault);

/* The operations table of this heap (mem/heap.h); instance: mem_llff_t *. */
extern const mem_heap_ops_t mem_llff_ops;

#ifdef __cplusplus
}
#endif

#endif /* MEM_LLFF_H */
