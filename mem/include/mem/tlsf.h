/*
 * mem/tlsf.h — two-level segregated-fit heap over a caller-supplied arena.
 *
 * Constant-time allocation and release: the free lists are found with two
 * bit scans (CLZ/CTZ; CLZ and RBIT+CLZ on Cortex-M7), never by walking
 * blocks. Every block carries an 8-byte header; payloads are 8-byte aligned.
 * The heap state lives in a caller-owned mem_tlsf_t and the arena the caller
 * hands to mem_tlsf_init; there is no global state.
 *
 * NOT REENTRANT: the bare heap must be used from one context at a time. For
 * use from several threads or from ISRs, wrap it with mem/heap_locked.h.
 * Through mem/heap.h the same heap is reached as mem_tlsf_ops.
 *
 * ---- Arena limits (checked by mem_tlsf_init) -------------------------------
 *   alignment  the arena start must be 8-byte aligned      (else MEM_ERR_ALIGN)
 *   minimum    MEM_TLSF_ARENA_MIN = 24 bytes                (else MEM_ERR_SIZE)
 *   maximum    MEM_TLSF_ARENA_MAX = 2^MEM_TLSF_ARENA_MAX_LOG2 bytes
 *              (default 2^30 = 1 GiB)                       (else MEM_ERR_SIZE)
 *   Trailing bytes beyond a multiple of 8 are not used.
 *
 * ---- Block layout (all fields little-endian words of the target) ----------
 *
 *   every block, at an 8-aligned address B:
 *     B+0  uint32_t prev_size   size in bytes of the physically preceding
 *                               block (0 for the first block). Always valid,
 *                               so neighbours are found in O(1) both ways.
 *     B+4  uint32_t size_flags  bit 31..3  block size in bytes / 8 (the size
 *                                          includes this 8-byte header)
 *                               bit 2..1   0 (any other value = corrupt)
 *                               bit 0      1 = free, 0 = in use
 *     B+8  payload (in use) — the pointer handed to the caller is B+8
 *
 *   free block, additionally:
 *     B+8  uint32_t next_free   link to the next block of the same free list
 *                               (0 = last)
 *     B+12 uint32_t prev_free   link to the previous block; for the first
 *                               block of a list (list index << 1) | 1, so
 *                               unlinking needs no size-to-list mapping
 *     B+16 ... unused (filled with MEM_POISON_BYTE when MEM_CONFIG_POISON)
 *
 *   A link is the block address on 32-bit targets and, on 64-bit hosts, the
 *   offset of the block from (arena start - 8); 0 means "none" in both cases.
 *   The last 8 bytes of the arena hold an end marker: a header with size 0
 *   marked in use, so every real block has a successor.
 *
 *   Block sizes are multiples of 8 and at least 16 (header + two links):
 *   a 1..8-byte request takes 16 bytes, a 100-byte request 112.
 *
 * ---- Free-list index ------------------------------------------------------
 *   size < 128: first level 0, second level size/8 (exact classes).
 *   size >= 128: t = floor(log2(size)); first level t-6; second level =
 *   the 4 bits below the leading one (16 lists per power of two).
 *   List index = fl*16 + sl; list_map holds one bit per list (32 per word,
 *   list i at bit 31 - i%32 of word i/32), word_map one bit per non-empty
 *   list_map word (word w at bit 31 - w): top-down, so a scan is one CLZ.
 *   Allocation first looks at the head of the request's own list and takes
 *   it when it is large enough (one compare); otherwise it searches from
 *   the next list up, where the head of any non-empty list found by the bit
 *   scans fits ("good fit"). The last block of the heap can always be handed
 *   out whole. Looking at the own list first keeps larger blocks whole:
 *   smallest arena without a failed allocation on the recorded traces fell
 *   from 1.03-1.15x to 1.02-1.13x peak live (docs/benchmarks/heap.md).
 *
 * ---- Misuse detection (every build type) ----------------------------------
 *   free/realloc check that the pointer lies in the arena, is 8-aligned, that
 *   its header is marked in use, has a plausible size and that the next
 *   block's prev_size points back at it. Failures are returned and reported
 *   via mem_failure_report (mem/status.h); the heap is left unchanged.
 *   A rejected pointer is MEM_ERR_DOUBLE_FREE only when the memory at it is
 *   provably free, checked in O(1): its header is a free block's (flags,
 *   size, the successor's prev_size and the free-list link that leads to it
 *   all agree), or it is the stale header of a block merged into a free
 *   neighbour whose own header passes that check and covers it. Anything
 *   else, e.g. an interior pointer whose preceding word happens to be odd,
 *   is MEM_ERR_FOREIGN.
 *   Limits: a block freed twice is reported as MEM_ERR_DOUBLE_FREE as long as
 *   its memory has not been handed out again and it has been merged at most
 *   once (with poisoning on, any number of times); a block merged further
 *   is reported as MEM_ERR_FOREIGN. Once the memory has been handed out
 *   again, a second free of the old pointer either frees the new owner's
 *   block (when the new block starts at the same address — no allocator can
 *   tell) or is reported as MEM_ERR_FOREIGN.
 */
