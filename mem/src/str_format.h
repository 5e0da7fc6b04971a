/*
 * Private to //mem: the printf engine behind mem/str.h (str_format.c), used
 * by str.c. Not a public header: include it only from mem/src. The trailing
 * underscore marks the one external symbol as internal to //mem.
 */
#ifndef MEM_SRC_STR_FORMAT_H
#define MEM_SRC_STR_FORMAT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * Writes up to `limit` characters into buf and counts every character the
 * complete output would have. Anything past the limit is counted, not
 * written, so truncated padding costs O(1).
 */
typedef struct str_sink {
    char *buf;
    size_t limit; /* characters that may be written (terminator excluded) */
    size_t pos;   /* characters written */
    size_t count; /* characters produced, saturating at SIZE_MAX */
} str_sink_t;

/* strlen that stops after `max` characters (used by str.c and for %.Ns). */
static inline size_t bounded_strlen(const char *text, size_t max)
{
    size_t n = 0u;
    while (n < max && text[n] != '\0') {
        ++n;
    }
    return n;
}

/*
 * The formatter (conversions: mem/str.h). Writes into `sink`, consumes
 * `args`. O(length of the output written + format). Returns false on a
 * rejected specification (the sink then holds partial output the caller
 * discards).
 */
bool mem_str_format_into_(str_sink_t *sink, const char *fmt, va_list args);

#endif /* MEM_SRC_STR_FORMAT_H */
