/*
 * Two-level segregated-fit heap. Layout and rules: mem/tlsf.h, mem/docs/tlsf.md.
 */
#include "mem/tlsf.h"

#include <string.h>

#include "mem/config.h"

#define HDR 8u        /* header bytes */
#define MIN_BLOCK 16u /* header + two links */
#define FREE_BIT 1u
#define FLAG_MASK 7u
#define SMALL_LIMIT (MEM_TLSF_SL_COUNT * 8u) /* sizes below map to fl 0 */

typedef struct block {
    uint32_t prev_size;
    uint32_t size_flags;
    uint32_t next_free; /* free blocks only */
    uint32_t prev_free; /* free blocks only */
} block_t;

_Static_assert(sizeof(block_t) == MIN_BLOCK, "block header layout");
_Static_assert(MEM_TLSF_FL_COUNT <= 32, "fl_map is 32 bits");

/* ---- links --------------------------------------------------------------- */
/* On 32-bit targets a link is the block address; on wider hosts an offset
 * from heap->base. Either way 0 is "none". */
#if UINTPTR_MAX == 0xFFFFFFFFu
#define LINK_BASE(h) ((void)(h), (uintptr_t)0)
#else
#define LINK_BASE(h) ((h)->base)
#endif

static inline block_t *blk_at(uintptr_t addr) { return (block_t *)addr; }
static inline block_t *from_link(const mem_tlsf_t *h, uint32_t link)
{
    return blk_at(LINK_BASE(h) + link);
}
static inline uint32_t to_link(const mem_tlsf_t *h, const block_t *b)
{
    return (uint32_t)((uintptr_t)b - LINK_BASE(h));
}

/* ---- size classes ----------------------------------------------------- */
static inline unsigned log2_floor(uint32_t x) /* x > 0 */
{
    return 31u - (unsigned)__builtin_clz(x);
}

static inline unsigned ctz32(uint32_t x) /* x > 0 */
{
    return (unsigned)__builtin_ctz(x);
}

/* Index fl*16 + sl of the list for a block of `size` bytes (size >= 16):
 * below 128 bytes the list is size/8 (fl 0); above, with t = log2(size),
 * fl = t - 6 and sl = the 4 bits below the leading one, which folds into
 * (size >> (t - 4)) + (t - 7) * 16. Inlined: it sits on every hot path. */
static inline __attribute__((always_inline)) uint32_t list_of(uint32_t size)
{
    if (size < SMALL_LIMIT) {
        return size >> 3;
    }
    unsigned t = log2_floor(size);
    return (size >> (t - MEM_TLSF_SL_LOG2)) + ((t - 7u) << MEM_TLSF_SL_LOG2);
}

/* ---- free lists ----------------------------------------------------------- */
static void list_insert(mem_tlsf_t *h, block_t *b, uint32_t size)
{
    uint32_t idx = list_of(size);
    uint32_t fl = idx >> MEM_TLSF_SL_LOG2;
    uint32_t head = h->heads[idx];
    uint32_t link = to_link(h, b);
    b->next_free = head;
    b->prev_free = 0u;
    if (head != 0u) {
        from_link(h, head)->prev_free = link;
    }
    h->heads[idx] = link;
    h->fl_map |= 1u << fl;
    h->sl_map[fl] = (uint16_t)(h->sl_map[fl] |
                               (1u << (idx & (MEM_TLSF_SL_COUNT - 1u))));
}

/* Unlink the head of list idx whose successor is `next`. */
static inline __attribute__((always_inline)) void
pop_head(mem_tlsf_t *h, uint32_t idx, uint32_t next)
{
    h->heads[idx] = next;
    if (next != 0u) {
        from_link(h, next)->prev_free = 0u;
    } else {
        uint32_t fl = idx >> MEM_TLSF_SL_LOG2;
        uint32_t m = h->sl_map[fl] & ~(1u << (idx & (MEM_TLSF_SL_COUNT - 1u)));
        h->sl_map[fl] = (uint16_t)m;
        if (m == 0u) {
            h->fl_map &= ~(1u << fl);
        }
    }
}

