/*
 * Linked-list first-fit heap. Layout and rules: mem/llff.h, mem/docs/llff.md.
 */
#include "mem/llff.h"

#include <string.h>

#include "heap_common.h"
#include "mem/config.h"

#define HDR HEAP_HDR
#define MIN_BLOCK HEAP_MIN_BLOCK
#define USED_BIT 1u
#define FLAG_MASK 7u
#define TAG_KEY 0x6C6C6666u /* "llff" */
#define SPLIT_MIN 24u

typedef struct block {
    uint32_t size_flags;
    uint32_t tag_or_next; /* in use: tag; free: next_free link */
} block_t;

_Static_assert(sizeof(block_t) == HDR, "block header layout");

#if UINTPTR_MAX == 0xFFFFFFFFu
#define LINK_BASE(h) ((void)(h), (uintptr_t)0)
#else
#define LINK_BASE(h) ((h)->base)
#endif

static inline block_t *blk_at(uintptr_t addr) { return (block_t *)addr; }
static inline block_t *from_link(const mem_llff_t *h, uint32_t link)
{
    return blk_at(LINK_BASE(h) + link);
}
static inline uint32_t to_link(const mem_llff_t *h, const block_t *b)
{
    return (uint32_t)((uintptr_t)b - LINK_BASE(h));
}
static inline uint32_t tag_of(const mem_llff_t *h, const block_t *b,
                              uint32_t size_flags)
{
    return size_flags ^ (uint32_t)((uintptr_t)b - h->start) ^ TAG_KEY;
}
static inline void mark_used(const mem_llff_t *h, block_t *b, uint32_t size)
{
    b->size_flags = size | USED_BIT;
    b->tag_or_next = tag_of(h, b, size | USED_BIT);
}

#if MEM_CONFIG_POISON
static void poison(block_t *b, uint32_t size)
{
    memset((unsigned char *)b + HDR, (int)MEM_POISON_BYTE, size - HDR);
}
#endif

mem_status_t mem_llff_init(mem_llff_t *heap, void *arena, size_t size)
{
    if (heap == NULL || arena == NULL) {
        return MEM_ERR_ARG;
    }
    if (((uintptr_t)arena & 7u) != 0u) {
        return MEM_ERR_ALIGN;
    }
    if (size < MEM_LLFF_ARENA_MIN || size > MEM_LLFF_ARENA_MAX) {
        return MEM_ERR_SIZE;
    }
    size &= ~(size_t)7u;
    memset(heap, 0, sizeof(*heap));
    heap->start = (uintptr_t)arena;
    heap->base = heap->start - HDR;
    heap->end = heap->start + size;
    block_t *b = blk_at(heap->start);
    b->size_flags = (uint32_t)size;
    b->tag_or_next = 0u;
#if MEM_CONFIG_POISON
    poison(b, (uint32_t)size);
#endif
    heap->head = to_link(heap, b);
    return MEM_OK;
}

void mem_llff_oom_hook_set(mem_llff_t *heap, mem_heap_oom_hook_t hook,
                           void *context)
{
    if (heap != NULL) {
        heap->oom_hook = hook;
        heap->oom_context = context;
    }
}

static void *fail_alloc(mem_llff_t *h, size_t size, size_t alignment)
{
    return heap_fail_alloc(h, &h->failed, h->oom_hook, h->oom_context, size,
                           alignment);
}

/* Padding in front of the free block f so that its payload is aligned to
 * `alignment` (> 8): 0, or at least MIN_BLOCK so it can be a free block. */
static inline uint32_t gap_for(const block_t *f, size_t alignment)
{
    uintptr_t payload = (uintptr_t)f + HDR;
    uintptr_t mask = (uintptr_t)alignment - 1u;
    uint32_t gap = (uint32_t)(((payload + mask) & ~mask) - payload);
    if (gap != 0u && gap < MIN_BLOCK) {
        gap += (uint32_t)alignment;
    }
    return gap;
}

/* Link of the first free block of at least `bsize` bytes (0: none); *prev
 * gets the free block before it (NULL: it is the head). Two blocks per
 * round, the links alternating between two variables, so a step is a test
 * for the end, one load and compare of the size and one load of the next
 * link (no register moves): this walk is the whole cost of a first-fit
 * allocation on a fragmented heap. */
