/*
 * Heap trace replay on the emulated Cortex-M7 (QEMU mps2-an500).
 *
 * Replays the packed trace (trace_pack.py -> heap_trace_words[], in code
 * memory) against each heap in turn and times every call with bsp_cycles()
 * (the 25 MHz CMSDK dual timer). Under `-icount shift=7,sleep=off` one
 * instruction takes 128 ns of virtual time and a timer tick is 40 ns, so a
 * call's tick delta is 3.2 x its instruction count; the cost of an empty call
 * through the same function pointer is measured first and printed, and
 * bench/heap/m7/run_m7.py subtracts it and converts.
 *
 * Outside the timed region every block gets a tag word (its slot number)
 * that is checked before it is freed or reallocated, and the heap's
 * integrity walk runs at the end. Output: one line per heap,
 *   heap=<name> arena=<bytes> ops=<n> empty=<ticks> alloc_n=.. alloc_sum=..
 *   alloc_max=.. aligned_n=.. aligned_sum=.. aligned_max=.. free_n=.. free_sum=.. free_max=.. realloc_n=.. realloc_sum=..
 *   realloc_max=.. failed=<n> tag_errors=<n> check=<ok|corrupt>
 * (sums and maxima in raw ticks, empty-call cost included), then "done".
 * Exit status 0 when every heap ran with no tag error and an intact heap.
 *
 * Memory: the pointer table uses the emulator's SRAM above the STM32F769
 * map (0x2008_0000-0x203F_FFFF, 3.5 MiB; the linker script never places
 * anything there) and the arena its 16 MiB PSRAM at 0x6000_0000, so this
 * firmware is for mps2-an500 only. The arena is 2 x the trace's peak live
 * bytes + 64 KiB, at most 16 MiB.
 */
#include <stdint.h>
#include <string.h>

#include "bsp/board.h"
#include "mem/heap.h"
#include "mem/llff.h"
#include "mem/tlsf.h"

extern const uint32_t heap_trace_ops;
extern const uint32_t heap_trace_slots;
extern const uint32_t heap_trace_peak_bytes;
extern const uint32_t heap_trace_words[];

#define BENCH_RAM_START 0x20080000u
#define BENCH_RAM_END 0x20400000u
#define BENCH_ARENA_START 0x60000000u
#define BENCH_ARENA_MAX (16u * 1024u * 1024u)

static mem_tlsf_t tlsf;
static mem_llff_t llff;

/* Every heap through mem/heap.h. Each timed call goes through the heap's
 * operations table, whose entries tail-call the heap function (one branch),
 * exactly like empty_alloc_v does, so subtracting the empty call leaves the
 * heap function's own instructions minus one (the empty function's
 * return). */
static const mem_heap_t HEAPS[] = {
    {&mem_tlsf_ops, &tlsf},
    {&mem_llff_ops, &llff},
};

/* The empty call whose cost is subtracted: same shape, does nothing. */
__attribute__((noinline)) void *heap_bench_empty(void *h, size_t n)
{
    __asm__ volatile("" ::"r"(h), "r"(n));
    return NULL;
}
static void *empty_alloc_v(void *h, size_t n) { return heap_bench_empty(h, n); }

typedef struct tally {
    uint32_t n, max;
    uint64_t sum;
} tally_t;

static void tally_add(tally_t *t, uint32_t ticks)
{
    t->n++;
    t->sum += ticks;
    if (ticks > t->max) {
        t->max = ticks;
    }
}

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

static void put_tally(const char *name, const tally_t *t)
{
    char key[24];
    size_t n = strlen(name);
    memcpy(key, name, n);
    memcpy(key + n, "_n", 3);
    put_kv(key, t->n);
    memcpy(key + n, "_sum", 5);
    put_kv(key, t->sum);
    memcpy(key + n, "_max", 5);
    put_kv(key, t->max);
}

static void tag_block(void *p, uint32_t size, uint32_t slot)
{
    if (size >= 4u) {
        memcpy(p, &slot, 4);
    }
}

static int tag_ok(const void *p, uint32_t size, uint32_t slot)
{
    uint32_t v = slot;
    if (size >= 4u) {
        memcpy(&v, p, 4);
    }
    return v == slot;
}

