/*
 * mem/str.h — bounded, always NUL-terminated string with a built-in
 * printf-style formatter (no heap, no libc stdio).
 *
 * A mem_str_t refers to caller- or statically-owned storage of `size` bytes
 * and holds at most size - 1 characters plus the terminating NUL. Every
 * append either fits completely (MEM_OK) or stores the longest prefix that
 * fits and returns MEM_ERR_TRUNCATED; the string is terminated in both
 * cases. Once a string has been truncated it is full, so later appends also
 * report MEM_ERR_TRUNCATED and add nothing: the content is always a prefix
 * of everything that was appended.
 *
 *     static char line_buf[64];
 *     mem_str_t line;
 *     mem_str_init(&line, line_buf, sizeof line_buf);
 *     mem_str_appendf(&line, "adc%u=%5d mV", ch, mv);
 *     uart_write(mem_str_cstr(&line), mem_str_len(&line));
 *
 * Formatter (mem_str_appendf, mem_str_format and their va_list forms):
 *   conversions  d i u x X o c s p %
 *   flags        - 0 + space #   (any order, repeated allowed)
 *   width        decimal or '*' (a negative '*' width means '-' flag)
 *   precision    '.' decimal or '.*' ('.' alone is 0; a negative '*'
 *                precision means "no precision")
 *   length       hh h l ll z t j  (z = size_t / its signed twin, t =
 *                ptrdiff_t / its unsigned twin, j = intmax_t / uintmax_t)
 * The output of a valid specification is byte-identical to C11 snprintf
 * (the tests compare against the host C library), with these choices where
 * C leaves things open:
 *   %p     "0x" followed by lowercase hex digits of the address, treated
 *          like %#lx on uintptr_t; a NULL pointer prints "(nil)" (padded
 *          to the width). Only '-' and width are meaningful for %p.
 *   %s     a NULL pointer prints "(null)", cut by the precision if any.
 *          With a precision, at most that many bytes are read.
 *   %c %s  pad with spaces even when '0' is given.
 *   + and space are ignored for unsigned conversions; '#' is ignored for
 *   d i u c s.
 * Rejected with MEM_ERR_ARG (nothing is appended): floating point (f F e E
 * g G a A), %n, any other conversion character, 'L', a length modifier on
 * %c %s %p, anything between '%' and a second '%' (only "%%" itself is
 * accepted), a format ending inside a specification, and a width or
 * precision larger than INT_MAX. There is no floating point support.
 *
 * Concurrency: no function locks. All functions are reentrant for distinct
 * strings and may be called from thread or ISR context provided no other
 * context uses the same mem_str_t (or output buffer) concurrently; the
 * formatter uses no static state and about 100 bytes of stack.
 *
 * Misuse detection: a mem_str_t whose len is not below its size (or whose
 * buf is NULL) is reported as MEM_ERR_CORRUPT through the failure hook and
 * left untouched.
 */
#ifndef MEM_STR_H
#define MEM_STR_H

#include <stdarg.h>
#include <stddef.h>

#include "mem/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Printf format checking where the compiler supports it. */
#if defined(__GNUC__) || defined(__clang__)
#define MEM_STR_PRINTF_(fmt_index, first_arg) \
    __attribute__((format(printf, fmt_index, first_arg)))
#else
#define MEM_STR_PRINTF_(fmt_index, first_arg)
#endif

typedef struct mem_str {
    char *buf;   /* caller-owned storage, `size` bytes */
    size_t size; /* bytes in buf, including the terminating NUL */
    size_t len;  /* characters stored; buf[len] == '\0' */
} mem_str_t;

/*
 * Attach `buf` (size bytes, size >= 1) to `s` and make it the empty string
 * (buf[0] = '\0'). Capacity is size - 1 characters. O(1). ISR-safe (see
 * above). Failures: MEM_ERR_ARG (s or buf NULL), MEM_ERR_SIZE (size == 0);
 * `s` is not modified on failure.
 */
mem_status_t mem_str_init(mem_str_t *s, char *buf, size_t size);

