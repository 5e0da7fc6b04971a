/*
 * Heap trace replay on the emulated Cortex-M7 (QEMU mps2-an500).
 *
 * Replays the packed trace (trace_pack.py -> heap_trace_words[], in code
 * memory) against each heap of the linked heap set (bench_heap.h: tidemark
 * only, or tidemark and its peers) and, per heap:
 *
 * 1. Timed replay. Every call is timed with bsp_cycles() (the 25 MHz CMSDK
 *    dual timer). Under `-icount shift=7,sleep=off` one instruction takes
 *    128 ns of virtual time and a timer tick is 40 ns, so a call's tick delta
 *    is 3.2 x its instruction count; the cost of an empty call through an
 *    adapter of the same shape is measured first and printed, and
 *    bench/heap/m7/run_m7.py subtracts it and converts. Per operation kind
 *    the firmware keeps exact statistics (op_stats.h: a one-tick histogram
 *    plus an overflow list) and prints n, sum, max and p99 in ticks. Outside
 *    the timed region every block is filled with a pattern derived from its
 *    slot; the whole block is verified before it is freed or reallocated
 *    (the kept prefix after a realloc), and so is its alignment (a plain
 *    allocation: 8, or the heap's own guarantee if smaller); an aligned
 *    request a heap has no call for is skipped and counted (unsupported,
 *    and the block's later operations with it); the heap's
 *    integrity walk (if it has one) runs at the end. RAM: 2 x the trace's
 *    peak live bytes + 64 KiB (within the heap's limit and the 16 MiB PSRAM).
 * 2. Arena scan (arena_scan.h): the trace is replayed again (untimed, the
 *    first word of each block tagged and checked) with RAM = f x peak live
 *    bytes for f = 64/64, 65/64, ... up to 4 (or what exists), stopping each
 *    replay at its first failed allocation; the first f with a clean replay
 *    is printed. Each heap gets `RAM - state_bytes` of arena, so heaps that
 *    keep their state outside the arena get no extra memory.
 * 3. Per-block cost: arena bytes between consecutive fresh blocks of 1 and
 *    of 100 bytes.
 *
 * Output, per heap (ticks include the empty-call cost):
 *   heap=<name> ram=<bytes> ops=<n> empty=<ticks> {alloc,aligned,free,realloc}_{n,sum,max,p99,exact}=..
 *   failed=<n> unsupported=<n> pattern_errors=<n> check=<ok|corrupt|none> scan_step=<s> scan_denom=64 block1=<b> block100=<b>
 * then "done". A heap that cannot use the arena, or whose largest arena is
 * below the trace's peak live bytes, prints "heap=<name> unusable=1".
 * scan_step=0: no RAM up to the limit gave a clean replay.
 * Exit status 0 when no heap had a pattern error or a corrupt heap.
 *
 * Memory: the pointer table and the statistics use the emulator's SRAM above
 * the STM32F769 map (0x2008_0000-0x203F_FFFF, 3.5 MiB; the linker script
 * never places anything there) and the arena its 16 MiB PSRAM at
 * 0x6000_0000, so this firmware is for mps2-an500 only.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "arena_scan.h"
#include "bench_heap.h"
#include "bsp/board.h"
#include "op_stats.h"

extern const uint32_t heap_trace_ops;
extern const uint32_t heap_trace_slots;
extern const uint32_t heap_trace_peak_bytes;
extern const uint32_t heap_trace_words[];

#define BENCH_RAM_START 0x20080000u
#define BENCH_RAM_END 0x20400000u
#define BENCH_ARENA_START 0x60000000u
#define BENCH_ARENA_MAX (16u * 1024u * 1024u)
#define SCAN_DENOM 64u
#define SCAN_LAST (4u * SCAN_DENOM)
#define HIST_CAP 65536u /* ticks: 20,480 instructions */

enum { OP_ALLOC, OP_ALIGNED, OP_FREE, OP_REALLOC, OP_KINDS };
static const char *const OP_NAMES[OP_KINDS] = {"alloc", "aligned", "free",
                                               "realloc"};

typedef struct replay_ram {
    void **slots;
    uint32_t *sizes;
    uint32_t *bins;     /* OP_KINDS x HIST_CAP */
    uint32_t *over;     /* OP_KINDS x over_each */
    uint32_t over_each;
} replay_ram_t;

typedef struct replay_result {
    op_stats_t ops[OP_KINDS];
    uint32_t failed, pattern_errors;
    uint32_t unsupported; /* over-aligned requests the heap has no call for */
} replay_result_t;