static void list_remove(mem_tlsf_t *h, block_t *b, uint32_t size)
{
    uint32_t next = b->next_free;
    uint32_t prev = b->prev_free;
    if (prev != 0u) { /* not the head: no need to know the list */
        from_link(h, prev)->next_free = next;
        if (next != 0u) {
            from_link(h, next)->prev_free = prev;
        }
    } else {
        pop_head(h, list_of(size), next);
    }
}

/* ---- poisoning ---------------------------------------------------------- */
#if MEM_CONFIG_POISON
static void poison(block_t *b, uint32_t size)
{
    memset((unsigned char *)b + MIN_BLOCK, (int)MEM_POISON_BYTE,
           size - MIN_BLOCK);
}

/* Offset of the first non-poison byte after the links, or 0. */
static uint32_t poison_damage(const block_t *b, uint32_t size)
{
    const unsigned char *p = (const unsigned char *)b;
    for (uint32_t i = MIN_BLOCK; i < size; i++) {
        if (p[i] != (unsigned char)MEM_POISON_BYTE) {
            return i;
        }
    }
    return 0u;
}
#endif

/* ---- init ------------------------------------------------------------- */
mem_status_t mem_tlsf_init(mem_tlsf_t *heap, void *arena, size_t size)
{
    if (heap == NULL || arena == NULL) {
        return MEM_ERR_ARG;
    }
    if (((uintptr_t)arena & 7u) != 0u) {
        return MEM_ERR_ALIGN;
    }
    if (size < MEM_TLSF_ARENA_MIN || size > MEM_TLSF_ARENA_MAX) {
        return MEM_ERR_SIZE;
    }
    size &= ~(size_t)7u;
    memset(heap, 0, sizeof(*heap));
    uintptr_t start = (uintptr_t)arena;
    heap->base = start - HDR; /* first block gets link 8, never 0 */
    heap->first = start;
    heap->end = start + size - HDR;

    block_t *b = blk_at(start);
    uint32_t bsize = (uint32_t)(size - HDR);
    b->prev_size = 0u;
    b->size_flags = bsize | FREE_BIT;
    block_t *marker = blk_at(heap->end);
    marker->prev_size = bsize;
    marker->size_flags = 0u; /* size 0, in use */
#if MEM_CONFIG_POISON
    poison(b, bsize);
#endif
    list_insert(heap, b, bsize);
    return MEM_OK;
}

void mem_tlsf_oom_hook_set(mem_tlsf_t *heap, mem_tlsf_oom_hook_t hook,
                           void *context)
{
    if (heap != NULL) {
        heap->oom_hook = hook;
        heap->oom_context = context;
    }
}

/* ---- allocation core -------------------------------------------------- */
static void *fail_alloc(mem_tlsf_t *h, size_t size, size_t alignment)
{
    h->failed++;
    if (h->oom_hook != NULL) {
        h->oom_hook(h, size, alignment, h->oom_context);
    }
    return NULL;
}

/* Remove and return a free block of at least `bsize` bytes, or NULL.
 * bsize is a multiple of 8, MIN_BLOCK <= bsize < 2^MEM_TLSF_ARENA_MAX_LOG2. */
static block_t *take_free(mem_tlsf_t *h, uint32_t bsize)
{
    uint32_t rounded = bsize;
    if (bsize >= SMALL_LIMIT) {
        rounded += (1u << (log2_floor(bsize) - MEM_TLSF_SL_LOG2)) - 1u;
    }
    uint32_t idx = list_of(rounded);
    uint32_t fl = idx >> MEM_TLSF_SL_LOG2;
    /* fl may be MEM_TLSF_FL_COUNT here: sl_map has a spare, always-0 slot. */
    uint32_t slm = h->sl_map[fl] & (~0u << (idx & (MEM_TLSF_SL_COUNT - 1u)));
    if (slm == 0u) {
        uint32_t flm = h->fl_map & ~((2u << fl) - 1u);
        if (flm == 0u) {
            /* Nothing is certain to fit; the head of the request's own list
             * may still be large enough (and is, when it is the last block). */
            idx = list_of(bsize);
            uint32_t link = h->heads[idx];
            if (link == 0u) {
                return NULL;
            }
            block_t *b = from_link(h, link);
            if ((b->size_flags & ~FLAG_MASK) < bsize) {
                return NULL;
            }
            pop_head(h, idx, b->next_free);
            return b;
        }
        fl = ctz32(flm);
        slm = h->sl_map[fl];
    }
    idx = (fl << MEM_TLSF_SL_LOG2) + ctz32(slm);
    block_t *b = from_link(h, h->heads[idx]);
    pop_head(h, idx, b->next_free);
    return b;
}

