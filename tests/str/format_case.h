// Random printf conversion specifications from a grammar restricted to what
// C11 defines (so the host snprintf is a valid oracle), plus the code that
// runs one case through both snprintf and mem_str and compares.
//
// Used by the property test (bytes from std::mt19937) and the fuzz harness
// (bytes from libFuzzer); `Pick` is any callable `uint32_t(uint32_t n)`
// returning a value in [0, n).
#ifndef TESTS_STR_FORMAT_CASE_H
#define TESTS_STR_FORMAT_CASE_H

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "mem/str.h"

namespace format_case {

enum class Arg { kInt, kUInt, kLong, kULong, kLLong, kULLong, kSize, kPtrdiff,
                 kIntmax, kUIntmax, kString, kPointer, kNone };

struct Spec {
    std::string text;  // the whole conversion, e.g. "%-*.3lld"
    int stars = 0;     // leading int arguments for '*' width / precision
    int star_values[2] = {0, 0};
    Arg arg = Arg::kNone;
    unsigned long long bits = 0;  // integer value (truncated to the type)
    const char *str = nullptr;
};

inline const char *const kStrings[] = {"", "a", "hello", "tidemark", "with space",
                                       "0123456789abcdefghij"};

template <typename Pick>
unsigned long long pick_bits(Pick &pick)
{
    switch (pick(6)) {
    case 0: return 0;
    case 1: return 1;
    case 2: return ~0ull;            // -1 / max
    case 3: return 1ull << 63;       // min of signed 64
    case 4: return 0x80000000ull;    // min of signed 32
    default: {
        unsigned long long v = 0;
        for (int i = 0; i < 4; ++i) {
            v = (v << 16) | pick(65536);
        }
        return v >> pick(64);        // all magnitudes
    }
    }
}

template <typename Pick>
void add_flags(Pick &pick, std::string &out, const char *allowed)
{
    std::string a(allowed);
    uint32_t n = a.empty() ? 0 : pick(4);
    for (uint32_t i = 0; i < n; ++i) {
        out += a[pick(static_cast<uint32_t>(a.size()))];
    }
}

template <typename Pick>
void add_width(Pick &pick, Spec &spec)
{
    switch (pick(4)) {
    case 0: break;
    case 1: spec.text += std::to_string(pick(25)); break;
    case 2: spec.text += std::to_string(1 + pick(9)); break;
    default:
        spec.text += '*';
        spec.star_values[spec.stars++] = static_cast<int>(pick(51)) - 25;
        break;
    }
}

template <typename Pick>
void add_precision(Pick &pick, Spec &spec)
{
    switch (pick(5)) {
    case 0:
    case 1: break;
    case 2: spec.text += '.'; break;
    case 3: spec.text += '.' + std::to_string(pick(25)); break;
    default:
        spec.text += ".*";
        spec.star_values[spec.stars++] = static_cast<int>(pick(41)) - 10;
        break;
    }
}

template <typename Pick>
Spec make_spec(Pick &pick)
{
    Spec spec;
    spec.text = "%";
    static const char kIntConv[] = {'d', 'i', 'u', 'x', 'X', 'o'};
    uint32_t kind = pick(10);
    if (kind < 7) {  // integer conversions (most of the weight)
        char conv = kIntConv[pick(6)];
        bool is_signed = conv == 'd' || conv == 'i';
        add_flags(pick, spec.text, is_signed ? "-0+ " : (conv == 'u' ? "-0+ " : "-0+ #"));
        add_width(pick, spec);
        add_precision(pick, spec);
        static const char *const kLen[] = {"", "hh", "h", "l", "ll", "z", "t", "j"};
        uint32_t len = pick(8);
        spec.text += kLen[len];
        spec.text += conv;
        spec.bits = pick_bits(pick);
        static const Arg kSigned[] = {Arg::kInt, Arg::kInt, Arg::kInt, Arg::kLong,
                                      Arg::kLLong, Arg::kPtrdiff, Arg::kPtrdiff,
                                      Arg::kIntmax};
        static const Arg kUnsigned[] = {Arg::kUInt, Arg::kUInt, Arg::kUInt, Arg::kULong,
                                        Arg::kULLong, Arg::kSize, Arg::kSize,
                                        Arg::kUIntmax};
        spec.arg = is_signed ? kSigned[len] : kUnsigned[len];
    } else if (kind == 7) {
        add_flags(pick, spec.text, "-");
        add_width(pick, spec);
        spec.text += 'c';
        spec.arg = Arg::kInt;
        spec.bits = 32 + pick(95);  // printable
    } else if (kind == 8) {
        add_flags(pick, spec.text, "-");
        add_width(pick, spec);
        add_precision(pick, spec);
        spec.text += 's';
        spec.arg = Arg::kString;
        spec.str = kStrings[pick(6)];
    } else {
        if (pick(2) == 0) {
            add_flags(pick, spec.text, "-");
            add_width(pick, spec);
            spec.text += 'p';
            spec.arg = Arg::kPointer;
            spec.bits = 1 + pick_bits(pick) % 0xFFFFFFFFFFFFull;  // non-NULL
        } else {
            spec.text += '%';
        }
    }
    return spec;
}

// Literal text between conversions (no '%').
template <typename Pick>
std::string make_literal(Pick &pick)
{
    static const char kChars[] = "abc XYZ-=:[]\t09";
    std::string out;
    uint32_t n = pick(5);
    for (uint32_t i = 0; i < n; ++i) {
        out += kChars[pick(sizeof kChars - 1)];
    }
    return out;
}

// Calls f(args...) with the arguments `spec` describes, typed correctly.
template <typename F>
auto with_args(const Spec &spec, F &&f)
{
    auto dispatch = [&](auto value) {
        if (spec.stars == 0) return f(value);
        if (spec.stars == 1) return f(spec.star_values[0], value);
        return f(spec.star_values[0], spec.star_values[1], value);
    };
    auto dispatch_none = [&]() { return f(0); };  // excess argument: ignored
    switch (spec.arg) {
    case Arg::kInt: return dispatch(static_cast<int>(spec.bits));
    case Arg::kUInt: return dispatch(static_cast<unsigned>(spec.bits));
    case Arg::kLong: return dispatch(static_cast<long>(spec.bits));
    case Arg::kULong: return dispatch(static_cast<unsigned long>(spec.bits));
    case Arg::kLLong: return dispatch(static_cast<long long>(spec.bits));
    case Arg::kULLong: return dispatch(static_cast<unsigned long long>(spec.bits));
    case Arg::kSize: return dispatch(static_cast<size_t>(spec.bits));
    case Arg::kPtrdiff: return dispatch(static_cast<ptrdiff_t>(spec.bits));
    case Arg::kIntmax: return dispatch(static_cast<intmax_t>(spec.bits));
    case Arg::kUIntmax: return dispatch(static_cast<uintmax_t>(spec.bits));
    case Arg::kString: return dispatch(spec.str);
    case Arg::kPointer:
        return dispatch(reinterpret_cast<void *>(static_cast<uintptr_t>(spec.bits)));
    case Arg::kNone: break;
    }
    return dispatch_none();
}

// Result of comparing one case; `error` is empty when everything matched.
struct Outcome {
    std::string format;
    std::string expected;
    std::string error;
};

// Formats `format` (literal + spec + literal) with both snprintf and
// mem_str_format / mem_str_appendf at several buffer sizes (chosen by
// `pick`) and compares content, reported length and status.
template <typename Pick>
Outcome run_case(Pick &pick, const std::string &format, const Spec &spec)
{
    Outcome o;
    o.format = format;
    const char *fmt = format.c_str();
    int want_len = with_args(spec, [&](auto... a) {
        return std::snprintf(nullptr, 0, fmt, a...);
    });
    if (want_len < 0) {
        o.error = "host snprintf failed";
        return o;
    }
    std::string want(static_cast<size_t>(want_len) + 1, '\0');
    with_args(spec, [&](auto... a) {
        return std::snprintf(&want[0], want.size(), fmt, a...);
    });
    want.resize(static_cast<size_t>(want_len));
    o.expected = want;

    const size_t n = want.size();
    const size_t sizes[] = {0, 1, n, n + 1, n + 2, 1 + pick(static_cast<uint32_t>(n + 1))};
    for (size_t size : sizes) {
        std::string buf(size + 8, '\x7f');  // sentinel after `size`
        size_t needed = 12345;
        mem_status_t s = with_args(spec, [&](auto... a) {
            return mem_str_format(size ? &buf[0] : nullptr, size, &needed, fmt, a...);
        });
        mem_status_t want_status = (size > n) ? MEM_OK : MEM_ERR_TRUNCATED;
        if (s != want_status) {
            o.error = "status " + std::string(mem_status_name(s)) + " at size " +
                      std::to_string(size);
            return o;
        }
        if (needed != n) {
            o.error = "needed " + std::to_string(needed) + " at size " + std::to_string(size);
            return o;
        }
        if (size > 0) {
            std::string got(buf.c_str());
            if (got != want.substr(0, size - 1)) {
                o.error = "content '" + got + "' at size " + std::to_string(size);
                return o;
            }
        }
        for (size_t i = size; i < buf.size(); ++i) {
            if (buf[i] != '\x7f') {
                o.error = "wrote past the buffer at size " + std::to_string(size);
                return o;
            }
        }
    }

    // appendf onto a non-empty string of random capacity.
    char storage[64];
    mem_str_t str;
    size_t storage_size = 4 + pick(60);
    mem_str_init(&str, storage, storage_size);
    mem_str_append(&str, "pre:");
    std::string model = std::string("pre:").substr(0, storage_size - 1) + want;
    model = model.substr(0, storage_size - 1);
    mem_status_t s = with_args(spec, [&](auto... a) {
        return mem_str_appendf(&str, fmt, a...);
    });
    bool fits = n == 0 || 4 + n <= storage_size - 1;  // nothing to add always fits
    if (s != (fits ? MEM_OK : MEM_ERR_TRUNCATED) || model != mem_str_cstr(&str) ||
        mem_str_len(&str) != model.size()) {
        o.error = std::string("appendf gave '") + mem_str_cstr(&str) + "' status " +
                  mem_status_name(s);
    }
    return o;
}

}  // namespace format_case

#endif  // TESTS_STR_FORMAT_CASE_H