static inline uint32_t first_fit(const mem_llff_t *h, uint32_t bsize,
                                 block_t **prev)
{
    uint32_t a = h->head;
    uint32_t b = 0u; /* the block before a; 0: a is the head */
    for (;;) {
        if (a == 0u) {
            return 0u;
        }
        if (from_link(h, a)->size_flags >= bsize) { /* free: the size */
            *prev = b != 0u ? from_link(h, b) : NULL;
            return a;
        }
        b = from_link(h, a)->tag_or_next;
        if (b == 0u) {
            return 0u;
        }
        if (from_link(h, b)->size_flags >= bsize) {
            *prev = from_link(h, a);
            return b;
        }
        a = from_link(h, b)->tag_or_next;
    }
}

/* First fit for `bsize` bytes whose payload is aligned to `alignment`.
 * The default alignment walks with first_fit. */
static void *take(mem_llff_t *h, uint32_t bsize, size_t alignment)
{
    block_t *prev = NULL; /* free block before f, NULL: f is the head */
    block_t *f;
    uint32_t gap = 0u;
    uint32_t link;
    if (alignment <= MEM_LLFF_ALIGN) {
        link = first_fit(h, bsize, &prev);
        if (link == 0u) {
            return NULL;
        }
        f = from_link(h, link);
    } else {
        link = h->head;
        for (;; link = f->tag_or_next) {
            if (link == 0u) {
                return NULL;
            }
            f = from_link(h, link);
            gap = gap_for(f, alignment);
            if ((size_t)gap + bsize <= f->size_flags) {
                break;
            }
            prev = f;
        }
    }
    uint32_t *slot = prev != NULL ? &prev->tag_or_next : &h->head;
    uint32_t fsize = f->size_flags;
    uint32_t next = f->tag_or_next;
    uint32_t rest = fsize - gap - bsize;
    block_t *b = blk_at((uintptr_t)f + gap);
#if MEM_CONFIG_POISON
    uint32_t damage = heap_poison_damage(f, HDR, fsize);
    if (damage != 0u) {
        mem_failure_report(MEM_ERR_CORRUPT, h, (unsigned char *)f + damage);
    }
#endif
    if (rest < SPLIT_MIN) {
        bsize += rest;
    } else {
        block_t *t = blk_at((uintptr_t)b + bsize);
        t->size_flags = rest;
        t->tag_or_next = next;
        next = to_link(h, t);
    }
    if (gap != 0u) {
        f->size_flags = gap;
        slot = &f->tag_or_next;
    } else if (h->hint == link) { /* f leaves the list */
        h->hint = prev != NULL ? to_link(h, prev) : 0u;
    }
    *slot = next;
    mark_used(h, b, bsize);
    heap_count_use(&h->in_use, &h->peak, bsize);
    h->live++;
    h->allocs++;
    return (unsigned char *)b + HDR;
}

void *mem_llff_alloc(mem_llff_t *heap, size_t size)
{
    return mem_llff_aligned_alloc(heap, MEM_LLFF_ALIGN, size);
}

void *mem_llff_aligned_alloc(mem_llff_t *heap, size_t alignment, size_t size)
{
    if (heap == NULL) {
        return NULL;
    }
    if (alignment == 0u || (alignment & (alignment - 1u)) != 0u) {
        heap->failed++;
        return NULL;
    }
    uint32_t bsize = heap_block_size_for(size, MEM_LLFF_ARENA_MAX);
    if (bsize != 0u && alignment <= MEM_LLFF_ARENA_MAX) {
        void *p = take(heap, bsize, alignment);
        if (p != NULL) {
            return p;
        }
    }
    return fail_alloc(heap, size, alignment);
}

void *mem_llff_calloc(mem_llff_t *heap, size_t count, size_t size)
{
    if (heap == NULL) {
        return NULL;
    }
    size_t total;
    if (!heap_calloc_total(count, size, &total)) {
        return fail_alloc(heap, SIZE_MAX, MEM_LLFF_ALIGN);
    }
    void *p = mem_llff_alloc(heap, total);
    if (p != NULL) {
        memset(p, 0, total);
    }
    return p;
}