/* Mark `b` (just taken from the free lists, `have` bytes) in use with
 * `bsize` bytes, returning the tail to the free lists when it is large
 * enough to be a block. Its successor is never free (no two free blocks
 * are adjacent), so the tail needs no merging. */
static void *use_block(mem_tlsf_t *h, block_t *b, uint32_t have,
                       uint32_t bsize)
{
#if MEM_CONFIG_POISON
    uint32_t damage = poison_damage(b, have);
    if (damage != 0u) {
        mem_failure_report(MEM_ERR_CORRUPT, h, (unsigned char *)b + damage);
    }
#endif
    uint32_t rest = have - bsize;
    if (rest >= MIN_BLOCK) {
        block_t *tail = blk_at((uintptr_t)b + bsize);
        tail->prev_size = bsize;
        tail->size_flags = rest | FREE_BIT;
        blk_at((uintptr_t)tail + rest)->prev_size = rest;
        list_insert(h, tail, rest);
        have = bsize;
    }
    b->size_flags = have;
    size_t in_use = h->in_use + have;
    h->in_use = in_use;
    if (in_use > h->peak) {
        h->peak = in_use;
    }
    h->live++;
    h->allocs++;
    return (unsigned char *)b + HDR;
}

/* Block size for a payload of `size` bytes; 0 if it can never fit. */
static inline uint32_t block_size_for(size_t size)
{
    if (size > MEM_TLSF_ARENA_MAX) {
        return 0u;
    }
    uint32_t bsize = ((uint32_t)size + HDR + 7u) & ~7u;
    return bsize < MIN_BLOCK ? MIN_BLOCK : bsize;
}

void *mem_tlsf_alloc(mem_tlsf_t *heap, size_t size)
{
    if (heap == NULL) {
        return NULL;
    }
    uint32_t bsize = block_size_for(size);
    if (bsize != 0u && bsize <= heap->end - heap->first) {
        block_t *b = take_free(heap, bsize);
        if (b != NULL) {
            return use_block(heap, b, b->size_flags & ~FLAG_MASK, bsize);
        }
    }
    return fail_alloc(heap, size, MEM_TLSF_ALIGN);
}

void *mem_tlsf_aligned_alloc(mem_tlsf_t *heap, size_t alignment, size_t size)
{
    if (heap == NULL) {
        return NULL;
    }
    if (alignment == 0u || (alignment & (alignment - 1u)) != 0u) {
        heap->failed++;
        return NULL;
    }
    if (alignment <= MEM_TLSF_ALIGN) {
        return mem_tlsf_alloc(heap, size);
    }
    uint32_t bsize = block_size_for(size);
    size_t span = heap->end - heap->first;
    if (bsize == 0u || alignment > span ||
        (size_t)bsize + alignment + MIN_BLOCK > span) {
        return fail_alloc(heap, size, alignment);
    }
    /* Enough for any leading gap: the gap is 0 or in [16, alignment + 8]. */
    block_t *b = take_free(heap, bsize + (uint32_t)alignment + MIN_BLOCK);
    if (b == NULL) {
        return fail_alloc(heap, size, alignment);
    }
    uint32_t have = b->size_flags & ~FLAG_MASK;
    uintptr_t payload = (uintptr_t)b + HDR;
    uintptr_t aligned = (payload + alignment - 1u) & ~(uintptr_t)(alignment - 1u);
    uint32_t gap = (uint32_t)(aligned - payload);
    if (gap != 0u && gap < MIN_BLOCK) {
        gap += (uint32_t)alignment;
    }
    if (gap != 0u) {
        /* The leading gap becomes a free block of its own. Its predecessor
         * is in use (b was free), so it needs no merging. */
        block_t *front = b;
        b = blk_at((uintptr_t)front + gap);
        have -= gap;
        front->size_flags = gap | FREE_BIT;
        b->prev_size = gap;
        blk_at((uintptr_t)b + have)->prev_size = have;
#if MEM_CONFIG_POISON
        poison(front, gap);
        /* b's old contents were poison except where front's links were. */
        poison(b, have);
#endif
        list_insert(heap, front, gap);
    }
    return use_block(heap, b, have, bsize);
}

