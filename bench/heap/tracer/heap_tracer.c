/*
 * heap_tracer — LD_PRELOAD library that records a program's heap calls in
 * the trace format of docs/heap-trace-format.md. Host (Linux/glibc) only.
 *
 *   HEAP_TRACE_OUT=/tmp/t LD_PRELOAD=.../libheap_tracer.so program args
 *
 * writes /tmp/t.<pid> for every process that starts with the library loaded
 * (so a driver such as gcc and the cc1 it runs get separate files).
 * HEAP_TRACE_MAX_OPS (default 300000) caps each file: after that many
 * operations the tracer stops recording (the file is a valid prefix).
 *
 * Wrapped: malloc, free, calloc, realloc, memalign, aligned_alloc,
 * posix_memalign, valloc, pvalloc. The real work is done by glibc's
 * __libc_* entry points, so no dlsym bootstrap is needed. Blocks get
 * sequential ids (a pointer-to-id hash table in mmap'd memory); frees of
 * pointers the tracer never saw (allocated before it started) are ignored.
 * Mapping: calloc(n, m) -> "a id n*m"; realloc(NULL, n) -> "a"; realloc(p,
 * 0) that frees -> "f"; an alignment above 16 is written as the 4th field.
 * Output goes through a private buffer and write(2) (no stdio), under a
 * spin lock; a thread-local flag keeps the tracer's own work untraced.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void __libc_free(void *);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

#define TABLE_BITS 24 /* 16M slots: far more live blocks than any trace */
#define TABLE_SIZE (1u << TABLE_BITS)

typedef struct slot {
    uintptr_t ptr; /* 0 empty, 1 deleted */
    uint64_t id;
} slot_t;

static slot_t *table;
static int out_fd = -1;
static uint64_t next_id = 1, ops, max_ops = 300000;
static char buf[1 << 16];
static size_t buf_len;
static volatile int lock_word;
static __thread int busy;
static int ready;

static void lock(void)
{
    while (__atomic_exchange_n(&lock_word, 1, __ATOMIC_ACQUIRE)) {
    }
}
static void unlock(void) { __atomic_store_n(&lock_word, 0, __ATOMIC_RELEASE); }

static void flush(void)
{
    size_t done = 0;
    while (done < buf_len) {
        ssize_t n = write(out_fd, buf + done, buf_len - done);
        if (n <= 0) {
            break;
        }
        done += (size_t)n;
    }
    buf_len = 0;
}

static void put_char(char c)
{
    if (buf_len == sizeof buf) {
        flush();
    }
    buf[buf_len++] = c;
}

static void put_u64(uint64_t v)
{
    char tmp[20];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0u);
    while (n > 0) {
        put_char(tmp[--n]);
    }
}

static uint32_t hash(uintptr_t p)
{
    return (uint32_t)(((uint64_t)p * 0x9E3779B97F4A7C15ull) >> (64 - TABLE_BITS));
}

static slot_t *find(uintptr_t p)
{
    for (uint32_t i = hash(p);; i = (i + 1u) & (TABLE_SIZE - 1u)) {
        if (table[i].ptr == p || table[i].ptr == 0u) {
            return &table[i];
        }
    }
}

static void insert(uintptr_t p, uint64_t id)
{
    uint32_t i = hash(p);
    while (table[i].ptr > 1u && table[i].ptr != p) {
        i = (i + 1u) & (TABLE_SIZE - 1u);
    }
    table[i].ptr = p;
    table[i].id = id;
}

/* Id of a live pointer (removed from the table when `take`), or 0. */
static uint64_t lookup(uintptr_t p, int take)
{
    slot_t *s = find(p);
    if (s->ptr != p) {
        return 0u;
    }
    uint64_t id = s->id;
    if (take) {
        s->ptr = 1u; /* tombstone */
    }
    return id;
}

__attribute__((constructor)) static void tracer_start(void)
{
    const char *out = getenv("HEAP_TRACE_OUT");
    const char *cap = getenv("HEAP_TRACE_MAX_OPS");
    if (out == NULL) {
        return;
    }
    if (cap != NULL) {
        max_ops = strtoull(cap, NULL, 10);
    }
    table = mmap(NULL, TABLE_SIZE * sizeof(slot_t), PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (table == MAP_FAILED) {
        return;
    }
    char path[4096];
    size_t n = strlen(out);
    if (n > sizeof path - 32) {
        return;
    }
    memcpy(path, out, n);
    path[n++] = '.';
    char tmp[20];
    int k = 0;
    for (long pid = (long)getpid(); pid > 0; pid /= 10) {
        tmp[k++] = (char)('0' + pid % 10);
    }
    while (k > 0) {
        path[n++] = tmp[--k];
    }
    path[n] = '\0';
    out_fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    ready = out_fd >= 0;
}

__attribute__((destructor)) static void tracer_stop(void)
{
    if (ready) {
        lock();
        flush();
        ready = 0;
        unlock();
    }
}

/* Record one operation: kind 'a' (new block p of size, alignment), 'f'
 * (old block), 'r' (old block now p with size). */
static void record(char kind, void *old, void *p, size_t size, size_t align)
{
    if (!ready || busy) {
        return;
    }
    int saved = errno;
    busy = 1;
    lock();
    if (ops < max_ops) {
        uint64_t id = 0;
        if (kind == 'a') {
            id = next_id++;
            insert((uintptr_t)p, id);
        } else {
            id = lookup((uintptr_t)old, 1);
            if (id != 0u && kind == 'r') {
                insert((uintptr_t)p, id);
            }
        }
        if (id != 0u) {
            ops++;
            put_char(kind);
            put_char(' ');
            put_u64(id);
            if (kind != 'f') {
                put_char(' ');
                put_u64(size);
            }
            if (kind == 'a' && align > 16u) {
                put_char(' ');
                put_u64(align);
            }
            put_char('\n');
            if (ops == max_ops) {
                flush();
            }
        }
    }
    unlock();
    busy = 0;
    errno = saved;
}

void *malloc(size_t n)
{
    void *p = __libc_malloc(n);
    if (p != NULL) {
        record('a', NULL, p, n, 0);
    }
    return p;
}

void free(void *p)
{
    if (p != NULL) {
        record('f', p, NULL, 0, 0);
    }
    __libc_free(p);
}

void *calloc(size_t c, size_t n)
{
    void *p = __libc_calloc(c, n);
    if (p != NULL) {
        record('a', NULL, p, c * n, 0);
    }
    return p;
}

void *realloc(void *old, size_t n)
{
    void *p = __libc_realloc(old, n);
    if (old == NULL) {
        if (p != NULL) {
            record('a', NULL, p, n, 0);
        }
    } else if (n == 0u && p == NULL) {
        record('f', old, NULL, 0, 0);
    } else if (p != NULL) {
        record('r', old, p, n, 0);
    }
    return p;
}

void *memalign(size_t align, size_t n)
{
    void *p = __libc_memalign(align, n);
    if (p != NULL) {
        record('a', NULL, p, n, align);
    }
    return p;
}

void *aligned_alloc(size_t align, size_t n) { return memalign(align, n); }

int posix_memalign(void **out, size_t align, size_t n)
{
    if (align < sizeof(void *) || (align & (align - 1u)) != 0u) {
        return EINVAL;
    }
    void *p = memalign(align, n);
    if (p == NULL) {
        return ENOMEM;
    }
    *out = p;
    return 0;
}

void *valloc(size_t n) { return memalign((size_t)sysconf(_SC_PAGESIZE), n); }

void *pvalloc(size_t n)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    return memalign(page, (n + page - 1u) & ~(page - 1u));
}
