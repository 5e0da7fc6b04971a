#include "mem/str.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "str_format.h"

/* ---- public API ------------------------------------------------------------ */

static bool str_valid(const mem_str_t *s)
{
    if (s->buf == NULL || s->size == 0u || s->len >= s->size) {
        mem_failure_report(MEM_ERR_CORRUPT, s, NULL);
        return false;
    }
    return true;
}

mem_status_t mem_str_init(mem_str_t *s, char *buf, size_t size)
{
    if (s == NULL || buf == NULL) {
        return MEM_ERR_ARG;
    }
    if (size == 0u) {
        return MEM_ERR_SIZE;
    }
    s->buf = buf;
    s->size = size;
    s->len = 0u;
    buf[0] = '\0';
    return MEM_OK;
}

mem_status_t mem_str_clear(mem_str_t *s)
{
    if (s == NULL) {
        return MEM_ERR_ARG;
    }
    if (!str_valid(s)) {
        return MEM_ERR_CORRUPT;
    }
    s->len = 0u;
    s->buf[0] = '\0';
    return MEM_OK;
}

size_t mem_str_len(const mem_str_t *s)
{
    return (s == NULL) ? 0u : s->len;
}

size_t mem_str_capacity(const mem_str_t *s)
{
    return (s == NULL || s->size == 0u) ? 0u : s->size - 1u;
}

const char *mem_str_cstr(const mem_str_t *s)
{
    return (s == NULL || s->buf == NULL) ? "" : s->buf;
}

mem_status_t mem_str_append_n(mem_str_t *s, const char *text, size_t n)
{
    if (s == NULL || (text == NULL && n > 0u)) {
        return MEM_ERR_ARG;
    }
    if (!str_valid(s)) {
        return MEM_ERR_CORRUPT;
    }
    size_t room = s->size - 1u - s->len;
    /* Read at most room + 1 bytes: enough to know whether it all fits. */
    size_t limit = (n < room) ? n : room;
    size_t len = bounded_strlen(text, limit);
    if (len > 0u) {
        memcpy(s->buf + s->len, text, len);
    }
    s->len += len;
    s->buf[s->len] = '\0';
    if (len == limit && limit < n && text[limit] != '\0') {
        return MEM_ERR_TRUNCATED;
    }
    return MEM_OK;
}

mem_status_t mem_str_append(mem_str_t *s, const char *text)
{
    return mem_str_append_n(s, text, SIZE_MAX);
}

mem_status_t mem_str_append_char(mem_str_t *s, char c)
{
    if (s == NULL || c == '\0') {
        return MEM_ERR_ARG;
    }
    if (!str_valid(s)) {
        return MEM_ERR_CORRUPT;
    }
    if (s->len + 1u >= s->size) {
        return MEM_ERR_TRUNCATED;
    }
    s->buf[s->len++] = c;
    s->buf[s->len] = '\0';
    return MEM_OK;
}

mem_status_t mem_str_vappendf(mem_str_t *s, const char *fmt, va_list args)
{
    if (s == NULL || fmt == NULL) {
        return MEM_ERR_ARG;
    }
    if (!str_valid(s)) {
        return MEM_ERR_CORRUPT;
    }
    str_sink_t sink = {s->buf + s->len, s->size - 1u - s->len, 0u, 0u};
    if (!mem_str_format_into_(&sink, fmt, args)) {
        s->buf[s->len] = '\0'; /* roll back */
        return MEM_ERR_ARG;
    }
    s->len += sink.pos;
    s->buf[s->len] = '\0';
    return (sink.count > sink.pos) ? MEM_ERR_TRUNCATED : MEM_OK;
}

mem_status_t mem_str_appendf(mem_str_t *s, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    mem_status_t status = mem_str_vappendf(s, fmt, args);
    va_end(args);
    return status;
}

mem_status_t mem_str_vformat(char *buf, size_t size, size_t *needed,
                             const char *fmt, va_list args)
{
    if (needed != NULL) {
        *needed = 0u;
    }
    if (fmt == NULL || (buf == NULL && size > 0u)) {
        return MEM_ERR_ARG;
    }
    str_sink_t sink = {buf, (size > 0u) ? size - 1u : 0u, 0u, 0u};
    if (!mem_str_format_into_(&sink, fmt, args)) {
        if (size > 0u) {
            buf[0] = '\0';
        }
        return MEM_ERR_ARG;
    }
    if (size > 0u) {
        buf[sink.pos] = '\0';
    }
    if (needed != NULL) {
        *needed = sink.count;
    }
    /* size 0 holds no terminator: never "complete", even for "" */
    return (size == 0u || sink.count > sink.pos) ? MEM_ERR_TRUNCATED : MEM_OK;
}

mem_status_t mem_str_format(char *buf, size_t size, size_t *needed,
                            const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    mem_status_t status = mem_str_vformat(buf, size, needed, fmt, args);
    va_end(args);
    return status;
}