/* Header checks for a pointer handed back: MEM_OK or why not (unreported). */
static mem_status_t check_live(const mem_llff_t *h, const void *ptr)
{
    uintptr_t a = (uintptr_t)ptr;
    if (a - (h->start + HDR) > h->end - h->start - MIN_BLOCK) {
        return MEM_ERR_FOREIGN;
    }
    if ((a & 7u) != 0u) {
        return MEM_ERR_ALIGN;
    }
    const block_t *b = blk_at(a - HDR);
    uint32_t sf = b->size_flags;
    if ((sf & USED_BIT) != 0u && (sf & (FLAG_MASK & ~USED_BIT)) == 0u &&
        b->tag_or_next == tag_of(h, b, sf) && sf - USED_BIT >= MIN_BLOCK &&
        sf - USED_BIT <= h->end - (uintptr_t)b) {
        return MEM_OK;
    }
    /* Not a live header. If the memory at ptr is free (the block itself, or
     * a block merged into a free neighbour) it is a double free; otherwise a
     * pointer that is not ours. Error path only: the walk costs nothing in
     * the normal case. */
    for (uint32_t link = h->head; link != 0u;) {
        const block_t *f = from_link(h, link);
        if ((uintptr_t)f >= a) {
            break;
        }
        if (a < (uintptr_t)f + f->size_flags) {
            return MEM_ERR_DOUBLE_FREE;
        }
        link = f->tag_or_next;
    }
    return MEM_ERR_FOREIGN;
}

/* The live block at ptr, or NULL after reporting why not. */
static block_t *live_block(const mem_llff_t *h, const void *ptr,
                           mem_status_t *why)
{
    mem_status_t st = check_live(h, ptr);
    if (st != MEM_OK) {
        *why = st;
        mem_failure_report(st, h, ptr);
        return NULL;
    }
    return blk_at((uintptr_t)ptr - HDR);
}

/* Walk the address-ordered free list from `link`, whose predecessor is
 * *prev (0: none), to the first free block above `addr`: returns its link
 * (0: none) and leaves the last one at or below `addr` in *prev. Two blocks
 * per round like first_fit: a step is a test for the end, an address
 * compare and one load. */
static inline uint32_t walk_past(const mem_llff_t *h, uintptr_t addr,
                                 uint32_t link, uint32_t *prev)
{
    uint32_t a = link;
    uint32_t b = *prev;
    for (;;) {
        if (a == 0u || (uintptr_t)from_link(h, a) > addr) {
            *prev = b;
            return a;
        }
        b = from_link(h, a)->tag_or_next;
        if (b == 0u || (uintptr_t)from_link(h, b) > addr) {
            *prev = a;
            return b;
        }
        a = from_link(h, b)->tag_or_next;
    }
}

/* Insert the in-use block b (size bytes, already off the books) into the
 * address-ordered list, merging with its neighbours. Fails only when b lies
 * inside a free block (a stale pointer): MEM_ERR_DOUBLE_FREE, nothing done. */
static mem_status_t release(mem_llff_t *h, block_t *b, uint32_t size)
{
    uint32_t link = h->head;
    uint32_t prev_link = 0u;
    /* Start at the hint (a free block on the list) when it lies below b:
     * frees cluster, so this usually skips most of the walk. */
    if (h->hint != 0u && (uintptr_t)from_link(h, h->hint) <= (uintptr_t)b) {
        prev_link = h->hint;
        link = from_link(h, prev_link)->tag_or_next;
    }
    link = walk_past(h, (uintptr_t)b, link, &prev_link);
    block_t *prev = prev_link != 0u ? from_link(h, prev_link) : NULL;
    uint32_t *slot = prev != NULL ? &prev->tag_or_next : &h->head;
    /* Free blocks do not overlap, so only that one can contain b. */
    if (prev != NULL && (uintptr_t)b < (uintptr_t)prev + prev->size_flags) {
        return MEM_ERR_DOUBLE_FREE;
    }
    uintptr_t after = (uintptr_t)b + size;
    uint32_t next = link;
    b->size_flags = size; /* clears USED even if b is absorbed below */
    if (link != 0u && (uintptr_t)from_link(h, link) == after) {
        block_t *n = from_link(h, link);
        size += n->size_flags;
        next = n->tag_or_next;
    }
    if (prev != NULL && (uintptr_t)prev + prev->size_flags == (uintptr_t)b) {
        prev->size_flags += size;
        prev->tag_or_next = next;
        h->hint = to_link(h, prev);
#if MEM_CONFIG_POISON
        memset(b, (int)MEM_POISON_BYTE, size);
#endif
    } else {
        b->size_flags = size;
        b->tag_or_next = next;
        *slot = to_link(h, b);
        h->hint = *slot;
#if MEM_CONFIG_POISON
        poison(b, size);
#endif
    }
    return MEM_OK;
}

