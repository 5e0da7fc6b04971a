/*
 * Two-level segregated-fit heap. Layout and rules: mem/tlsf.h, mem/docs/tlsf.md.
 *
 * Hot-path choices (each measured with bench/heap/thumb_paths.py and the
 * emulated-M7 bench, docs/benchmarks/heap.md):
 *   - A list head's prev_free holds (list index << 1) | 1 instead of 0, so
 *     unlinking any free block (a merge neighbour, a list head) needs no
 *     size-to-list computation: the tag says which list became shorter.
 *   - The size-to-list mapping has no branch: clz(size | 128) makes every
 *     size below 256 use the 8-byte classes; allocation computes it once and
 *     derives the request's own list (whose head is tried first) and the
 *     next one (where the bit search starts) from it.
 *   - A misuse check that fails leaves the fast path for one out-of-line
 *     function that works out what went wrong and reports it.
 *   - Bitmaps run top-down (list i at bit 31 - i%32): searches are one CLZ
 *     and a list's bit is one ROR of 0x80000000.
 *   - free() has its own merge: range/alignment and header checks are two
 *     rotated compares against precomputed limits, the successor's header
 *     is read once for the back-link check and the merge, word_map and the
 *     0x80000000 constant stay in registers across both unlinks and the
 *     insert, and the merged size is fixed up once at the end.
 */
#include "mem/tlsf.h"

#include <string.h>

#include "heap_common.h"
#include "mem/config.h"

#define HDR HEAP_HDR
#define MIN_BLOCK HEAP_MIN_BLOCK
#define FREE_BIT 1u
#define FLAG_MASK 7u
#define HEAD_TAG 1u /* bit 0 of prev_free: "head of list prev_free >> 1" */
#define SL_MASK (MEM_TLSF_SL_COUNT - 1u)

#define INLINE static inline __attribute__((always_inline))
/* An empty asm the compiler cannot see through: `x` is computed into a
 * register here and used from there (no effect on the value). */
#define KEEP_IN_REGISTER(x) __asm__("" : "+r"(x))

typedef struct block {
    uint32_t prev_size;
    uint32_t size_flags;
    uint32_t next_free; /* free blocks only */
    uint32_t prev_free; /* free blocks only; (index << 1) | HEAD_TAG at a head */
} block_t;

_Static_assert(sizeof(block_t) == MIN_BLOCK, "block header layout");
_Static_assert(MEM_TLSF_MAP_WORDS <= 32, "word_map is 32 bits");
_Static_assert(MEM_TLSF_SL_LOG2 == 4, "list_of assumes 16 second-level lists");

/* ---- links --------------------------------------------------------------- */
/* On 32-bit targets a link is the block address; on wider hosts an offset
 * from heap->base. Either way 0 is "none", and links are multiples of 8, so
 * bit 0 is free for HEAD_TAG. */
#if UINTPTR_MAX == 0xFFFFFFFFu
#define LINK_BASE(h) ((void)(h), (uintptr_t)0)
#else
#define LINK_BASE(h) ((h)->base)
#endif

INLINE block_t *blk_at(uintptr_t addr) { return (block_t *)addr; }
INLINE block_t *from_link(const mem_tlsf_t *h, uint32_t link)
{
    return blk_at(LINK_BASE(h) + link);
}
INLINE uint32_t to_link(const mem_tlsf_t *h, const block_t *b)
{
    return (uint32_t)((uintptr_t)b - LINK_BASE(h));
}

/* ---- size classes ----------------------------------------------------- */
/* Shift that leaves a size's list bits: floor(log2(size | 128)) - 4. Sizes
 * below 256 get 3, i.e. one list per 8 bytes. */
INLINE unsigned class_shift(uint32_t size)
{
    return 27u - (unsigned)__builtin_clz(size | 128u);
}

/* Index fl*16 + sl of the list for `size` given its class_shift: below 128
 * bytes size/8 (fl 0); above, with t = log2(size), fl = t - 6 and sl = the
 * 4 bits below the leading one, i.e. (size >> (t - 4)) + (t - 7) * 16.
 * Consecutive indexes are consecutive size ranges. */
INLINE uint32_t index_at(uint32_t size, unsigned shift)
{
    return (size >> shift) + ((uint32_t)(shift - 3u) << MEM_TLSF_SL_LOG2);
}