void *mem_tlsf_calloc(mem_tlsf_t *heap, size_t count, size_t size)
{
    if (heap == NULL) {
        return NULL;
    }
    size_t total;
    if (__builtin_mul_overflow(count, size, &total)) {
        return fail_alloc(heap, SIZE_MAX, MEM_TLSF_ALIGN);
    }
    void *p = mem_tlsf_alloc(heap, total);
    if (p != NULL) {
        memset(p, 0, total);
    }
    return p;
}

/* ---- release ---------------------------------------------------------- */
/* The live block whose payload is `ptr`, or NULL after reporting why not. */
static block_t *live_block(const mem_tlsf_t *h, const void *ptr,
                           mem_status_t *why)
{
    uintptr_t a = (uintptr_t)ptr;
    mem_status_t st;
    /* Payloads lie in [first + 8, end - 8]. */
    if (a - (h->first + HDR) > h->end - h->first - MIN_BLOCK) {
        st = MEM_ERR_FOREIGN;
    } else if ((a & 7u) != 0u) {
        st = MEM_ERR_ALIGN;
    } else {
        block_t *b = blk_at(a - HDR);
        uint32_t sf = b->size_flags;
        if ((sf & FREE_BIT) != 0u) {
            st = MEM_ERR_DOUBLE_FREE;
        } else if ((sf & FLAG_MASK) == 0u && sf >= MIN_BLOCK &&
                   sf <= h->end - (uintptr_t)b &&
                   blk_at((uintptr_t)b + sf)->prev_size == sf) {
            return b;
        } else {
            st = MEM_ERR_FOREIGN;
        }
    }
    *why = st;
    mem_failure_report(st, h, ptr);
    return NULL;
}

/* Put `b` (size bytes, already off the books) back, merging neighbours. */
static void release(mem_tlsf_t *h, block_t *b, uint32_t size)
{
    block_t *prev = blk_at((uintptr_t)b - b->prev_size);
    uint32_t prev_sf = prev->size_flags; /* b itself (in use) when first */
    block_t *next = blk_at((uintptr_t)b + size);
    uint32_t next_sf = next->size_flags;
    b->size_flags = size | FREE_BIT; /* stays behind if b is absorbed */
    if ((prev_sf & FREE_BIT) != 0u) {
        uint32_t psize = prev_sf & ~FLAG_MASK;
        list_remove(h, prev, psize);
        size += psize;
        b = prev;
    }
    if ((next_sf & FREE_BIT) != 0u) {
        uint32_t nsize = next_sf & ~FLAG_MASK;
        list_remove(h, next, nsize);
        size += nsize;
        next = blk_at((uintptr_t)next + nsize);
    }
    b->size_flags = size | FREE_BIT;
    next->prev_size = size;
#if MEM_CONFIG_POISON
    poison(b, size);
#endif
    list_insert(h, b, size);
}

mem_status_t mem_tlsf_free(mem_tlsf_t *heap, void *ptr)
{
    if (heap == NULL) {
        return MEM_ERR_ARG;
    }
    if (ptr == NULL) {
        return MEM_OK;
    }
    mem_status_t why;
    block_t *b = live_block(heap, ptr, &why);
    if (b == NULL) {
        return why;
    }
    uint32_t size = b->size_flags;
    heap->in_use -= size;
    heap->live--;
    release(heap, b, size);
    return MEM_OK;
}

size_t mem_tlsf_usable_size(const mem_tlsf_t *heap, const void *ptr)
{
    if (heap == NULL || ptr == NULL) {
        return 0u;
    }
    mem_status_t why;
    const block_t *b = live_block(heap, ptr, &why);
    return b == NULL ? 0u : b->size_flags - HDR;
}