/* The empty call whose cost is subtracted: same shape as alloc, does
 * nothing; reached through a tail-calling adapter like the heaps. */
__attribute__((noinline)) void *heap_bench_empty(void *h, size_t n)
{
    __asm__ volatile("" ::"r"(h), "r"(n));
    return NULL;
}
static void *empty_alloc_v(void *h, size_t n) { return heap_bench_empty(h, n); }

static void put(const char *s) { bsp_uart_write(s, strlen(s)); }

static void put_u64(uint64_t v)
{
    char buf[21];
    int i = 20;
    buf[i] = '\0';
    do {
        buf[--i] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0u);
    put(&buf[i]);
}

static void put_kv(const char *key, uint64_t v)
{
    put(" ");
    put(key);
    put("=");
    put_u64(v);
}

static void put_op(const char *name, op_stats_t *s)
{
    static const char *const suffix[] = {"_n", "_sum", "_max", "_p99",
                                         "_exact"};
    bool exact = true;
    uint64_t v[5];
    v[0] = s->n;
    v[1] = s->sum;
    v[2] = s->max;
    v[3] = op_stats_percentile(s, 990u, &exact);
    v[4] = exact;
    for (int i = 0; i < 5; i++) {
        char key[24];
        size_t n = strlen(name), m = strlen(suffix[i]);
        memcpy(key, name, n);
        memcpy(key + n, suffix[i], m + 1u);
        put_kv(key, v[i]);
    }
}

/* The pattern word of a block: depends on its slot and the word's index. */
static uint32_t pattern_word(uint32_t slot, uint32_t i)
{
    return (slot * 2654435761u) ^ (i * 0x9E3779B9u) ^ 0xA5A5A5A5u;
}

static void fill_block(void *p, uint32_t size, uint32_t slot)
{
    uint8_t *b = p;
    uint32_t i = 0;
    for (; i + 4u <= size; i += 4u) {
        uint32_t w = pattern_word(slot, i / 4u);
        memcpy(b + i, &w, 4);
    }
    uint32_t w = pattern_word(slot, i / 4u);
    memcpy(b + i, &w, size - i);
}

/* 1 when p[0, size) holds the pattern of `slot`. */
static int block_ok(const void *p, uint32_t size, uint32_t slot)
{
    const uint8_t *b = p;
    uint32_t i = 0;
    for (; i + 4u <= size; i += 4u) {
        uint32_t w = pattern_word(slot, i / 4u), v;
        memcpy(&v, b + i, 4);
        if (v != w) {
            return 0;
        }
    }
    uint32_t w = pattern_word(slot, i / 4u);
    return memcmp(b + i, &w, size - i) == 0;
}

static int tag_ok(const void *p, uint32_t size, uint32_t slot)
{
    return block_ok(p, size < 4u ? size : 4u, slot);
}

static void tag_block(void *p, uint32_t size, uint32_t slot)
{
    fill_block(p, size < 4u ? size : 4u, slot);
}

static void *timed_alloc(const bench_heap_t *h, void *inst, uint32_t align,
                         uint32_t size, op_stats_t *st)
{
    uint32_t t0, t1;
    void *p;
    if (align <= 8u) {
        t0 = bsp_cycles();
        p = h->alloc(inst, size);
        t1 = bsp_cycles();
        if (st != NULL) {
            op_stats_add(&st[OP_ALLOC], t1 - t0);
        }
    } else if (h->aligned_alloc != NULL) {
        t0 = bsp_cycles();
        p = h->aligned_alloc(inst, align, size);
        t1 = bsp_cycles();
        if (st != NULL) {
            op_stats_add(&st[OP_ALIGNED], t1 - t0);
        }
    } else {
        /* align <= natural_alignment (replay() skips the rest) */
        t0 = bsp_cycles();
        p = h->alloc(inst, size);
        t1 = bsp_cycles();
        if (st != NULL) {
            op_stats_add(&st[OP_ALIGNED], t1 - t0);
        }
    }
    return p;
}

/* The alignment a block must have: what the trace asked for, except that a
 * plain allocation (the trace's default 8) gets the heap's own guarantee
 * when that is smaller (4 for TLSF mattconte and umm_malloc on 32 bits). */
static uint32_t required_alignment(const bench_heap_t *h, uint32_t align)
{
    if (align <= 8u && h->natural_alignment < align) {
        return (uint32_t)h->natural_alignment;
    }
    return align;
}

/*
 * Replays the whole trace on a fresh instance. full: timed, whole-block
 * patterns, statistics into r->ops; otherwise untimed with tags, stopping
 * at the first failed allocation. Returns the instance (NULL: init
 * refused the arena).
 */