mem_status_t mem_llff_free(mem_llff_t *heap, void *ptr)
{
    if (heap == NULL) {
        return MEM_ERR_ARG;
    }
    if (ptr == NULL) {
        return MEM_OK;
    }
    mem_status_t st;
    block_t *b = live_block(heap, ptr, &st);
    if (b == NULL) {
        return st;
    }
    uint32_t size = b->size_flags & ~FLAG_MASK;
    st = release(heap, b, size);
    if (st != MEM_OK) {
        mem_failure_report(st, heap, ptr);
        return st;
    }
    heap->in_use -= size;
    heap->live--;
    return MEM_OK;
}

size_t mem_llff_usable_size(const mem_llff_t *heap, const void *ptr)
{
    if (heap == NULL || ptr == NULL) {
        return 0u;
    }
    mem_status_t why;
    const block_t *b = live_block(heap, ptr, &why);
    return b == NULL ? 0u : (b->size_flags & ~FLAG_MASK) - HDR;
}

void *mem_llff_realloc(mem_llff_t *heap, void *ptr, size_t size)
{
    if (heap == NULL) {
        return NULL;
    }
    if (ptr == NULL) {
        return mem_llff_alloc(heap, size);
    }
    mem_status_t why;
    block_t *b = live_block(heap, ptr, &why);
    if (b == NULL) {
        return NULL;
    }
    uint32_t have = b->size_flags & ~FLAG_MASK;
    uint32_t bsize = heap_block_size_for(size, MEM_LLFF_ARENA_MAX);
    if (bsize == 0u) {
        return fail_alloc(heap, size, MEM_LLFF_ALIGN);
    }
    if (bsize <= have) {
        uint32_t rest = have - bsize;
        if (rest >= MIN_BLOCK) {
            mark_used(heap, b, bsize);
            block_t *tail = blk_at((uintptr_t)b + bsize);
            mark_used(heap, tail, rest);
            (void)release(heap, tail, rest); /* tail is new: cannot fail */
            heap->in_use -= rest;
        }
        return ptr;
    }
    /* Grow in place if the free block right after b has room. */
    uintptr_t after = (uintptr_t)b + have;
    uint32_t *slot = &heap->head;
    uint32_t link = heap->head;
    while (link != 0u && (uintptr_t)from_link(heap, link) < after) {
        slot = &from_link(heap, link)->tag_or_next;
        link = *slot;
    }
    if (link != 0u && (uintptr_t)from_link(heap, link) == after) {
        block_t *n = from_link(heap, link);
        uint32_t room = have + n->size_flags;
        if (bsize <= room) {
            uint32_t next = n->tag_or_next;
            uint32_t rest = room - bsize;
            if (rest < MIN_BLOCK) {
                bsize = room;
            } else {
                block_t *t = blk_at((uintptr_t)b + bsize);
                t->size_flags = rest;
                t->tag_or_next = next;
                next = to_link(heap, t);
            }
            *slot = next;
            if (heap->hint == link) { /* n left the list */
                heap->hint = 0u;
            }
            mark_used(heap, b, bsize);
            heap_count_use(&heap->in_use, &heap->peak, bsize - have);
            return ptr;
        }
    }
    void *moved = mem_llff_alloc(heap, size);
    if (moved != NULL) {
        memcpy(moved, ptr, have - HDR);
        (void)release(heap, b, have); /* b was checked live above */
        heap->in_use -= have;
        heap->live--;
    }
    return moved;
}

/* Walk the free list: the largest free block size (0 if none) and the
 * number of free blocks. */