void *mem_tlsf_realloc(mem_tlsf_t *heap, void *ptr, size_t size)
{
    if (heap == NULL) {
        return NULL;
    }
    if (ptr == NULL) {
        return mem_tlsf_alloc(heap, size);
    }
    mem_status_t why;
    block_t *b = live_block(heap, ptr, &why);
    if (b == NULL) {
        return NULL;
    }
    uint32_t have = b->size_flags;
    uint32_t bsize = block_size_for(size);
    if (bsize == 0u || bsize > heap->end - heap->first) {
        return fail_alloc(heap, size, MEM_TLSF_ALIGN);
    }
    block_t *next = blk_at((uintptr_t)b + have);
    uint32_t next_sf = next->size_flags;
    uint32_t room = have;
    if ((next_sf & FREE_BIT) != 0u) {
        room += next_sf & ~FLAG_MASK;
    }
    if (bsize <= room) {
        /* In place: take the free successor if needed, give back the tail. */
        if (room != have) {
            list_remove(heap, next, next_sf & ~FLAG_MASK);
            blk_at((uintptr_t)b + room)->prev_size = room;
        }
        uint32_t keep = room - bsize >= MIN_BLOCK ? bsize : room;
        heap->in_use = heap->in_use - have + keep;
        if (heap->in_use > heap->peak) {
            heap->peak = heap->in_use;
        }
        b->size_flags = keep;
        if (keep != room) {
            block_t *tail = blk_at((uintptr_t)b + keep);
            tail->prev_size = keep;
            tail->size_flags = 0u; /* in use until release() */
            uint32_t rest = room - keep;
            blk_at((uintptr_t)tail + rest)->prev_size = rest;
            release(heap, tail, rest);
        }
        return ptr;
    }
    void *moved = mem_tlsf_alloc(heap, size);
    if (moved != NULL) {
        memcpy(moved, ptr, have - HDR);
        heap->in_use -= have;
        heap->live--;
        release(heap, b, have);
    }
    return moved;
}

/* ---- introspection ---------------------------------------------------- */
void mem_tlsf_stats(const mem_tlsf_t *heap, mem_tlsf_stats_t *out)
{
    if (heap == NULL || out == NULL) {
        return;
    }
    size_t arena = heap->end - heap->first + HDR;
    out->arena_bytes = arena;
    out->bytes_in_use = heap->in_use;
    out->peak_bytes_in_use = heap->peak;
    out->free_bytes = arena - HDR - heap->in_use;
    out->largest_free_block = 0u;
    out->largest_free_bound = 0u;
    if (heap->fl_map != 0u) {
        unsigned fl = log2_floor(heap->fl_map);
        unsigned sl = log2_floor(heap->sl_map[fl]);
        const block_t *b =
            from_link(heap, heap->heads[(fl << MEM_TLSF_SL_LOG2) + sl]);
        out->largest_free_block = (b->size_flags & ~FLAG_MASK) - HDR;
        /* Upper end of list (fl, sl), exclusive, minus the header. */
        size_t limit;
        if (fl == 0u) {
            limit = (size_t)(sl + 1u) * 8u;
        } else {
            unsigned shift = fl + 6u - MEM_TLSF_SL_LOG2;
            limit = ((size_t)MEM_TLSF_SL_COUNT + sl + 1u) << shift;
        }
        size_t bound = limit - 8u - HDR;
        size_t all_free = out->free_bytes - HDR;
        out->largest_free_bound = bound < all_free ? bound : all_free;
    }
    out->live_blocks = heap->live;
    out->alloc_count = heap->allocs;
    out->failed_allocs = heap->failed;
}

static mem_status_t corrupt(const mem_tlsf_t *h, mem_tlsf_fault_t *fault,
                            const char *reason, const void *block)
{
    if (fault != NULL) {
        fault->reason = reason;
        fault->block = block;
    }
    mem_failure_report(MEM_ERR_CORRUPT, h, block);
    return MEM_ERR_CORRUPT;
}