static void *replay(const bench_heap_t *h, const replay_ram_t *ram,
                    size_t ram_bytes, bool full, replay_result_t *r)
{
    memset(r, 0, sizeof *r);
    if (ram_bytes <= h->state_bytes ||
        (h->arena_max != 0u && ram_bytes - h->state_bytes > h->arena_max)) {
        return NULL;
    }
    void *inst = h->init((void *)BENCH_ARENA_START, ram_bytes - h->state_bytes);
    if (inst == NULL) {
        return NULL;
    }
    op_stats_t *st = NULL;
    if (full) {
        st = r->ops;
        for (int k = 0; k < OP_KINDS; k++) {
            op_stats_init(&st[k], ram->bins + (size_t)k * HIST_CAP, HIST_CAP,
                          ram->over + (size_t)k * ram->over_each,
                          ram->over_each);
        }
    }
    memset(ram->slots, 0, heap_trace_slots * sizeof(void *));
    void (*const fill)(void *, uint32_t, uint32_t) = full ? fill_block : tag_block;
    int (*const ok)(const void *, uint32_t, uint32_t) = full ? block_ok : tag_ok;
    for (uint32_t i = 0; i < heap_trace_ops; i++) {
        uint32_t w = heap_trace_words[2u * i];
        uint32_t size = heap_trace_words[2u * i + 1u];
        uint32_t kind = w >> 30;
        uint32_t slot = w & 0x1FFFFFFu;
        uint32_t align = 1u << ((w >> 25) & 31u);
        if (kind == 0u) {
            if (align > 8u && h->aligned_alloc == NULL &&
                align > h->natural_alignment) {
                r->unsupported++; /* no way to ask this heap for it */
                ram->slots[slot] = NULL;
                continue;
            }
            void *p = timed_alloc(h, inst, align, size, st);
            ram->slots[slot] = p;
            ram->sizes[slot] = size;
            if (p == NULL) {
                r->failed++;
                if (!full) {
                    return inst;
                }
                continue;
            }
            r->pattern_errors +=
                ((uintptr_t)p & (required_alignment(h, align) - 1u)) != 0u;
            fill(p, size, slot);
        } else if (kind == 1u) {
            void *p = ram->slots[slot];
            if (p == NULL) {
                continue; /* its allocation failed */
            }
            r->pattern_errors += !ok(p, ram->sizes[slot], slot);
            uint32_t t0 = bsp_cycles();
            h->free(inst, p);
            uint32_t t1 = bsp_cycles();
            if (st != NULL) {
                op_stats_add(&st[OP_FREE], t1 - t0);
            }
            ram->slots[slot] = NULL;
        } else {
            void *p = ram->slots[slot];
            if (p == NULL) {
                continue;
            }
            uint32_t old = ram->sizes[slot];
            uint32_t keep = old < size ? old : size;
            r->pattern_errors += !ok(p, old, slot);
            void *q;
            if (h->realloc != NULL) {
                uint32_t t0 = bsp_cycles();
                q = h->realloc(inst, p, size);
                uint32_t t1 = bsp_cycles();
                if (st != NULL) {
                    op_stats_add(&st[OP_REALLOC], t1 - t0);
                }
            } else {
                /* No realloc: what a user would do (alloc, copy, free),
                 * counted as those operations. */
                q = timed_alloc(h, inst, 8u, size, st);
                if (q != NULL) {
                    memcpy(q, p, keep);
                    uint32_t t0 = bsp_cycles();
                    h->free(inst, p);
                    uint32_t t1 = bsp_cycles();
                    if (st != NULL) {
                        op_stats_add(&st[OP_FREE], t1 - t0);
                    }
                }
            }
            if (q == NULL) {
                r->failed++; /* the old block stays live and intact */
                if (!full) {
                    return inst;
                }
                continue;
            }
            r->pattern_errors +=
                ((uintptr_t)q & (required_alignment(h, 8u) - 1u)) != 0u;
            r->pattern_errors += !ok(q, keep, slot);
            ram->slots[slot] = q;
            ram->sizes[slot] = size;
            fill(q, size, slot);
        }
    }
    return inst;
}

typedef struct scan_ctx {
    const bench_heap_t *heap;
    const replay_ram_t *ram;
    uint32_t pattern_errors;
} scan_ctx_t;

