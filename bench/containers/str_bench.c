/*
 * String scenarios for callgrind: `str_bench <scenario>` repeats one call
 * and prints "calls=<n>". The string (64-byte buffer) is cleared when the
 * next call might not fit, so every measured call is a complete append.
 *
 *   append       mem_str_append("hello")            (5 chars)
 *   append_char  mem_str_append_char('x')
 *   fmt_int      mem_str_appendf("%d", v)           (v in -99999..99999)
 *   fmt_hex      mem_str_appendf("%08x", v)
 *   fmt_str      mem_str_appendf("%-8s", "abc")
 *   fmt_line     mem_str_appendf("t=%lu ch%u=%5d mV %s", ...) (a log line)
 *   fmt_u64      mem_str_appendf("%llu", 2^63 + k)  (20 digits, 64-bit path)
 */
#include <stdio.h>
#include <string.h>

#include "mem/str.h"

#define CALLS 100000ul

int main(int argc, char **argv)
{
    const char *scenario = (argc > 1) ? argv[1] : "append";
    static char storage[64];
    mem_str_t s;
    mem_str_init(&s, storage, sizeof storage);
    unsigned long calls = 0;
    for (unsigned long i = 0; i < CALLS; ++i, ++calls) {
        if (mem_str_len(&s) > 24) {
            mem_str_clear(&s);
        }
        int v = (int)((i * 7919u) % 199999u) - 99999;
        if (strcmp(scenario, "append") == 0) {
            mem_str_append(&s, "hello");
        } else if (strcmp(scenario, "append_char") == 0) {
            mem_str_append_char(&s, 'x');
        } else if (strcmp(scenario, "fmt_int") == 0) {
            mem_str_appendf(&s, "%d", v);
        } else if (strcmp(scenario, "fmt_hex") == 0) {
            mem_str_appendf(&s, "%08x", (unsigned)v);
        } else if (strcmp(scenario, "fmt_str") == 0) {
            mem_str_appendf(&s, "%-8s", "abc");
        } else if (strcmp(scenario, "fmt_line") == 0) {
            mem_str_clear(&s);
            mem_str_appendf(&s, "t=%lu ch%u=%5d mV %s", i, (unsigned)(i & 7u), v, "ok");
        } else if (strcmp(scenario, "fmt_u64") == 0) {
            mem_str_clear(&s);
            mem_str_appendf(&s, "%llu", (1ull << 63) + i);
        } else {
            fprintf(stderr, "unknown scenario %s\n", scenario);
            return 2;
        }
    }
    printf("scenario=%s calls=%lu last=\"%s\"\n", scenario, calls, mem_str_cstr(&s));
    return 0;
}