static uint32_t walk_free(const mem_llff_t *heap, uint32_t *count_out)
{
    uint32_t largest = 0u, count = 0u;
    for (uint32_t link = heap->head; link != 0u;) {
        const block_t *f = from_link(heap, link);
        if (f->size_flags > largest) {
            largest = f->size_flags;
        }
        count++;
        link = f->tag_or_next;
    }
    *count_out = count;
    return largest;
}

mem_status_t mem_llff_stats(const mem_llff_t *heap, mem_heap_stats_t *out)
{
    if (heap == NULL || out == NULL) {
        return MEM_ERR_ARG;
    }
    size_t arena = heap->end - heap->start;
    uint32_t count;
    uint32_t largest = walk_free(heap, &count);
    out->arena_bytes = arena;
    out->bytes_in_use = heap->in_use;
    out->peak_bytes_in_use = heap->peak;
    out->free_bytes = arena - heap->in_use;
    out->largest_free_block = largest == 0u ? 0u : largest - HDR;
    out->live_blocks = heap->live;
    out->alloc_count = heap->allocs;
    out->failed_allocs = heap->failed;
    return MEM_OK;
}

uint32_t mem_llff_free_blocks(const mem_llff_t *heap)
{
    uint32_t count = 0u;
    if (heap != NULL) {
        (void)walk_free(heap, &count);
    }
    return count;
}

static mem_status_t corrupt(const mem_llff_t *h, mem_heap_fault_t *fault,
                            const char *reason, const void *block)
{
    return heap_corrupt(h, fault != NULL ? &fault->reason : NULL,
                        fault != NULL ? &fault->block : NULL, reason, block);
}

mem_status_t mem_llff_check(const mem_llff_t *heap, mem_heap_fault_t *fault)
{
    if (heap == NULL) {
        return MEM_ERR_ARG;
    }
    const mem_llff_t *h = heap;
    if (fault != NULL) {
        fault->reason = NULL;
        fault->block = NULL;
    }
    uint32_t expect = h->head; /* next free block the walk must meet */
    size_t used_bytes = 0u;
    uint32_t used_blocks = 0u;
    uint32_t prev_free = 0u;
    for (uintptr_t a = h->start; a != h->end;) {
        const block_t *b = blk_at(a);
        uint32_t sf = b->size_flags;
        uint32_t size = sf & ~FLAG_MASK;
        if ((sf & (FLAG_MASK & ~USED_BIT)) != 0u) {
            return corrupt(h, fault, "reserved header bits set", b);
        }
        if (size < MIN_BLOCK || size > h->end - a) {
            return corrupt(h, fault, "block size out of range", b);
        }
        if ((sf & USED_BIT) != 0u) {
            if (b->tag_or_next != tag_of(h, b, sf)) {
                return corrupt(h, fault, "in-use header tag damaged", b);
            }
            used_bytes += size;
            used_blocks++;
            prev_free = 0u;
        } else {
            if (prev_free) {
                return corrupt(h, fault, "adjacent free blocks", b);
            }
            if (expect == 0u || from_link(h, expect) != b) {
                return corrupt(h, fault, "free block not next on the list", b);
            }
#if MEM_CONFIG_POISON
            if (heap_poison_damage(b, HDR, size) != 0u) {
                return corrupt(h, fault, "free memory written (use after free)",
                               b);
            }
#endif
            expect = b->tag_or_next;
            prev_free = 1u;
        }
        a += size;
    }
    if (expect != 0u) {
        return corrupt(h, fault, "free list points past the blocks", NULL);
    }
    if (h->hint != 0u) {
        uint32_t link = h->head;
        while (link != 0u && link != h->hint) {
            link = from_link(h, link)->tag_or_next;
        }
        if (link == 0u) {
            return corrupt(h, fault, "hint is not a free block", NULL);
        }
    }
    if (used_bytes != h->in_use || used_blocks != h->live) {
        return corrupt(h, fault, "in-use counters disagree with blocks", NULL);
    }
    if (h->peak < h->in_use) {
        return corrupt(h, fault, "peak below bytes in use", NULL);
    }
    return MEM_OK;
}

HEAP_DEFINE_OPS(mem_llff, mem_llff_t, mem_llff_init, "llff",
                MEM_LLFF_ARENA_MIN, MEM_LLFF_ARENA_MAX);