INLINE uint32_t list_of(uint32_t size)
{
    return index_at(size, class_shift(size));
}

INLINE unsigned clz32(uint32_t x) /* x > 0 */
{
    return (unsigned)__builtin_clz(x);
}

/* ---- bitmaps ---------------------------------------------------------------
 * Both bitmaps run from the top bit down: list idx is bit 31 - idx % 32 of
 * list_map[idx / 32], word w is bit 31 - w of word_map. A search for the
 * first set bit at or after a position is then one CLZ (no RBIT), and the bit
 * of a list is one rotate of a constant (ROR takes its amount mod 32). */
#define TOP_BIT 0x80000000u

/* list_bit with TOP_BIT supplied by the caller (free keeps it in a
 * register for three uses). */
INLINE uint32_t list_bit_of(uint32_t top, uint32_t idx)
{
#if defined(__arm__) && defined(__thumb2__)
    /* The compiler does not know that ROR already takes idx mod 32. */
    uint32_t bit;
    __asm__("ror %0, %1, %2" : "=r"(bit) : "r"(top), "r"(idx));
    return bit;
#else
    return (top >> (idx & 31u)) | (top << ((0u - idx) & 31u));
#endif
}

INLINE uint32_t list_bit(uint32_t idx)
{
    return list_bit_of(TOP_BIT, idx);
}

INLINE uint32_t word_bit(uint32_t w) /* w < 32 */
{
    return TOP_BIT >> w;
}

/* ---- free lists ----------------------------------------------------------- */
static void list_insert(mem_tlsf_t *h, block_t *b, uint32_t size)
{
    uint32_t idx = list_of(size);
    uint32_t head = h->heads[idx];
    uint32_t link = to_link(h, b);
    b->next_free = head;
    b->prev_free = (idx << 1) | HEAD_TAG;
    if (head != 0u) {
        from_link(h, head)->prev_free = link;
    }
    h->heads[idx] = link;
    uint32_t w = idx >> 5;
    h->list_map[w] |= list_bit(idx);
    h->word_map |= word_bit(w);
}

/* Clear the bitmap bits of list idx, which has just become empty. */
INLINE void list_emptied(mem_tlsf_t *h, uint32_t idx)
{
    uint32_t w = idx >> 5;
    uint32_t m = h->list_map[w] & ~list_bit(idx);
    h->list_map[w] = m;
    if (m == 0u) {
        h->word_map &= ~word_bit(w);
    }
}

/* Unlink `b`, the head of list idx. */
INLINE void list_pop(mem_tlsf_t *h, uint32_t idx, const block_t *b)
{
    uint32_t next = b->next_free;
    h->heads[idx] = next;
    if (next != 0u) {
        from_link(h, next)->prev_free = b->prev_free; /* the head tag */
    } else {
        list_emptied(h, idx);
    }
}

/* Take the free block `b` off its list (whichever it is). */
INLINE void list_unlink(mem_tlsf_t *h, const block_t *b)
{
    uint32_t next = b->next_free;
    uint32_t prev = b->prev_free;
    if (next != 0u) {
        from_link(h, next)->prev_free = prev; /* inherits a head tag too */
    }
    if ((prev & HEAD_TAG) == 0u) {
        from_link(h, prev)->next_free = next;
        return;
    }
    uint32_t idx = prev >> 1;
    h->heads[idx] = next;
    if (next == 0u) {
        list_emptied(h, idx);
    }
}