mem_status_t mem_tlsf_check(const mem_tlsf_t *heap, mem_tlsf_fault_t *fault)
{
    if (heap == NULL) {
        return MEM_ERR_ARG;
    }
    const mem_tlsf_t *h = heap;
    if (fault != NULL) {
        fault->reason = NULL;
        fault->block = NULL;
    }
    /* Physical walk. */
    uintptr_t a = h->first;
    uint32_t prev_size = 0u, prev_free = 0u;
    size_t used_bytes = 0u, free_bytes = 0u;
    uint32_t used_blocks = 0u, free_blocks = 0u;
    while (a != h->end) {
        const block_t *b = blk_at(a);
        uint32_t sf = b->size_flags;
        uint32_t size = sf & ~FLAG_MASK;
        if ((sf & (FLAG_MASK & ~FREE_BIT)) != 0u) {
            return corrupt(h, fault, "reserved header bits set", b);
        }
        if (b->prev_size != prev_size) {
            return corrupt(h, fault, "prev_size mismatch", b);
        }
        if (size < MIN_BLOCK || size > h->end - a) {
            return corrupt(h, fault, "block size out of range", b);
        }
        if ((sf & FREE_BIT) != 0u) {
            if (prev_free) {
                return corrupt(h, fault, "adjacent free blocks", b);
            }
            uint32_t idx = list_of(size);
            if (((h->sl_map[idx >> MEM_TLSF_SL_LOG2] >> (idx & 15u)) & 1u) ==
                0u) {
                return corrupt(h, fault, "free block's list marked empty", b);
            }
#if MEM_CONFIG_POISON
            if (poison_damage(b, size) != 0u) {
                return corrupt(h, fault, "free memory written (use after free)",
                               b);
            }
#endif
            free_bytes += size;
            free_blocks++;
        } else {
            used_bytes += size;
            used_blocks++;
        }
        prev_free = sf & FREE_BIT;
        prev_size = size;
        a += size;
    }
    const block_t *marker = blk_at(h->end);
    if (marker->prev_size != prev_size || marker->size_flags != 0u) {
        return corrupt(h, fault, "end marker damaged", marker);
    }
    if (used_bytes != h->in_use || used_blocks != h->live) {
        return corrupt(h, fault, "in-use counters disagree with blocks", NULL);
    }
    if (h->peak < h->in_use) {
        return corrupt(h, fault, "peak below bytes in use", NULL);
    }
    /* Lists and bitmaps. */
    uint32_t listed = 0u;
    for (unsigned fl = 0u; fl < MEM_TLSF_FL_COUNT; fl++) {
        if ((((h->fl_map >> fl) & 1u) != 0u) != (h->sl_map[fl] != 0u)) {
            return corrupt(h, fault, "fl_map disagrees with sl_map", NULL);
        }
        for (unsigned sl = 0u; sl < MEM_TLSF_SL_COUNT; sl++) {
            uint32_t link = h->heads[(fl << MEM_TLSF_SL_LOG2) + sl];
            if ((link != 0u) != (((h->sl_map[fl] >> sl) & 1u) != 0u)) {
                return corrupt(h, fault, "sl_map disagrees with list head",
                               NULL);
            }
            uint32_t back = 0u;
            while (link != 0u) {
                uintptr_t addr = LINK_BASE(h) + link;
                const block_t *b = blk_at(addr);
                if (addr < h->first || addr >= h->end || (addr & 7u) != 0u) {
                    return corrupt(h, fault, "free-list link outside arena",
                                   NULL);
                }
                if ((b->size_flags & FREE_BIT) == 0u) {
                    return corrupt(h, fault, "in-use block on a free list", b);
                }
                if (list_of(b->size_flags & ~FLAG_MASK) !=
                    (fl << MEM_TLSF_SL_LOG2) + sl) {
                    return corrupt(h, fault, "free block in the wrong list", b);
                }
                if (b->prev_free != back) {
                    return corrupt(h, fault, "free-list back link broken", b);
                }
                if (++listed > free_blocks) {
                    return corrupt(h, fault, "free lists hold extra blocks", b);
                }
                back = link;
                link = b->next_free;
            }
        }
    }
    if (h->sl_map[MEM_TLSF_FL_COUNT] != 0u ||
        (h->fl_map >> (MEM_TLSF_FL_COUNT - 1u) >> 1u) != 0u) {
        return corrupt(h, fault, "bitmap bits beyond the table", NULL);
    }
    if (listed != free_blocks) {
        return corrupt(h, fault, "free block missing from the lists", NULL);
    }
    (void)free_bytes;
    return MEM_OK;
}
