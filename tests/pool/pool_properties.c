/* Property tests of mem/pool.h shared by the host and the Cortex-M7 runner
 * (pool_properties.h). */
#include "tests/pool/pool_properties.h"

#include <stddef.h>
#include <stdint.h>

#include "mem/pool.h"
#include "mem/status.h"

/* ---- failure hook ------------------------------------------------------- */
static struct {
    volatile uint32_t calls;
    mem_status_t status;
    const void *object;
    const void *pointer;
} g_hook;

static void record_failure(mem_status_t status, const void *object,
                           const void *pointer, void *context)
{
    (void)context;
    g_hook.calls = g_hook.calls + 1u;
    g_hook.status = status;
    g_hook.object = object;
    g_hook.pointer = pointer;
}

void pool_props_hook_reset(void)
{
    mem_failure_hook_set(record_failure, NULL);
    g_hook.calls = 0u;
}

uint32_t pool_props_hook_calls(void)
{
    return g_hook.calls;
}

/* Exactly one report since the last call, for this pool and pointer. */
static int hook_saw(mem_status_t status, const mem_pool_t *pool,
                    const void *pointer)
{
    int ok = g_hook.calls == 1u && g_hook.status == status &&
             g_hook.object == pool && g_hook.pointer == pointer;
    g_hook.calls = 0u;
    return ok;
}

/* ---- harness ------------------------------------------------------------ */
#define MAX_BLOCKS 255u
#define STORAGE_BYTES 8192u

/* Room for the guard block before and after the pool's storage, so foreign
 * pointers on both sides are real addresses. */
static union {
    uint64_t align;
    uint8_t bytes[STORAGE_BYTES];
} g_storage;
static uint16_t g_links[MAX_BLOCKS + 1u];
static void *g_blocks[MAX_BLOCKS];
static void *g_last_freed; /* by free_all */
static uint8_t g_seen[MAX_BLOCKS];

static pool_props_report_fn g_report;
static uint32_t g_failures;

static void check(const char *name, int ok, uint32_t detail)
{
    g_report(name, ok, detail);
    if (!ok) {
        ++g_failures;
    }
}

static mem_pool_stats_t stats_of(const mem_pool_t *pool)
{
    mem_pool_stats_t s = {0u, 0u, 0u, 0u, 0u};
    (void)mem_pool_stats(pool, &s);
    return s;
}

static int stats_are(const mem_pool_t *pool, size_t in_use, size_t low_water,
                     uint32_t failed)
{
    mem_pool_stats_t s = stats_of(pool);
    return s.in_use == in_use && s.low_water_free == low_water &&
           s.failed_allocs == failed;
}

struct geometry {
    uint32_t block_size; /* as asked */
    uint32_t count;
};

/* Takes every block: each distinct, MEM_POOL_ALIGN-aligned, the start of a
 * block inside the storage. Returns how many of those hold. */
static uint32_t take_all(mem_pool_t *pool, const uint8_t *base, uint32_t size,
                         uint32_t count)
{
    uint32_t good = 0u;
    for (uint32_t i = 0u; i < count; ++i) {
        g_seen[i] = 0u;
    }
    for (uint32_t i = 0u; i < count; ++i) {
        g_blocks[i] = mem_pool_alloc(pool);
        uintptr_t offset = (uintptr_t)g_blocks[i] - (uintptr_t)base;
        if (g_blocks[i] == NULL || offset % size != 0u ||
            offset / size >= count ||
            (uintptr_t)g_blocks[i] % MEM_POOL_ALIGN != 0u ||
            g_seen[offset / size] != 0u) {
            continue;
        }
        g_seen[offset / size] = 1u;
        ++good;
    }
    return good;
}

static uint32_t free_all(mem_pool_t *pool, uint32_t count)
{
    uint32_t good = 0u;
    /* every other block first, then the rest: not just LIFO order */
    for (uint32_t pass = 0u; pass < 2u; ++pass) {
        for (uint32_t i = pass; i < count; i += 2u) {
            good += mem_pool_free(pool, g_blocks[i]) == MEM_OK;
            g_last_freed = g_blocks[i];
        }
    }
    return good;
}