/* ---- poisoning ---------------------------------------------------------- */
#if MEM_CONFIG_POISON
static void poison(block_t *b, uint32_t size)
{
    memset((unsigned char *)b + MIN_BLOCK, (int)MEM_POISON_BYTE,
           size - MIN_BLOCK);
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
    heap->max_request = size - 2u * HDR; /* blocks up to size - 8 bytes */
    heap->first_payload = start + HDR;
    heap->block_slots = (size - 3u * HDR) >> 3;

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

void mem_tlsf_oom_hook_set(mem_tlsf_t *heap, mem_heap_oom_hook_t hook,
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
    return heap_fail_alloc(h, &h->failed, h->oom_hook, h->oom_context, size,
                           alignment);
}

/* Remove and return a free block of at least `bsize` bytes, or NULL.
 * bsize is a multiple of 8, MIN_BLOCK <= bsize <= the arena span. */
INLINE block_t *take_free(mem_tlsf_t *h, uint32_t bsize)
{
    unsigned shift = class_shift(bsize);
    uint32_t own = index_at(bsize, shift);
    block_t *b;
    /* Good fit first: the head of the request's own list, when it is large
     * enough, leaves the larger lists alone. */
    uint32_t link = h->heads[own];
    if (link != 0u) {
        b = from_link(h, link);
        if (b->size_flags > bsize) { /* size | FREE_BIT: size >= bsize */
            list_pop(h, own, b);
            return b;
        }
    }
    /* Otherwise the next list up: the head of every list from there on
     * fits without being looked at. */
    uint32_t idx = own + 1u;
    uint32_t w = idx >> 5;
    /* w may be the spare word here (always 0) when idx is one past the
     * last list. */
    uint32_t word = h->list_map[w];
    uint32_t m = word & (~0u >> (idx & 31u));
    if (m != 0u) {
        idx = (w << 5) + clz32(m);
    } else {
        uint32_t wm = h->word_map & ((TOP_BIT - 1u) >> w);
        if (wm == 0u) {
            return NULL;
        }
        w = clz32(wm);
        word = h->list_map[w];
        idx = (w << 5) + clz32(word);
    }
    /* Pop the head of list idx; its bitmap word (w, word) is in hand. */
    b = from_link(h, h->heads[idx]);
    uint32_t next = b->next_free;
    h->heads[idx] = next;
    if (next != 0u) {
        from_link(h, next)->prev_free = b->prev_free; /* the head tag */
    } else {
        word &= ~list_bit(idx);
        h->list_map[w] = word;
        if (word == 0u) {
            h->word_map &= ~word_bit(w);
        }
    }
    return b;
}

/* Mark `b` (just taken from the free lists, `have` bytes) in use with
 * `bsize` bytes, returning the tail to the free lists when it is large
 * enough to be a block. Its successor is never free (no two free blocks
 * are adjacent), so the tail needs no merging. */
INLINE void *use_block(mem_tlsf_t *h, block_t *b, uint32_t have,
                       uint32_t bsize)
{
#if MEM_CONFIG_POISON
    uint32_t damage = heap_poison_damage(b, MIN_BLOCK, have);
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
    heap_count_use(&h->in_use, &h->peak, have);
    h->allocs++;
    return (unsigned char *)b + HDR;
}

/* Block size for a payload of `size` bytes; 0 if it can never fit. */
INLINE uint32_t block_size_for(const mem_tlsf_t *h, size_t size)
{
    return heap_block_size_for(size, h->end - h->first - HDR);
}

void *mem_tlsf_alloc(mem_tlsf_t *heap, size_t size)
{
    if (heap == NULL) {
        return NULL;
    }
    /* less = max(size, 1) - 1 without a branch: adding the top bit of
     * size - 1 turns size 0 into 0 (sizes above half the address space also
     * gain 1, and exceed max_request either way). One compare then rejects
     * every request whose block, ((size - 1) | 7) + 9 = round_up(size, 8)
     * + 8 bytes, cannot fit the arena. */
    size_t less = size - 1u;
    less += less >> (sizeof(size_t) * 8u - 1u);
    if (less < heap->max_request) {
        uint32_t bsize = ((uint32_t)less | 7u) + 9u;
        block_t *b = take_free(heap, bsize);
        if (b != NULL) {
            return use_block(heap, b, b->size_flags - FREE_BIT, bsize);
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
    uint32_t bsize = block_size_for(heap, size);
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
    uint32_t have = b->size_flags - FREE_BIT;
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
    if (!heap_calloc_total(count, size, &total)) {
        return fail_alloc(heap, SIZE_MAX, MEM_TLSF_ALIGN);
    }
    void *p = mem_tlsf_alloc(heap, total);
    if (p != NULL) {
        memset(p, 0, total);
    }
    return p;
}

/* ---- release ---------------------------------------------------------- */
/* Whether `ptr` is the payload of a live block (if not, misuse() says
 * why). Checks: inside the arena, 8-aligned, header
 * flags 0 (in use), size in [16, end - block], successor's prev_size. */
INLINE int is_live(const mem_tlsf_t *h, const void *ptr)
{
    /* off: the block's offset from the first block. Blocks start at
     * offsets 0 .. lim (lim = arena - 24: room for a 16-byte block before
     * the end marker), at multiples of 8; rotating off right by 3 moves a
     * misalignment into the top bits, so one compare checks both. */
    uintptr_t off = (uintptr_t)ptr - HDR - h->first;
    uintptr_t lim = h->max_request - HDR;
    uintptr_t rot = (off >> 3) | (off << (sizeof(uintptr_t) * 8u - 3u));
    if (rot > (lim >> 3)) {
        return 0;
    }
    const block_t *b = blk_at((uintptr_t)ptr - HDR);
    uint32_t sf = b->size_flags;
    /* In use (flags 0), size in [16, room up to the end marker], and the
     * successor points back. */
    return (sf & FLAG_MASK) == 0u &&
           (uint32_t)(sf - MIN_BLOCK) <= lim - off &&
           blk_at((uintptr_t)b + sf)->prev_size == sf;
}

/* The live block at `ptr`, or NULL when is_live says no. */
INLINE block_t *live_block(const mem_tlsf_t *h, const void *ptr)
{
    return is_live(h, ptr) ? blk_at((uintptr_t)ptr - HDR) : NULL;
}

/* Whether `a` is a block start: 8-aligned, first .. end - MIN_BLOCK. */
INLINE int is_block_start(const mem_tlsf_t *h, uintptr_t a)
{
    return (a & 7u) == 0u && a - h->first <= h->end - h->first - MIN_BLOCK;
}

/* Size of the free block whose header is at `a` (a block start) when its
 * flags are exactly FREE_BIT, its size lies in [16, room to the end marker]
 * and the successor's prev_size points back; else 0. */
INLINE uint32_t free_size_at(const mem_tlsf_t *h, uintptr_t a)
{
    uint32_t sf = blk_at(a)->size_flags;
    uint32_t size = sf - FREE_BIT;
    if ((sf & FLAG_MASK) != FREE_BIT || size < MIN_BLOCK ||
        size > h->end - a || blk_at(a + size)->prev_size != size) {
        return 0u;
    }
    return size;
}

/* Whether the block start `a` lies in free memory, in O(1): either its
 * header is a free block's, or it is the stale header of a block merged into
 * a free neighbour and its prev_size leads to a free block that reaches past
 * `a`; and that free block is on the list its prev_free names.
 * A word that merely has bit 0 set (user data before an interior pointer)
 * fails these checks. A block merged more than once is not recognised
 * (tlsf.h, "Limits"). */
static int in_free_memory(const mem_tlsf_t *h, uintptr_t a)
{
    uintptr_t f = a;
    if (free_size_at(h, a) == 0u) {
        const block_t *b = blk_at(a);
        f = a - b->prev_size;
        if (f >= a || !is_block_start(h, f) || a - f >= free_size_at(h, f)) {
#if MEM_CONFIG_POISON
            /* Poisoning overwrites the stale header of a merged block. */
            uint32_t pw = MEM_POISON_BYTE * 0x01010101u;
            return b->prev_size == pw && b->size_flags == pw;
#else
            return 0;
#endif
        }
    }
    const block_t *fb = blk_at(f);
    uint32_t link = to_link(h, fb);
    uint32_t prev = fb->prev_free;
    if ((prev & HEAD_TAG) != 0u) {
        uint32_t idx = prev >> 1;
        return idx < sizeof(h->heads) / sizeof(h->heads[0]) &&
               h->heads[idx] == link;
    }
    uintptr_t p = LINK_BASE(h) + prev;
    return is_block_start(h, p) && blk_at(p)->next_free == link;
}

/* Why `ptr` failed live_block; reported through the failure hook. */
static __attribute__((noinline, cold)) mem_status_t
misuse(const mem_tlsf_t *h, const void *ptr)
{
    uintptr_t a = (uintptr_t)ptr;
    mem_status_t st = MEM_ERR_FOREIGN;
    if (a - (h->first + HDR) <= h->end - h->first - MIN_BLOCK) {
        if ((a & 7u) != 0u) {
            st = MEM_ERR_ALIGN;
        } else if (in_free_memory(h, a - HDR)) {
            st = MEM_ERR_DOUBLE_FREE;
        }
    }
    mem_failure_report(st, h, ptr);
    return st;
}

/* Put `b` (size bytes, already off the books) back, merging neighbours. */
INLINE void release_inline(mem_tlsf_t *h, block_t *b, uint32_t size)
{
    block_t *prev = blk_at((uintptr_t)b - b->prev_size);
    uint32_t prev_sf = prev->size_flags; /* b itself (in use) when first */
    block_t *next = blk_at((uintptr_t)b + size);
    uint32_t next_sf = next->size_flags;
    b->size_flags = size | FREE_BIT; /* stays behind if b is absorbed */
    if ((prev_sf & FREE_BIT) != 0u) {
        list_unlink(h, prev);
        size += prev_sf - FREE_BIT;
        b = prev;
    }
    if ((next_sf & FREE_BIT) != 0u) {
        list_unlink(h, next);
        size += next_sf - FREE_BIT;
        next = blk_at((uintptr_t)next + (next_sf - FREE_BIT));
    }
    b->size_flags = size | FREE_BIT;
    next->prev_size = size;
#if MEM_CONFIG_POISON
    poison(b, size);
#endif
    list_insert(h, b, size);
}

static void release(mem_tlsf_t *h, block_t *b, uint32_t size)
{
    release_inline(h, b, size);
}

/* free()'s way out for everything but a live block: NULL is fine, the rest
 * is misuse. */
static __attribute__((noinline, cold)) mem_status_t
free_rejected(const mem_tlsf_t *h, const void *ptr)
{
    return ptr == NULL ? MEM_OK : misuse(h, ptr);
}

/* Take the free block `fb` off its list; word_map lives in *wm until the
 * caller stores it. */
INLINE void unlink_held(mem_tlsf_t *h, const block_t *fb, uint32_t *wm,
                        uint32_t top)
{
    uint32_t next = fb->next_free;
    uint32_t prev = fb->prev_free;
    if ((prev & HEAD_TAG) != 0u) {
        uint32_t idx = prev >> 1;
        h->heads[idx] = next;
        if (next == 0u) {
            uint32_t w = idx >> 5;
            uint32_t m = h->list_map[w] & ~list_bit_of(top, idx);
            h->list_map[w] = m;
            if (m == 0u) {
                *wm &= ~(top >> w);
            }
            return;
        }
    } else {
        from_link(h, prev)->next_free = next;
        if (next == 0u) {
            return;
        }
    }
    from_link(h, next)->prev_free = prev; /* inherits a head tag too */
}

mem_status_t mem_tlsf_free(mem_tlsf_t *heap, void *ptr)
{
    if (heap == NULL) {
        return MEM_ERR_ARG;
    }
    /* Block offset / 8 from the first block, misalignment rotated into the
     * top bits: one compare checks range and alignment (NULL fails too). */
    uintptr_t off = (uintptr_t)ptr - heap->first_payload;
    uintptr_t slot = (off >> 3) | (off << (sizeof(uintptr_t) * 8u - 3u));
    if (slot > heap->block_slots) {
        return free_rejected(heap, ptr);
    }
    block_t *b = blk_at((uintptr_t)ptr - HDR);
    uint32_t ps = b->prev_size;
    uint32_t sf = b->size_flags;
    /* In use (flags 0) and size in [16, room up to the end marker], again
     * with one rotated compare: room / 8 = block_slots - off / 8 (off is a
     * multiple of 8 now). */
    uint32_t s16 = sf - MIN_BLOCK;
    uint32_t room8 = (uint32_t)(heap->block_slots - (off >> 3));
    if (((s16 >> 3) | (s16 << 29)) > room8) {
        return free_rejected(heap, ptr);
    }
    block_t *next = blk_at((uintptr_t)b + sf);
    KEEP_IN_REGISTER(next); /* so both header words come in one LDRD */
    uint32_t next_ps = next->prev_size;
    uint32_t next_sf = next->size_flags;
    if (next_ps != sf) { /* the successor does not point back */
        return free_rejected(heap, ptr);
    }
    heap->in_use -= sf;
    heap->frees++;
    block_t *prev = blk_at((uintptr_t)b - ps);
    uint32_t prev_sf = prev->size_flags; /* b itself (in use) when first */
    uint32_t wm = heap->word_map;
    uint32_t top = TOP_BIT; /* one register for every bitmap bit below */
    KEEP_IN_REGISTER(top);
    uint32_t size = sf;
    /* Each merge adds a size with FREE_BIT set; the flags are dropped at
     * the end (at most 2 <= FLAG_MASK). */
    if ((prev_sf & FREE_BIT) != 0u) {
        b->size_flags = prev_sf; /* absorbed: marked free for double frees */
        unlink_held(heap, prev, &wm, top);
        size += prev_sf;
        b = prev;
    }
    if ((next_sf & FREE_BIT) != 0u) {
        unlink_held(heap, next, &wm, top);
        size += next_sf;
    }
    size &= ~FLAG_MASK;
    b->size_flags = size | FREE_BIT;
    blk_at((uintptr_t)b + size)->prev_size = size;
#if MEM_CONFIG_POISON
    poison(b, size);
#endif
    /* list_insert, with word_map in hand. */
    uint32_t idx = list_of(size);
    uint32_t head = heap->heads[idx];
    uint32_t link = to_link(heap, b);
    b->next_free = head;
    b->prev_free = (idx << 1) | HEAD_TAG;
    if (head != 0u) {
        from_link(heap, head)->prev_free = link;
    }
    heap->heads[idx] = link;
    uint32_t w = idx >> 5;
    heap->list_map[w] |= list_bit_of(top, idx);
    heap->word_map = wm | (top >> w);
    return MEM_OK;
}

size_t mem_tlsf_usable_size(const mem_tlsf_t *heap, const void *ptr)
{
    if (heap == NULL || ptr == NULL) {
        return 0u;
    }
    const block_t *b = live_block(heap, ptr);
    if (b == NULL) {
        (void)misuse(heap, ptr);
        return 0u;
    }
    return b->size_flags - HDR;
}

void *mem_tlsf_realloc(mem_tlsf_t *heap, void *ptr, size_t size)
{
    if (heap == NULL) {
        return NULL;
    }
    if (ptr == NULL) {
        return mem_tlsf_alloc(heap, size);
    }
    block_t *b = live_block(heap, ptr);
    if (b == NULL) {
        (void)misuse(heap, ptr);
        return NULL;
    }
    uint32_t have = b->size_flags;
    uint32_t bsize = block_size_for(heap, size);
    if (bsize == 0u) {
        return fail_alloc(heap, size, MEM_TLSF_ALIGN);
    }
    block_t *next = blk_at((uintptr_t)b + have);
    uint32_t next_sf = next->size_flags;
    uint32_t room = have;
    if ((next_sf & FREE_BIT) != 0u) {
        room += next_sf - FREE_BIT;
    }
    if (bsize <= room) {
        /* In place: take the free successor if needed, give back the tail. */
        if (room != have) {
            list_unlink(heap, next);
            blk_at((uintptr_t)b + room)->prev_size = room;
        }
        uint32_t keep = room - bsize >= MIN_BLOCK ? bsize : room;
        heap->in_use -= have;
        heap_count_use(&heap->in_use, &heap->peak, keep);
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
        heap->frees++;
        release(heap, b, have);
    }
    return moved;
}

/* ---- introspection ---------------------------------------------------- */
/* The largest free block (head of the highest non-empty list), or NULL;
 * its list in *fl_out, *sl_out. Two bit scans. */
static const block_t *largest_free(const mem_tlsf_t *heap, unsigned *fl_out,
                                   unsigned *sl_out)
{
    if (heap->word_map == 0u) {
        return NULL;
    }
    /* Highest word, highest list: the lowest set bits. */
    unsigned w = 31u - (unsigned)__builtin_ctz(heap->word_map);
    unsigned idx = (w << 5) + 31u - (unsigned)__builtin_ctz(heap->list_map[w]);
    *fl_out = idx >> MEM_TLSF_SL_LOG2;
    *sl_out = idx & SL_MASK;
    return from_link(heap, heap->heads[idx]);
}

mem_status_t mem_tlsf_stats(const mem_tlsf_t *heap, mem_heap_stats_t *out)
{
    if (heap == NULL || out == NULL) {
        return MEM_ERR_ARG;
    }
    size_t arena = heap->end - heap->first + HDR;
    unsigned fl, sl;
    const block_t *b = largest_free(heap, &fl, &sl);
    out->arena_bytes = arena;
    out->bytes_in_use = heap->in_use;
    out->peak_bytes_in_use = heap->peak;
    out->free_bytes = arena - HDR - heap->in_use;
    out->largest_free_block = b == NULL ? 0u : (b->size_flags & ~FLAG_MASK) - HDR;
    out->live_blocks = heap->allocs - heap->frees;
    out->alloc_count = heap->allocs;
    out->failed_allocs = heap->failed;
    return MEM_OK;
}

size_t mem_tlsf_largest_free_bound(const mem_tlsf_t *heap)
{
    unsigned fl, sl;
    if (heap == NULL || largest_free(heap, &fl, &sl) == NULL) {
        return 0u;
    }
    /* Upper end of list (fl, sl), exclusive, minus the header. */
    size_t limit;
    if (fl == 0u) {
        limit = (size_t)(sl + 1u) * 8u;
    } else {
        unsigned shift = fl + 6u - MEM_TLSF_SL_LOG2;
        limit = ((size_t)MEM_TLSF_SL_COUNT + sl + 1u) << shift;
    }
    size_t bound = limit - 8u - HDR;
    size_t all_free = heap->end - heap->first - heap->in_use - HDR;
    return bound < all_free ? bound : all_free;
}

static mem_status_t corrupt(const mem_tlsf_t *h, mem_heap_fault_t *fault,
                            const char *reason, const void *block)
{
    return heap_corrupt(h, fault != NULL ? &fault->reason : NULL,
                        fault != NULL ? &fault->block : NULL, reason, block);
}

mem_status_t mem_tlsf_check(const mem_tlsf_t *heap, mem_heap_fault_t *fault)
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
            if ((h->list_map[idx >> 5] & list_bit(idx)) == 0u) {
                return corrupt(h, fault, "free block's list marked empty", b);
            }
#if MEM_CONFIG_POISON
            if (heap_poison_damage(b, MIN_BLOCK, size) != 0u) {
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
    if (used_bytes != h->in_use || used_blocks != h->allocs - h->frees) {
        return corrupt(h, fault, "in-use counters disagree with blocks", NULL);
    }
    if (h->peak < h->in_use) {
        return corrupt(h, fault, "peak below bytes in use", NULL);
    }
    /* Lists and bitmaps. */
    uint32_t listed = 0u;
    for (unsigned w = 0u; w < MEM_TLSF_MAP_WORDS; w++) {
        if (((h->word_map & word_bit(w)) != 0u) != (h->list_map[w] != 0u)) {
            return corrupt(h, fault, "word_map disagrees with list_map", NULL);
        }
    }
    for (unsigned fl = 0u; fl < MEM_TLSF_FL_COUNT; fl++) {
        for (unsigned sl = 0u; sl < MEM_TLSF_SL_COUNT; sl++) {
            uint32_t i = (fl << MEM_TLSF_SL_LOG2) + sl;
            uint32_t link = h->heads[i];
            if ((link != 0u) != ((h->list_map[i >> 5] & list_bit(i)) != 0u)) {
                return corrupt(h, fault, "list_map disagrees with list head",
                               NULL);
            }
            uint32_t back = (((fl << MEM_TLSF_SL_LOG2) + sl) << 1) | HEAD_TAG;
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
    uint32_t lists = MEM_TLSF_FL_COUNT * MEM_TLSF_SL_COUNT;
    if (h->list_map[MEM_TLSF_MAP_WORDS - 1u] != 0u ||
        (lists % 32u != 0u &&
         (h->list_map[lists / 32u] & (~0u >> (lists % 32u))) != 0u) ||
        (h->word_map & (~0u >> (MEM_TLSF_MAP_WORDS - 1u))) != 0u) {
        return corrupt(h, fault, "bitmap bits beyond the table", NULL);
    }
    if (listed != free_blocks) {
        return corrupt(h, fault, "free block missing from the lists", NULL);
    }
    (void)free_bytes;
    return MEM_OK;
}

HEAP_DEFINE_OPS(mem_tlsf, mem_tlsf_t, mem_tlsf_init, "tlsf",
                MEM_TLSF_ARENA_MIN, MEM_TLSF_ARENA_MAX);