static bool scan_try(size_t bytes, void *context)
{
    scan_ctx_t *c = context;
    replay_result_t r;
    void *inst = replay(c->heap, c->ram, bytes, false, &r);
    c->pattern_errors += r.pattern_errors;
    return inst != NULL && r.failed == 0u && r.pattern_errors == 0u &&
           (c->heap->check == NULL || c->heap->check(inst));
}

/* Arena bytes one block of `size` takes: the distance between the 9th
 * and 10th of ten fresh blocks of that size. */
static uint32_t block_cost(const bench_heap_t *h, size_t ram_bytes,
                           uint32_t size)
{
    void *inst = h->init((void *)BENCH_ARENA_START, ram_bytes - h->state_bytes);
    uint8_t *p[10];
    if (inst == NULL) {
        return 0;
    }
    for (int i = 0; i < 10; i++) {
        p[i] = h->alloc(inst, size);
        if (p[i] == NULL) {
            return 0;
        }
    }
    return (uint32_t)(p[9] > p[8] ? p[9] - p[8] : p[8] - p[9]);
}

static int measure(const bench_heap_t *h, const replay_ram_t *ram)
{
    static replay_result_t r;
    size_t want = 2u * (size_t)heap_trace_peak_bytes + 65536u;
    size_t limit = BENCH_ARENA_MAX;
    if (h->arena_max != 0u && h->arena_max + h->state_bytes < limit) {
        limit = h->arena_max + h->state_bytes;
    }
    size_t ram_bytes = want < limit ? want : limit;
    /* A heap that cannot even hold the peak live bytes is not measured. */
    void *inst = limit < heap_trace_peak_bytes
                     ? NULL
                     : replay(h, ram, ram_bytes, true, &r);
    put("heap=");
    put(h->name);
    if (inst == NULL) {
        put(" unusable=1\n");
        return 1;
    }
    /* Empty-call cost, same timing code as the heap calls. */
    void *(*volatile empty)(void *, size_t) = empty_alloc_v;
    uint32_t empty_max = 0;
    for (int i = 0; i < 64; i++) {
        uint32_t t0 = bsp_cycles();
        void *p = empty(inst, 16u);
        uint32_t t1 = bsp_cycles();
        __asm__ volatile("" ::"r"(p));
        if (t1 - t0 > empty_max) {
            empty_max = t1 - t0;
        }
    }
    int check = h->check == NULL ? -1 : h->check(inst);
    put_kv("ram", ram_bytes);
    put_kv("ops", heap_trace_ops);
    put_kv("empty", empty_max);
    for (int k = 0; k < OP_KINDS; k++) {
        put_op(OP_NAMES[k], &r.ops[k]);
    }
    put_kv("failed", r.failed);
    put_kv("unsupported", r.unsupported);
    put_kv("pattern_errors", r.pattern_errors);
    put(check < 0 ? " check=none" : check ? " check=ok" : " check=corrupt");
    scan_ctx_t ctx = {h, ram, 0};
    uint32_t step = arena_scan(heap_trace_peak_bytes, SCAN_DENOM, SCAN_LAST,
                               SCAN_DENOM, limit, scan_try, &ctx);
    put_kv("scan_step", step);
    put_kv("scan_denom", SCAN_DENOM);
    put_kv("block1", block_cost(h, ram_bytes, 1u));
    put_kv("block100", block_cost(h, ram_bytes, 100u));
    put("\n");
    return r.pattern_errors == 0u && ctx.pattern_errors == 0u && check != 0;
}

int main(void)
{
    bsp_init();
    replay_ram_t ram;
    uintptr_t at = BENCH_RAM_START;
    ram.slots = (void **)at;
    at += heap_trace_slots * sizeof(void *);
    ram.sizes = (uint32_t *)at;
    at += heap_trace_slots * sizeof(uint32_t);
    ram.bins = (uint32_t *)at;
    at += (uintptr_t)OP_KINDS * HIST_CAP * sizeof(uint32_t);
    if (at + OP_KINDS * 1024u * sizeof(uint32_t) > BENCH_RAM_END) {
        put("heap replay: pointer table does not fit\n");
        bsp_exit(1);
    }
    ram.over = (uint32_t *)at;
    ram.over_each = (uint32_t)((BENCH_RAM_END - at) / sizeof(uint32_t) / OP_KINDS);
    put("heap replay: ");
    put_u64(heap_trace_ops);
    put(" ops, peak live ");
    put_u64(heap_trace_peak_bytes);
    put(" bytes\n");
    int ok = 1;
    for (size_t i = 0; i < bench_heap_count; i++) {
        ok &= measure(bench_heaps[i], &ram);
    }
    put("done\n");
    bsp_exit(ok ? 0 : 1);
}