static void check_geometry(const struct geometry *g)
{
    mem_pool_t pool;
    const uint32_t size = MEM_POOL_BLOCK_SIZE(g->block_size);
    uint8_t *base = g_storage.bytes + size; /* a guard block before */
    uint32_t n = g->count;
    int ok = mem_pool_init(&pool, base, size * n, g->block_size, n, g_links,
                           MEM_POOL_LINKS_SIZE(n)) == MEM_OK;
    check("init",
          ok && stats_are(&pool, 0u, n, 0u) &&
              stats_of(&pool).block_size == size &&
              stats_of(&pool).block_count == n,
          size);

    /* alloc until empty */
    check("alloc_all_distinct_aligned_in_range",
          take_all(&pool, base, size, n) == n, n);
    check("alloc_empty_null",
          mem_pool_alloc(&pool) == NULL && mem_pool_alloc(&pool) == NULL &&
              g_hook.calls == 0u,
          n);
    check("stats_full", stats_are(&pool, n, 0u, 2u), n);

    /* misuse on a full pool: documented status, hook with the pointer,
     * nothing changed */
    void *after = base + (size_t)n * size;
    void *before = base - size;
    void *inside = (uint8_t *)g_blocks[n / 2u] + MEM_POOL_ALIGN;
    check("free_null",
          mem_pool_free(&pool, NULL) == MEM_ERR_ARG && g_hook.calls == 0u, 0u);
    check("free_foreign_after",
          mem_pool_free(&pool, after) == MEM_ERR_FOREIGN &&
              hook_saw(MEM_ERR_FOREIGN, &pool, after),
          0u);
    check("free_foreign_before",
          mem_pool_free(&pool, before) == MEM_ERR_FOREIGN &&
              hook_saw(MEM_ERR_FOREIGN, &pool, before),
          0u);
    if (size > MEM_POOL_ALIGN) {
        check("free_misaligned",
              mem_pool_free(&pool, inside) == MEM_ERR_ALIGN &&
                  hook_saw(MEM_ERR_ALIGN, &pool, inside),
              0u);
    }
    check("misuse_left_stats", stats_are(&pool, n, 0u, 2u), n);

    /* free everything (not in LIFO order), then double frees */
    check("free_all", free_all(&pool, n) == n && stats_are(&pool, 0u, 0u, 2u),
          n);
    void *last = g_blocks[n - 1u];
    check("double_free",
          mem_pool_free(&pool, last) == MEM_ERR_DOUBLE_FREE &&
              hook_saw(MEM_ERR_DOUBLE_FREE, &pool, last) &&
              mem_pool_free(&pool, g_blocks[0]) == MEM_ERR_DOUBLE_FREE &&
              hook_saw(MEM_ERR_DOUBLE_FREE, &pool, g_blocks[0]) &&
              stats_are(&pool, 0u, 0u, 2u),
          0u);

    /* stats reset; LIFO reuse; exact low-water mark */
    check("stats_reset",
          mem_pool_stats_reset(&pool) == MEM_OK && stats_are(&pool, 0u, n, 0u),
          n);
    void *a = mem_pool_alloc(&pool);
    check("lifo", a == g_last_freed && stats_are(&pool, 1u, n - 1u, 0u), 0u);
    check("free_again_then_double",
          mem_pool_free(&pool, a) == MEM_OK &&
              mem_pool_free(&pool, a) == MEM_ERR_DOUBLE_FREE &&
              hook_saw(MEM_ERR_DOUBLE_FREE, &pool, a) &&
              stats_are(&pool, 0u, n - 1u, 0u),
          0u);

    /* structure intact after all of it: every block comes back once */
    check("intact_after_misuse",
          take_all(&pool, base, size, n) == n &&
              mem_pool_alloc(&pool) == NULL && stats_are(&pool, n, 0u, 1u) &&
              free_all(&pool, n) == n,
          n);
}

uint32_t pool_props_run(pool_props_report_fn report)
{
    static const struct geometry geometries[] = {
        {1u, 1u},    /* one 8-byte block */
        {20u, 6u},   /* 24 bytes: not a power of two */
        {8u, 33u},   /* power of two */
        {100u, 17u}, /* 104 = 13 * 8 */
        {24u, MAX_BLOCKS},
    };
    g_report = report;
    g_failures = 0u;
    pool_props_hook_reset();
    for (size_t i = 0u; i < sizeof geometries / sizeof geometries[0]; ++i) {
        /* the storage must hold the pool plus a guard block on each side */
        const struct geometry *g = &geometries[i];
        uint32_t size = MEM_POOL_BLOCK_SIZE(g->block_size);
        if ((g->count + 2u) * size > STORAGE_BYTES || g->count > MAX_BLOCKS) {
            check("geometry_fits", 0, (uint32_t)i);
            continue;
        }
        check_geometry(g);
    }
    return g_failures;
}