#ifndef MEM_TLSF_H
#define MEM_TLSF_H

#include <stddef.h>
#include <stdint.h>

#include "mem/heap.h"
#include "mem/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef MEM_TLSF_ARENA_MAX_LOG2
#define MEM_TLSF_ARENA_MAX_LOG2 30
#endif
#if MEM_TLSF_ARENA_MAX_LOG2 < 8 || MEM_TLSF_ARENA_MAX_LOG2 > 31
#error "MEM_TLSF_ARENA_MAX_LOG2 must be in 8..31"
#endif

#define MEM_TLSF_ARENA_MIN 24u
#define MEM_TLSF_ARENA_MAX ((size_t)1u << MEM_TLSF_ARENA_MAX_LOG2)
/* Bytes of arena used per block beyond the rounded-up payload. */
#define MEM_TLSF_BLOCK_OVERHEAD 8u
/* Alignment of every pointer returned by mem_tlsf_alloc. */
#define MEM_TLSF_ALIGN 8u

/* Free-list table dimensions (implementation detail, public for sizeof). */
#define MEM_TLSF_SL_LOG2 4
#define MEM_TLSF_SL_COUNT (1u << MEM_TLSF_SL_LOG2)
#define MEM_TLSF_FL_COUNT (MEM_TLSF_ARENA_MAX_LOG2 - 6)
/* One bit per list in 32-bit words, plus a spare always-zero word. */
#define MEM_TLSF_MAP_WORDS \
    ((MEM_TLSF_FL_COUNT * MEM_TLSF_SL_COUNT + 31u) / 32u + 1u)


/* Heap state. Treat every field as private; use the functions below. */
typedef struct mem_tlsf {
    uint32_t heads[MEM_TLSF_FL_COUNT * MEM_TLSF_SL_COUNT]; /* [fl*16+sl];
                             first, so heads[i] needs no offset on the M7 */
    uint32_t list_map[MEM_TLSF_MAP_WORDS]; /* bit 31 - i%32 of word i/32
                                              set: heads[i] != 0 */
    uint32_t word_map;    /* bit 31 - w set: list_map[w] != 0 */
    uintptr_t base;       /* link origin (0 on 32-bit targets) */
    uintptr_t first;      /* address of the first block */
    uintptr_t end;        /* address of the end marker */
    size_t max_request;   /* largest request that could ever fit */
    size_t in_use;        /* bytes of blocks in use, headers included */
    size_t peak;          /* high-water mark of in_use */
    uint32_t allocs;      /* successful allocations (alloc, calloc, realloc
                             that moved or created a block) */
    uint32_t frees;       /* blocks released; blocks in use = allocs - frees */
    uint32_t failed;      /* allocation requests that returned NULL */
    mem_heap_oom_hook_t oom_hook;
    void *oom_context;
    uintptr_t first_payload; /* first + 8: payload of the first block */
    uintptr_t block_slots;   /* (max_request - 8) / 8: offsets / 8 at which a
                                block can start, counted from first */
} mem_tlsf_t;

/*
 * Initialise `heap` over `arena` (`size` bytes). The arena is owned by the
 * heap until it is no longer used; nothing is freed at the end.
 * O(FL_COUNT) (clears the list table). Not ISR-safe against other calls on
 * the same heap.
 * Returns MEM_OK, or, leaving the arena untouched:
 *   MEM_ERR_ARG    heap or arena is NULL
 *   MEM_ERR_ALIGN  arena is not 8-byte aligned
 *   MEM_ERR_SIZE   size < MEM_TLSF_ARENA_MIN or size > MEM_TLSF_ARENA_MAX
 */
mem_status_t mem_tlsf_init(mem_tlsf_t *heap, void *arena, size_t size);

/*
 * Allocate `size` bytes, 8-byte aligned. size 0 is treated as 1 (a unique
 * pointer is returned). O(1); not reentrant.
 * Returns NULL (counted in failed_allocs, OOM hook called) when no free block
 * fits or size exceeds the arena. heap NULL: returns NULL, nothing counted.
 */
void *mem_tlsf_alloc(mem_tlsf_t *heap, size_t size);