static int replay(const mem_heap_t *h, void **slots, uint32_t *sizes,
                  uint8_t *arena, size_t arena_bytes)
{
    tally_t ta = {0}, tg = {0}, tf = {0}, tr = {0}, te = {0};
    uint32_t tag_errors = 0;
    memset(slots, 0, heap_trace_slots * sizeof(void *));
    if (mem_heap_init(*h, arena, arena_bytes) != MEM_OK) {
        put("heap=");
        put(h->ops->name);
        put(" init failed\n");
        return 0;
    }
    /* Empty-call cost, same timing code as below. */
    void *(*volatile empty)(void *, size_t) = empty_alloc_v;
    for (int i = 0; i < 64; i++) {
        uint32_t t0 = bsp_cycles();
        void *p = empty(h->instance, 16u);
        uint32_t t1 = bsp_cycles();
        __asm__ volatile("" ::"r"(p));
        tally_add(&te, t1 - t0);
    }
    for (uint32_t i = 0; i < heap_trace_ops; i++) {
        uint32_t w = heap_trace_words[2u * i];
        uint32_t size = heap_trace_words[2u * i + 1u];
        uint32_t kind = w >> 30;
        uint32_t slot = w & 0x1FFFFFFu;
        uint32_t align = 1u << ((w >> 25) & 31u);
        if (kind == 0u) {
            uint32_t t0, t1;
            void *p;
            if (align <= 8u) {
                t0 = bsp_cycles();
                p = h->ops->alloc(h->instance, size);
                t1 = bsp_cycles();
                tally_add(&ta, t1 - t0);
            } else {
                t0 = bsp_cycles();
                p = h->ops->aligned_alloc(h->instance, align, size);
                t1 = bsp_cycles();
                tally_add(&tg, t1 - t0);
            }
            slots[slot] = p;
            sizes[slot] = size;
            if (p != NULL) {
                tag_block(p, size, slot);
            }
        } else if (kind == 1u) {
            void *p = slots[slot];
            if (p == NULL) {
                continue; /* its allocation failed */
            }
            tag_errors += !tag_ok(p, sizes[slot], slot);
            uint32_t t0 = bsp_cycles();
            mem_status_t st = h->ops->free(h->instance, p);
            uint32_t t1 = bsp_cycles();
            tally_add(&tf, t1 - t0);
            tag_errors += st != MEM_OK;
            slots[slot] = NULL;
        } else {
            void *p = slots[slot];
            if (p == NULL) {
                continue;
            }
            tag_errors += !tag_ok(p, sizes[slot], slot);
            uint32_t t0 = bsp_cycles();
            void *q = h->ops->realloc(h->instance, p, size);
            uint32_t t1 = bsp_cycles();
            tally_add(&tr, t1 - t0);
            if (q != NULL) {
                uint32_t keep = sizes[slot] < size ? sizes[slot] : size;
                tag_errors += !tag_ok(q, keep, slot);
                slots[slot] = q;
                sizes[slot] = size;
                tag_block(q, size, slot);
            }
        }
    }
    mem_status_t check = mem_heap_check(*h, NULL);
    mem_heap_stats_t stats = {0};
    (void)mem_heap_stats(*h, &stats);
    put("heap=");
    put(h->ops->name);
    put_kv("arena", arena_bytes);
    put_kv("ops", heap_trace_ops);
    put_kv("empty", te.max);
    put_tally("alloc", &ta);
    put_tally("aligned", &tg);
    put_tally("free", &tf);
    put_tally("realloc", &tr);
    put_kv("failed", stats.failed_allocs);
    put_kv("tag_errors", tag_errors);
    put(check == MEM_OK ? " check=ok\n" : " check=corrupt\n");
    return tag_errors == 0u && check == MEM_OK;
}

int main(void)
{
    bsp_init();
    uintptr_t ram = BENCH_RAM_START;
    void **slots = (void **)ram;
    ram += heap_trace_slots * sizeof(void *);
    uint32_t *sizes = (uint32_t *)ram;
    ram += heap_trace_slots * sizeof(uint32_t);
    if (ram > BENCH_RAM_END) {
        put("heap replay: pointer table does not fit\n");
        bsp_exit(1);
    }
    size_t avail = BENCH_ARENA_MAX;
    /* Generous: twice the peak live bytes plus 64 KiB, within what exists. */
    size_t want = 2u * (size_t)heap_trace_peak_bytes + 65536u;
    size_t arena_bytes = want < avail ? want : avail;
    put("heap replay: ");
    put_u64(heap_trace_ops);
    put(" ops, peak live ");
    put_u64(heap_trace_peak_bytes);
    put(" bytes\n");
    int ok = 1;
    for (size_t i = 0; i < sizeof HEAPS / sizeof HEAPS[0]; i++) {
        ok &= replay(&HEAPS[i], slots, sizes, (uint8_t *)BENCH_ARENA_START,
                     arena_bytes);
    }
    put("done\n");
    bsp_exit(ok ? 0 : 1);
}
