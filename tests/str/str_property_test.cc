// Property tests: formatted output compared with the host snprintf for many
// random format/argument combinations, and random append sequences
// compared with std::string.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "mem/str.h"
#include "tests/str/format_case.h"

namespace {

struct RngPick {
    std::mt19937 rng;
    uint32_t operator()(uint32_t n) { return static_cast<uint32_t>(rng() % n); }
};

TEST(StrProperty, SingleConversionMatchesSnprintf)
{
    RngPick pick{std::mt19937(20240601u)};
    for (int i = 0; i < 20000; ++i) {
        format_case::Spec spec = format_case::make_spec(pick);
        std::string fmt = format_case::make_literal(pick) + spec.text +
                          format_case::make_literal(pick);
        format_case::Outcome o = format_case::run_case(pick, fmt, spec);
        ASSERT_TRUE(o.error.empty())
            << "case " << i << " format \"" << o.format << "\" expected \""
            << o.expected << "\": " << o.error;
    }
}

// Several conversions in one format. Arguments are all int-typed (width,
// precision, %d %i %c, and %u %x %X %o with values that fit in int), so one
// call can pass a fixed list of 12 ints; surplus arguments are ignored.
TEST(StrProperty, MultiConversionMatchesSnprintf)
{
    RngPick pick{std::mt19937(77u)};
    for (int i = 0; i < 5000; ++i) {
        std::string fmt = format_case::make_literal(pick);
        std::vector<int> args;
        uint32_t count = 1 + pick(4);
        while (count > 0) {
            format_case::Spec spec = format_case::make_spec(pick);
            bool int_typed = spec.arg == format_case::Arg::kInt ||
                             spec.arg == format_case::Arg::kUInt ||
                             spec.arg == format_case::Arg::kNone;
            if (!int_typed) {
                continue;
            }
            --count;
            for (int s = 0; s < spec.stars; ++s) {
                args.push_back(spec.star_values[s]);
            }
            if (spec.arg == format_case::Arg::kUInt) {
                args.push_back(static_cast<int>(spec.bits & 0x7FFFFFFFu));
            } else if (spec.arg == format_case::Arg::kInt) {
                args.push_back(static_cast<int>(spec.bits));
            }
            fmt += spec.text + format_case::make_literal(pick);
        }
        args.resize(12, 0);
        const int *a = args.data();
        char want[512];
        int want_len = std::snprintf(want, sizeof want, fmt.c_str(), a[0], a[1], a[2],
                                     a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10],
                                     a[11]);
        ASSERT_GE(want_len, 0);
        ASSERT_LT(static_cast<size_t>(want_len), sizeof want);
        for (size_t size : {sizeof want, static_cast<size_t>(want_len),
                            static_cast<size_t>(pick(static_cast<uint32_t>(want_len) + 1))}) {
            char got[512];
            size_t needed = 0;
            mem_status_t s = mem_str_format(got, size, &needed, fmt.c_str(), a[0], a[1],
                                            a[2], a[3], a[4], a[5], a[6], a[7], a[8],
                                            a[9], a[10], a[11]);
            ASSERT_EQ(needed, static_cast<size_t>(want_len)) << fmt;
            ASSERT_EQ(s, size > needed ? MEM_OK : MEM_ERR_TRUNCATED) << fmt;
            if (size > 0) {
                ASSERT_EQ(std::string(got), std::string(want).substr(0, size - 1))
                    << "format \"" << fmt << "\" size " << size;
            }
        }
    }
}

// Random append / append_n / append_char / appendf / clear sequences on a
// small string compared with a std::string model after every step.
TEST(StrProperty, AppendSequencesMatchStdString)
{
    for (uint32_t seed = 1; seed <= 20; ++seed) {
        std::mt19937 rng(seed);
        char buf[24];
        mem_str_t s;
        size_t size = 1 + rng() % sizeof buf;
        ASSERT_EQ(mem_str_init(&s, buf, size), MEM_OK);
        std::string model;  // everything appended since the last clear
        static const char *const kPieces[] = {"", "x", "abc", "hello world", "0123456789"};
        for (int step = 0; step < 1000; ++step) {
            mem_status_t st = MEM_OK;
            const size_t model_before = model.size();
            const char *piece = kPieces[rng() % 5];
            switch (rng() % 6) {
            case 0:
                st = mem_str_append(&s, piece);
                model += piece;
                break;
            case 1: {
                size_t n = rng() % 8;
                st = mem_str_append_n(&s, piece, n);
                model += std::string(piece).substr(0, n);
                break;
            }
            case 2: {
                char c = static_cast<char>('a' + rng() % 26);
                st = mem_str_append_char(&s, c);
                model += c;
                break;
            }
            case 3: {
                int v = static_cast<int>(rng());
                char tmp[64];
                std::snprintf(tmp, sizeof tmp, "[%-6d|%s]", v, piece);
                st = mem_str_appendf(&s, "[%-6d|%s]", v, piece);
                model += tmp;
                break;
            }
            default:
                if (rng() % 4 == 0) {
                    ASSERT_EQ(mem_str_clear(&s), MEM_OK);
                    model.clear();
                }
                break;
            }
            const std::string expect = model.substr(0, size - 1);
            ASSERT_EQ(std::string(mem_str_cstr(&s)), expect) << "seed " << seed << " step " << step;
            ASSERT_EQ(mem_str_len(&s), expect.size());
            const bool added = model.size() > model_before;
            ASSERT_EQ(st, added && model.size() > size - 1 ? MEM_ERR_TRUNCATED : MEM_OK)
                << "seed " << seed << " step " << step;
        }
    }
}

}  // namespace
