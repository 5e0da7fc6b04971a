/*
 * malloc retarget demo/test firmware: the C allocation functions, and
 * newlib functions that allocate internally (strdup, asprintf), must all be
 * served by the tidemark heap over the linker's .heap region. Prints one
 * "ok <what>" / "FAIL <what>" line per check, the heap statistics, then
 * "done"; exits 0 when every check passed.
 */
#define _GNU_SOURCE /* asprintf */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bsp/board.h"
#include "mem/malloc_retarget.h"

extern uint8_t __heap_start[];
extern uint8_t __heap_end[];

static int failures;

static void put(const char *s) { bsp_uart_write(s, strlen(s)); }

static void put_u32(uint32_t v)
{
    char buf[11];
    int i = 10;
    buf[i] = '\0';
    do {
        buf[--i] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0u);
    put(&buf[i]);
}

static void check(int ok, const char *what)
{
    put(ok ? "ok " : "FAIL ");
    put(what);
    put("\n");
    failures += !ok;
}

static int in_heap(const void *p, size_t n)
{
    const uint8_t *b = p;
    return p != NULL && b >= __heap_start && b + n <= __heap_end;
}

static uint32_t allocs_so_far(void)
{
    mem_heap_stats_t s;
    return mem_malloc_retarget_stats(&s) == MEM_OK ? s.alloc_count : 0u;
}

int main(void)
{
    bsp_init();
    put("malloc retarget on ");
    put(bsp_board_name);
    put(": heap ");
    put_u32((uint32_t)(__heap_end - __heap_start));
    put(" bytes\n");

    char *p = malloc(100);
    check(in_heap(p, 100), "malloc in heap region");
    memset(p, 'x', 100);

    uint32_t before = allocs_so_far();
    char *s = strdup("tidemark");
    check(in_heap(s, 9) && strcmp(s, "tidemark") == 0, "strdup (newlib) in heap region");
    check(allocs_so_far() == before + 1u, "strdup counted by the tidemark heap");

    char *t = NULL;
    before = allocs_so_far();
    int n = asprintf(&t, "%d-%s-%x", 42, s, 0xbeefu);
    check(n == 16 && in_heap(t, 17) && strcmp(t, "42-tidemark-beef") == 0,
          "asprintf (newlib stdio) result in heap region");
    check(allocs_so_far() > before, "asprintf allocated from the tidemark heap");

    int *z = calloc(16, sizeof(int));
    int zero = in_heap(z, 64);
    for (int i = 0; zero && i < 16; i++) {
        zero = z[i] == 0;
    }
    check(zero, "calloc zeroed, in heap region");

    p = realloc(p, 3000);
    int kept = in_heap(p, 3000);
    for (int i = 0; kept && i < 100; i++) {
        kept = p[i] == 'x';
    }
    check(kept, "realloc kept the contents");

    void *a = aligned_alloc(64, 100);
    check(in_heap(a, 100) && ((uintptr_t)a & 63u) == 0u, "aligned_alloc(64)");
    void *m = memalign(256, 10);
    check(in_heap(m, 10) && ((uintptr_t)m & 255u) == 0u, "memalign(256)");
    void *q = NULL;
    check(posix_memalign(&q, 128, 10) == 0 && in_heap(q, 10) &&
              ((uintptr_t)q & 127u) == 0u,
          "posix_memalign(128)");
    void *bad = NULL;
    check(posix_memalign(&bad, 24, 10) == EINVAL && bad == NULL,
          "posix_memalign rejects alignment 24 (EINVAL)");
    check(malloc_usable_size(s) >= 9u, "malloc_usable_size");

    errno = 0;
    void *huge = malloc((size_t)(__heap_end - __heap_start) + 1u);
    check(huge == NULL && errno == ENOMEM, "oversized malloc: NULL, ENOMEM");

    free(p);
    free(s);
    free(t);
    free(z);
    free(a);
    free(m);
    free(q);
    free(NULL);
    mem_heap_stats_t st;
    check(mem_malloc_retarget_stats(&st) == MEM_OK && st.live_blocks == 0u &&
              st.bytes_in_use == 0u,
          "everything freed: no live blocks");
    put("stats: allocs ");
    put_u32(st.alloc_count);
    put(" peak ");
    put_u32((uint32_t)st.peak_bytes_in_use);
    put(" failed ");
    put_u32(st.failed_allocs);
    put("\n");
    put(failures == 0 ? "done\n" : "failed\n");
    bsp_exit(failures == 0 ? 0 : 1);
}
