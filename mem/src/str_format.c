/*
 * The printf engine of mem/str.h: conversion parsing, integer and text
 * output into a bounded sink. Private interface: str_format.h.
 */
#include "str_format.h"

#include <stdint.h>
#include <string.h>

_Static_assert(sizeof(uintmax_t) == sizeof(uint64_t),
               "decimal conversion assumes a 64-bit uintmax_t");
_Static_assert(sizeof(ptrdiff_t) == sizeof(size_t),
               "%zd / %tu read the same-width twin type");

#define STR_INT_MAX 2147483647u /* INT_MAX without <limits.h> */

/* ---- output sink (str_sink_t: str_format.h) ------------------------------ */
static void sink_count(str_sink_t *sink, size_t n)
{
    sink->count = (SIZE_MAX - sink->count < n) ? SIZE_MAX : sink->count + n;
}

static void sink_bytes(str_sink_t *sink, const char *src, size_t n)
{
    size_t room = sink->limit - sink->pos;
    size_t k = (n < room) ? n : room;
    if (k > 0u) {
        memcpy(sink->buf + sink->pos, src, k);
        sink->pos += k;
    }
    sink_count(sink, n);
}

static void sink_repeat(str_sink_t *sink, char c, size_t n)
{
    size_t room = sink->limit - sink->pos;
    size_t k = (n < room) ? n : room;
    if (k > 0u) {
        memset(sink->buf + sink->pos, c, k);
        sink->pos += k;
    }
    sink_count(sink, n);
}

/* ---- conversion specification -------------------------------------------- */
typedef enum str_length {
    LEN_NONE,
    LEN_HH,
    LEN_H,
    LEN_L,
    LEN_LL,
    LEN_Z,
    LEN_T,
    LEN_J
} str_length_t;

typedef struct str_spec {
    bool left;  /* '-' */
    bool zero;  /* '0' */
    bool plus;  /* '+' */
    bool space; /* ' ' */
    bool alt;   /* '#' */
    bool has_precision;
    size_t width;
    size_t precision;
} str_spec_t;

/* Parse a decimal field; false when it exceeds INT_MAX. */
static bool parse_decimal(const char **cursor, size_t *value)
{
    const char *p = *cursor;
    size_t v = 0u;
    while (*p >= '0' && *p <= '9') {
        v = v * 10u + (size_t)(*p - '0');
        if (v > STR_INT_MAX) {
            return false;
        }
        ++p;
    }
    *cursor = p;
    *value = v;
    return true;
}

/* Divide *value by 10 with 16-bit limbs (no libgcc 64-bit division). */
static unsigned div10_u64(uint64_t *value)
{
    uint64_t v = *value;
    uint64_t q = 0u;
    uint32_t r = 0u;
    for (int shift = 48; shift >= 0; shift -= 16) {
        uint32_t cur = (r << 16) | (uint32_t)((v >> shift) & 0xFFFFu);
        q = (q << 16) | (uint64_t)(cur / 10u);
        r = cur % 10u;
    }
    *value = q;
    return (unsigned)r;
}

/*
 * Digits of `mag` in `base`, written backwards ending at `end`; returns the
 * number of digits. Zero gives "0".
 */
static size_t to_digits(uintmax_t mag, unsigned base, bool upper, char *end)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    size_t n = 0u;
    if (base == 10u) {
        uint64_t wide = (uint64_t)mag;
        while (wide > 0xFFFFFFFFu) {
            *--end = digits[div10_u64(&wide)];
            ++n;
        }
        uint32_t narrow = (uint32_t)wide;
        do {
            *--end = digits[narrow % 10u];
            narrow /= 10u;
            ++n;
        } while (narrow != 0u);
    } else {
        unsigned shift = (base == 16u) ? 4u : 3u;
        do {
            *--end = digits[mag & (base - 1u)];
            mag >>= shift;
            ++n;
        } while (mag != 0u);
    }
    return n;
}

static void emit_integer(str_sink_t *sink, const str_spec_t *spec,
                         uintmax_t mag, bool negative, bool is_signed,
                         unsigned base, bool upper)
{
    char digit_buf[24]; /* 22 octal digits cover 64 bits */
    char *end = digit_buf + sizeof digit_buf;
    size_t ndigits = 0u;
    if (!(spec->has_precision && spec->precision == 0u && mag == 0u)) {
        ndigits = to_digits(mag, base, upper, end);
    }

    char prefix[2];
    size_t prefix_len = 0u;
    if (is_signed) {
        if (negative) {
            prefix[prefix_len++] = '-';
        } else if (spec->plus) {
            prefix[prefix_len++] = '+';
        } else if (spec->space) {
            prefix[prefix_len++] = ' ';
        }
    }
    if (spec->alt && base == 16u && mag != 0u) {
        prefix[prefix_len++] = '0';
        prefix[prefix_len++] = upper ? 'X' : 'x';
    }

    size_t zeros = 0u;
    if (spec->has_precision && spec->precision > ndigits) {
        zeros = spec->precision - ndigits;
    }
    if (spec->alt && base == 8u && zeros == 0u && (ndigits == 0u || mag != 0u)) {
        zeros = 1u; /* '#' with 'o': the first digit must be 0 */
    }
    size_t total = prefix_len + zeros + ndigits;
    if (!spec->left && spec->zero && !spec->has_precision &&
        spec->width > total) {
        zeros += spec->width - total;
        total = spec->width;
    }
    size_t pad = (spec->width > total) ? spec->width - total : 0u;

    if (!spec->left) {
        sink_repeat(sink, ' ', pad);
    }
    sink_bytes(sink, prefix, prefix_len);
    sink_repeat(sink, '0', zeros);
    sink_bytes(sink, end - ndigits, ndigits);
    if (spec->left) {
        sink_repeat(sink, ' ', pad);
    }
}