/*
 * Allocate `size` bytes aligned to `alignment` (a power of two; values
 * <= 8 behave like mem_tlsf_alloc). Free with mem_tlsf_free.
 * O(1); not reentrant.
 * Returns NULL (counted in failed_allocs) when alignment is not a power of
 * two (no OOM hook), or when no block fits (OOM hook called). A block that
 * can hold size + alignment + 16 bytes always fits.
 */
void *mem_tlsf_aligned_alloc(mem_tlsf_t *heap, size_t alignment, size_t size);

/*
 * Allocate count*size zeroed bytes. O(1) plus the zeroing; not reentrant.
 * Returns NULL (counted, OOM hook called with size SIZE_MAX) when count*size
 * overflows, and like mem_tlsf_alloc otherwise.
 */
void *mem_tlsf_calloc(mem_tlsf_t *heap, size_t count, size_t size);

/*
 * Resize the block at `ptr` to `size` bytes (0 is treated as 1), keeping
 * min(old, new) bytes of content. Shrinks in place; grows in place when the
 * next block is free and large enough; otherwise allocates, copies, frees.
 * ptr NULL behaves like mem_tlsf_alloc. O(1) plus the copy; not reentrant.
 * Returns the (possibly moved) block, or NULL with `ptr` still valid and
 * unchanged when:
 *   - no memory (counted in failed_allocs, OOM hook called);
 *   - ptr is not a live block of this heap: reported through
 *     mem_failure_report as MEM_ERR_FOREIGN, MEM_ERR_ALIGN or
 *     MEM_ERR_DOUBLE_FREE (not counted as a failed allocation).
 */
void *mem_tlsf_realloc(mem_tlsf_t *heap, void *ptr, size_t size);

/*
 * Return the block at `ptr` to the heap, merging it with free neighbours.
 * ptr NULL is a no-op returning MEM_OK. O(1); not reentrant.
 * Returns MEM_OK, or (reported through mem_failure_report, heap unchanged):
 *   MEM_ERR_ARG          heap is NULL (not reported)
 *   MEM_ERR_FOREIGN      ptr is outside the arena or not the start of a live
 *                        block (interior pointer, damaged header)
 *   MEM_ERR_ALIGN        ptr lies in the arena but is not 8-byte aligned
 *   MEM_ERR_DOUBLE_FREE  the memory at ptr is free (see "Misuse detection")
 */
mem_status_t mem_tlsf_free(mem_tlsf_t *heap, void *ptr);

/*
 * Usable size of the live block at `ptr` (>= the size requested), 0 if ptr
 * is NULL or not a live block (then reported like mem_tlsf_free would).
 * O(1); not reentrant.
 */
size_t mem_tlsf_usable_size(const mem_tlsf_t *heap, const void *ptr);

/*
 * Install (or, with NULL, remove) the out-of-memory hook of this heap.
 * O(1). Set it before the heap is shared. No failure status.
 */
void mem_tlsf_oom_hook_set(mem_tlsf_t *heap, mem_heap_oom_hook_t hook,
                           void *context);

/*
 * Fill *out with the heap statistics (mem/heap.h; free_bytes is
 * arena_bytes - bytes_in_use - 8, the end marker). O(1): counters plus two
 * bit scans for largest_free_block. Not reentrant.
 * Returns MEM_OK, or MEM_ERR_ARG (heap or out NULL; out untouched).
 */
mem_status_t mem_tlsf_stats(const mem_tlsf_t *heap, mem_heap_stats_t *out);

/*
 * Upper bound on the payload of the largest free block: the true value lies
 * in [largest_free_block, this]; the gap is < 1/16 of the block size.
 * 0 when nothing is free or heap is NULL. O(1); not reentrant. No failure.
 */
size_t mem_tlsf_largest_free_bound(const mem_tlsf_t *heap);

/*
 * Walk every block and every free list and verify all invariants: header
 * flags, sizes, prev_size back links, that no two free blocks are adjacent,
 * list links and bitmaps, that each free block sits in the list of its size
 * and that the counters match (and, with MEM_CONFIG_POISON, that free memory
 * still holds the poison pattern). O(blocks); not reentrant.
 * Returns MEM_OK, MEM_ERR_ARG (heap NULL, not reported) or MEM_ERR_CORRUPT
 * (reported through mem_failure_report with the offending block); `fault`
 * (may be NULL) receives the first inconsistency.
 */
mem_status_t mem_tlsf_check(const mem_tlsf_t *heap, mem_heap_fault_t *fault);

/* The operations table of this heap (mem/heap.h); instance: mem_tlsf_t *. */
extern const mem_heap_ops_t mem_tlsf_ops;

#ifdef __cplusplus
}
#endif

#endif /* MEM_TLSF_H */