/*
 * Make `s` empty. O(1). ISR-safe. Failures: MEM_ERR_ARG (s NULL),
 * MEM_ERR_CORRUPT (reported through the hook).
 */
mem_status_t mem_str_clear(mem_str_t *s);

/* Characters stored (0 if s is NULL). O(1). ISR-safe. No failures. */
size_t mem_str_len(const mem_str_t *s);

/* Maximum characters (size - 1; 0 if s is NULL). O(1). ISR-safe. */
size_t mem_str_capacity(const mem_str_t *s);

/*
 * The terminated contents, or "" if s is NULL or has no buffer. O(1).
 * ISR-safe. Valid until the next call that modifies s.
 */
const char *mem_str_cstr(const mem_str_t *s);

/*
 * Append the NUL-terminated string `text`. O(strlen(text)) bounded by the
 * free space + 1. ISR-safe. Failures: MEM_ERR_ARG (s or text NULL),
 * MEM_ERR_CORRUPT, MEM_ERR_TRUNCATED (longest prefix stored). `text` must
 * not overlap the free part of s's buffer.
 */
mem_status_t mem_str_append(mem_str_t *s, const char *text);

/*
 * Append at most `n` bytes of `text`, stopping early at a NUL (so `text`
 * need not be terminated if it has n readable bytes). O(min(n, free + 1)).
 * ISR-safe. Failures: MEM_ERR_ARG (s NULL, or text NULL with n > 0),
 * MEM_ERR_CORRUPT, MEM_ERR_TRUNCATED.
 */
mem_status_t mem_str_append_n(mem_str_t *s, const char *text, size_t n);

/*
 * Append one character (c == '\0' is rejected: it would end the string).
 * O(1). ISR-safe. Failures: MEM_ERR_ARG (s NULL or c == '\0'),
 * MEM_ERR_CORRUPT, MEM_ERR_TRUNCATED (string already full; unchanged).
 */
mem_status_t mem_str_append_char(mem_str_t *s, char c);

/*
 * Append formatted text (format rules above). O(length of format + length
 * of the produced output) — but padding and zero fill beyond the free space
 * cost nothing. ISR-safe. Failures: MEM_ERR_ARG (s or fmt NULL, or an
 * unsupported/incomplete specification: the string is restored to its
 * previous contents), MEM_ERR_CORRUPT, MEM_ERR_TRUNCATED (longest prefix
 * stored, terminated). `s`'s buffer must not be a %s argument.
 */
mem_status_t mem_str_appendf(mem_str_t *s, const char *fmt, ...)
    MEM_STR_PRINTF_(2, 3);

/* mem_str_appendf with a va_list (which it consumes, like vsnprintf).
 * Same complexity, ISR-safety and failures. */
mem_status_t mem_str_vappendf(mem_str_t *s, const char *fmt, va_list args)
    MEM_STR_PRINTF_(2, 0);

/*
 * snprintf replacement: format into buf[0..size), always terminating when
 * size > 0, and store in *needed (if not NULL) the length the complete
 * output would have (saturating at SIZE_MAX), like snprintf's return value.
 * buf may be NULL when size is 0 (length query). O(length of format +
 * produced output). ISR-safe. Failures: MEM_ERR_ARG (fmt NULL, buf NULL
 * with size > 0, or a rejected specification: buf then holds "" and
 * *needed is 0), MEM_ERR_TRUNCATED (size <= *needed — always when size is
 * 0 — buf holds the longest prefix that fits).
 */
mem_status_t mem_str_format(char *buf, size_t size, size_t *needed,
                            const char *fmt, ...) MEM_STR_PRINTF_(4, 5);

/* mem_str_format with a va_list (which it consumes). Same complexity,
 * ISR-safety and failures. */
mem_status_t mem_str_vformat(char *buf, size_t size, size_t *needed,
                             const char *fmt, va_list args)
    MEM_STR_PRINTF_(4, 0);

#ifdef __cplusplus
}
#endif

#endif /* MEM_STR_H */