static void emit_text(str_sink_t *sink, const str_spec_t *spec,
                      const char *text, size_t len)
{
    size_t pad = (spec->width > len) ? spec->width - len : 0u;
    if (!spec->left) {
        sink_repeat(sink, ' ', pad);
    }
    sink_bytes(sink, text, len);
    if (spec->left) {
        sink_repeat(sink, ' ', pad);
    }
}

bool mem_str_format_into_(str_sink_t *sink, const char *fmt, va_list args)
{
    for (;;) {
        const char *literal = fmt;
        while (*fmt != '\0' && *fmt != '%') {
            ++fmt;
        }
        sink_bytes(sink, literal, (size_t)(fmt - literal));
        if (*fmt == '\0') {
            return true;
        }
        const char *spec_start = ++fmt; /* skip '%' */

        str_spec_t spec = {0};
        for (;; ++fmt) {
            if (*fmt == '-') {
                spec.left = true;
            } else if (*fmt == '0') {
                spec.zero = true;
            } else if (*fmt == '+') {
                spec.plus = true;
            } else if (*fmt == ' ') {
                spec.space = true;
            } else if (*fmt == '#') {
                spec.alt = true;
            } else {
                break;
            }
        }

        if (*fmt == '*') {
            ++fmt;
            int w = va_arg(args, int);
            if (w < 0) {
                spec.left = true;
                spec.width = (size_t)(0u - (unsigned)w);
                if (spec.width > STR_INT_MAX) {
                    return false;
                }
            } else {
                spec.width = (size_t)w;
            }
        } else if (!parse_decimal(&fmt, &spec.width)) {
            return false;
        }

        if (*fmt == '.') {
            ++fmt;
            if (*fmt == '*') {
                ++fmt;
                int p = va_arg(args, int);
                if (p >= 0) {
                    spec.has_precision = true;
                    spec.precision = (size_t)p;
                }
            } else {
                spec.has_precision = true;
                if (!parse_decimal(&fmt, &spec.precision)) {
                    return false;
                }
            }
        }

        str_length_t length = LEN_NONE;
        switch (*fmt) {
        case 'h':
            ++fmt;
            length = LEN_H;
            if (*fmt == 'h') {
                ++fmt;
                length = LEN_HH;
            }
            break;
        case 'l':
            ++fmt;
            length = LEN_L;
            if (*fmt == 'l') {
                ++fmt;
                length = LEN_LL;
            }
            break;
        case 'z':
            ++fmt;
            length = LEN_Z;
            break;
        case 't':
            ++fmt;
            length = LEN_T;
            break;
        case 'j':
            ++fmt;
            length = LEN_J;
            break;
        default:
            break;
        }

        const char conversion = *fmt++;
        switch (conversion) {
        case 'd':
        case 'i': {
            intmax_t v;
            switch (length) {
            case LEN_HH:
                v = (signed char)va_arg(args, int);
                break;
            case LEN_H:
                v = (short)va_arg(args, int);
                break;
            case LEN_L:
                v = va_arg(args, long);
                break;
            case LEN_LL:
                v = va_arg(args, long long);
                break;
            case LEN_Z:
            case LEN_T:
                v = va_arg(args, ptrdiff_t);
                break;
            case LEN_J:
                v = va_arg(args, intmax_t);
                break;
            default:
                v = va_arg(args, int);
                break;
            }
            uintmax_t mag = (v < 0) ? 0u - (uintmax_t)v : (uintmax_t)v;
            emit_integer(sink, &spec, mag, v < 0, true, 10u, false);
            break;
        }
        case 'u':
        case 'x':
        case 'X':
        case 'o': {
            uintmax_t v;
            switch (length) {
            case LEN_HH:
                v = (unsigned char)va_arg(args, unsigned);
                break;
            case LEN_H:
                v = (unsigned short)va_arg(args, unsigned);
                break;
            case LEN_L:
                v = va_arg(args, unsigned long);
                break;
            case LEN_LL:
                v = va_arg(args, unsigned long long);
                break;
            case LEN_Z:
            case LEN_T:
                v = va_arg(args, size_t);
                break;
            case LEN_J:
                v = va_arg(args, uintmax_t);
                break;
            default:
                v = va_arg(args, unsigned);
                break;
            }
            unsigned base = (conversion == 'u')   ? 10u
                            : (conversion == 'o') ? 8u
                                                  : 16u;
            emit_integer(sink, &spec, v, false, false, base,
                         conversion == 'X');
            break;
        }
        case 'p': {
            if (length != LEN_NONE) {
                return false;
            }
            const void *ptr = va_arg(args, const void *);
            if (ptr == NULL) {
                str_spec_t text_spec = spec;
                emit_text(sink, &text_spec, "(nil)", 5u);
            } else {
                spec.alt = true;
                emit_integer(sink, &spec, (uintmax_t)(uintptr_t)ptr, false,
                             false, 16u, false);
            }
            break;
        }
        case 'c': {
            if (length != LEN_NONE) {
                return false;
            }
            char c = (char)va_arg(args, int);
            emit_text(sink, &spec, &c, 1u);
            break;
        }
        case 's': {
            if (length != LEN_NONE) {
                return false;
            }
            const char *text = va_arg(args, const char *);
            if (text == NULL) {
                text = "(null)";
            }
            size_t len = spec.has_precision
                             ? bounded_strlen(text, spec.precision)
                             : strlen(text);
            emit_text(sink, &spec, text, len);
            break;
        }
        case '%':
            if (fmt - 1 != spec_start) {
                return false; /* only "%%" itself */
            }
            sink_bytes(sink, "%", 1u);
            break;
        default:
            return false; /* float, %n, unknown, or end of format */
        }
    }
}
