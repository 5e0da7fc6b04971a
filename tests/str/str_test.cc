// Unit tests for mem/str.h: every public function, every error path, and
// the formatter's documented choices.
#include "mem/str.h"

#include <gtest/gtest.h>

#include <chrono>
#include <climits>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

#include "tests/support/failure_hook_capture.h"

namespace {

class StrTest : public tidemark_test::FailureHookTest {};

// Format into a large buffer and return the text (asserting MEM_OK).
std::string fmt(const char *format, ...)
{
    char buf[256];
    size_t needed = 0;
    va_list args;
    va_start(args, format);
    mem_status_t s = mem_str_vformat(buf, sizeof buf, &needed, format, args);
    va_end(args);
    EXPECT_EQ(s, MEM_OK) << format;
    EXPECT_EQ(needed, std::strlen(buf)) << format;
    return buf;
}

mem_status_t vappend(mem_str_t *s, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    mem_status_t st = mem_str_vappendf(s, format, args);
    va_end(args);
    return st;
}

// A runtime format string, so the compiler does not check (or reject) it.
const char *runtime(const char *format) { return format; }

TEST_F(StrTest, InitValidates)
{
    char buf[4] = {'x', 'x', 'x', 'x'};
    mem_str_t s{};
    EXPECT_EQ(mem_str_init(nullptr, buf, 4), MEM_ERR_ARG);
    EXPECT_EQ(mem_str_init(&s, nullptr, 4), MEM_ERR_ARG);
    EXPECT_EQ(mem_str_init(&s, buf, 0), MEM_ERR_SIZE);
    EXPECT_EQ(s.buf, nullptr);
    EXPECT_EQ(buf[0], 'x');
    EXPECT_EQ(mem_str_init(&s, buf, 4), MEM_OK);
    EXPECT_EQ(buf[0], '\0');
    EXPECT_EQ(mem_str_len(&s), 0u);
    EXPECT_EQ(mem_str_capacity(&s), 3u);
    EXPECT_STREQ(mem_str_cstr(&s), "");
}

TEST_F(StrTest, AccessorsOnNull)
{
    EXPECT_EQ(mem_str_len(nullptr), 0u);
    EXPECT_EQ(mem_str_capacity(nullptr), 0u);
    EXPECT_STREQ(mem_str_cstr(nullptr), "");
    mem_str_t blank{};
    EXPECT_STREQ(mem_str_cstr(&blank), "");
    EXPECT_EQ(mem_str_capacity(&blank), 0u);
}

TEST_F(StrTest, SizeOneHoldsOnlyTheTerminator)
{
    char buf[1];
    mem_str_t s;
    ASSERT_EQ(mem_str_init(&s, buf, 1), MEM_OK);
    EXPECT_EQ(mem_str_append(&s, ""), MEM_OK);
    EXPECT_EQ(mem_str_append(&s, "a"), MEM_ERR_TRUNCATED);
    EXPECT_EQ(mem_str_append_char(&s, 'a'), MEM_ERR_TRUNCATED);
    EXPECT_EQ(mem_str_appendf(&s, "%d", 5), MEM_ERR_TRUNCATED);
    EXPECT_EQ(mem_str_appendf(&s, "%s", ""), MEM_OK);
    EXPECT_EQ(buf[0], '\0');
}

TEST_F(StrTest, AppendExactFitAndTruncation)
{
    char buf[6];
    mem_str_t s;
    ASSERT_EQ(mem_str_init(&s, buf, sizeof buf), MEM_OK);
    EXPECT_EQ(mem_str_append(&s, "ab"), MEM_OK);
    EXPECT_EQ(mem_str_append(&s, "cde"), MEM_OK);  // exactly full
    EXPECT_STREQ(mem_str_cstr(&s), "abcde");
    EXPECT_EQ(mem_str_append(&s, ""), MEM_OK);
    EXPECT_EQ(mem_str_append(&s, "f"), MEM_ERR_TRUNCATED);
    EXPECT_STREQ(mem_str_cstr(&s), "abcde");
    ASSERT_EQ(mem_str_clear(&s), MEM_OK);
    EXPECT_EQ(mem_str_append(&s, "0123456789"), MEM_ERR_TRUNCATED);
    EXPECT_STREQ(mem_str_cstr(&s), "01234");
    EXPECT_EQ(mem_str_len(&s), 5u);
}

TEST_F(StrTest, AppendNStopsAtNulAndReadsAtMostN)
{
    char buf[16];
    mem_str_t s;
    ASSERT_EQ(mem_str_init(&s, buf, sizeof buf), MEM_OK);
    const char unterminated[3] = {'x', 'y', 'z'};
    EXPECT_EQ(mem_str_append_n(&s, unterminated, 3), MEM_OK);  // ASan: no over-read
    EXPECT_EQ(mem_str_append_n(&s, "ab\0cd", 5), MEM_OK);      // stops at NUL
    EXPECT_EQ(mem_str_append_n(&s, "hello", 2), MEM_OK);
    EXPECT_EQ(mem_str_append_n(&s, nullptr, 0), MEM_OK);
    EXPECT_STREQ(mem_str_cstr(&s), "xyzabhe");
    char small[3];
    ASSERT_EQ(mem_str_init(&s, small, sizeof small), MEM_OK);
    EXPECT_EQ(mem_str_append_n(&s, unterminated, 3), MEM_ERR_TRUNCATED);
    EXPECT_STREQ(mem_str_cstr(&s), "xy");
    ASSERT_EQ(mem_str_clear(&s), MEM_OK);
    EXPECT_EQ(mem_str_append_n(&s, unterminated, 2), MEM_OK);  // exact fit
}

TEST_F(StrTest, AppendChar)
{
    char buf[3];
    mem_str_t s;
    ASSERT_EQ(mem_str_init(&s, buf, sizeof buf), MEM_OK);
    EXPECT_EQ(mem_str_append_char(&s, 'a'), MEM_OK);
    EXPECT_EQ(mem_str_append_char(&s, '\0'), MEM_ERR_ARG);
    EXPECT_EQ(mem_str_append_char(&s, 'b'), MEM_OK);
    EXPECT_EQ(mem_str_append_char(&s, 'c'), MEM_ERR_TRUNCATED);
    EXPECT_STREQ(mem_str_cstr(&s), "ab");
}

TEST_F(StrTest, NullArguments)
{
    char buf[8];
    mem_str_t s;
    ASSERT_EQ(mem_str_init(&s, buf, sizeof buf), MEM_OK);
    EXPECT_EQ(mem_str_clear(nullptr), MEM_ERR_ARG);
    EXPECT_EQ(mem_str_append(nullptr, "a"), MEM_ERR_ARG);
    EXPECT_EQ(mem_str_append(&s, nullptr), MEM_ERR_ARG);
    EXPECT_EQ(mem_str_append_n(nullptr, "a", 1), MEM_ERR_ARG);
    EXPECT_EQ(mem_str_append_n(&s, nullptr, 1), MEM_ERR_ARG);
    EXPECT_EQ(mem_str_append_char(nullptr, 'a'), MEM_ERR_ARG);
    EXPECT_EQ(mem_str_appendf(nullptr, "x"), MEM_ERR_ARG);
    EXPECT_EQ(mem_str_appendf(&s, runtime(nullptr), 0), MEM_ERR_ARG);
    EXPECT_EQ(vappend(&s, runtime(nullptr)), MEM_ERR_ARG);
    size_t needed = 99;
    EXPECT_EQ(mem_str_format(buf, sizeof buf, &needed, runtime(nullptr), 0), MEM_ERR_ARG);
    EXPECT_EQ(needed, 0u);
    EXPECT_EQ(mem_str_format(nullptr, 4, &needed, "x"), MEM_ERR_ARG);
    EXPECT_EQ(mem_str_len(&s), 0u);
    EXPECT_EQ(hook_.calls, 0);
}

TEST_F(StrTest, CorruptStringIsReportedAndUntouched)
{
    char buf[4] = {'a', 'b', 'c', '\0'};
    mem_str_t s{buf, 4, 4};  // len must be < size
    EXPECT_EQ(mem_str_append(&s, "x"), MEM_ERR_CORRUPT);
    EXPECT_EQ(hook_.calls, 1);
    EXPECT_EQ(hook_.status, MEM_ERR_CORRUPT);
    EXPECT_EQ(hook_.object, &s);
    EXPECT_EQ(mem_str_append_n(&s, "x", 1), MEM_ERR_CORRUPT);
    EXPECT_EQ(mem_str_append_char(&s, 'x'), MEM_ERR_CORRUPT);
    EXPECT_EQ(mem_str_appendf(&s, "x"), MEM_ERR_CORRUPT);
    EXPECT_EQ(mem_str_clear(&s), MEM_ERR_CORRUPT);
    mem_str_t no_buf{nullptr, 4, 0};
    EXPECT_EQ(mem_str_append(&no_buf, "x"), MEM_ERR_CORRUPT);
    EXPECT_EQ(hook_.calls, 6);
    EXPECT_EQ(std::memcmp(buf, "abc", 4), 0);
    EXPECT_EQ(s.len, 4u);
}

TEST_F(StrTest, AppendfAppendsAndTruncates)
{
    char buf[12];
    mem_str_t s;
    ASSERT_EQ(mem_str_init(&s, buf, sizeof buf), MEM_OK);
    EXPECT_EQ(mem_str_appendf(&s, "t=%d", 42), MEM_OK);
    EXPECT_EQ(vappend(&s, ",%s", "ok"), MEM_OK);
    EXPECT_STREQ(mem_str_cstr(&s), "t=42,ok");
    EXPECT_EQ(mem_str_appendf(&s, "%08x", 0xBEEFu), MEM_ERR_TRUNCATED);
    EXPECT_STREQ(mem_str_cstr(&s), "t=42,ok0000");
    EXPECT_EQ(mem_str_len(&s), 11u);
    EXPECT_EQ(mem_str_appendf(&s, "%d", 1), MEM_ERR_TRUNCATED);  // stays full
    EXPECT_STREQ(mem_str_cstr(&s), "t=42,ok0000");
}

TEST_F(StrTest, RejectedSpecificationsRollBack)
{
    char buf[32];
    mem_str_t s;
    ASSERT_EQ(mem_str_init(&s, buf, sizeof buf), MEM_OK);
    ASSERT_EQ(mem_str_append(&s, "keep"), MEM_OK);
    const char *const bad[] = {
        "abc%f",  "%e",  "%g",   "%a",   "%E",   "%G",   "%A",    "%F",
        "%n",     "%q",  "%",    "x%-",  "%5",   "%.3",  "%ll",   "%Lf",
        "%lc",    "%ls", "%hp",  "%5%",  "%-%",  "%l%",  "%.2%",  "%w",
        "%2147483648d", "%.2147483648d", "%99999999999999999999d",
    };
    for (const char *f : bad) {
        EXPECT_EQ(mem_str_appendf(&s, runtime(f), 1, 2, 3), MEM_ERR_ARG) << f;
        EXPECT_STREQ(mem_str_cstr(&s), "keep") << f;
        EXPECT_EQ(mem_str_len(&s), 4u) << f;
        char out[8] = "zzzzzzz";
        size_t needed = 7;
        EXPECT_EQ(mem_str_format(out, sizeof out, &needed, runtime(f), 1, 2, 3), MEM_ERR_ARG) << f;
        EXPECT_STREQ(out, "") << f;
        EXPECT_EQ(needed, 0u) << f;
    }
    // A star width of INT_MIN cannot be negated into an int.
    EXPECT_EQ(mem_str_appendf(&s, "%*d", INT_MIN, 1), MEM_ERR_ARG);
    EXPECT_STREQ(mem_str_cstr(&s), "keep");
    // Limits that are accepted.
    EXPECT_EQ(mem_str_appendf(&s, runtime("%.2147483647s"), "x"), MEM_OK);
    EXPECT_STREQ(mem_str_cstr(&s), "keepx");
}

TEST_F(StrTest, FormatLengthQueryAndSizes)
{
    size_t needed = 0;
    EXPECT_EQ(mem_str_format(nullptr, 0, &needed, "%d-%s", 123, "ab"), MEM_ERR_TRUNCATED);
    EXPECT_EQ(needed, 6u);
    char buf[8] = "zzzzzzz";
    EXPECT_EQ(mem_str_format(buf, 0, &needed, "abc"), MEM_ERR_TRUNCATED);
    EXPECT_EQ(buf[0], 'z');  // size 0: nothing written at all
    EXPECT_EQ(mem_str_format(buf, 1, &needed, "abc"), MEM_ERR_TRUNCATED);
    EXPECT_STREQ(buf, "");
    EXPECT_EQ(mem_str_format(buf, 4, nullptr, "abc"), MEM_OK);
    EXPECT_STREQ(buf, "abc");
    EXPECT_EQ(mem_str_format(buf, 3, &needed, "abc"), MEM_ERR_TRUNCATED);
    EXPECT_STREQ(buf, "ab");
    EXPECT_EQ(needed, 3u);
}

TEST_F(StrTest, HugePaddingBeyondTheBufferIsCheap)
{
    char buf[16];
    size_t needed = 0;
    auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(mem_str_format(buf, sizeof buf, &needed, "%2147483647d%.2147483647u", 7, 8u),
              MEM_ERR_TRUNCATED);
    auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_EQ(needed, 2u * 2147483647u);
    EXPECT_STREQ(buf, "               ");
    // Counting, not writing: far below the seconds a byte loop would take.
    EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 500);
}

TEST_F(StrTest, IntegerConversions)
{
    EXPECT_EQ(fmt("%d|%i|%u", -12, 34, 56u), "-12|34|56");
    EXPECT_EQ(fmt("%d", INT_MIN), "-2147483648");
    EXPECT_EQ(fmt("%lld", LLONG_MIN), "-9223372036854775808");
    EXPECT_EQ(fmt("%llu", ULLONG_MAX), "18446744073709551615");
    EXPECT_EQ(fmt("%ju|%jd", UINTMAX_MAX, INTMAX_MIN),
              "18446744073709551615|-9223372036854775808");
    EXPECT_EQ(fmt("%llx|%llX|%llo", ULLONG_MAX, 0xABCDEFull, 01234567ull),
              "ffffffffffffffff|ABCDEF|1234567");
    EXPECT_EQ(fmt("%hhd|%hhu|%hd|%hu", 255, 257, 65535, 65537), "-1|1|-1|1");
    EXPECT_EQ(fmt("%zu|%zd|%td|%tu", static_cast<size_t>(7), static_cast<ptrdiff_t>(-7),
                  static_cast<ptrdiff_t>(-8), static_cast<size_t>(8)),
              "7|-7|-8|8");
    EXPECT_EQ(fmt("%ld|%lu", -5L, 5UL), "-5|5");
    EXPECT_EQ(fmt("%llu", 4294967296ull), "4294967296");  // just above 32 bits
}

TEST_F(StrTest, FlagsWidthPrecision)
{
    EXPECT_EQ(fmt("[%5d][%-5d][%05d][%+d][% d][%+ d]", 42, 42, -42, 42, 42, 42),
              "[   42][42   ][-0042][+42][ 42][+42]");
    EXPECT_EQ(fmt("[%.3d][%08.3d][%.0d][%5.0d]", 7, 7, 0, 0), "[007][     007][][     ]");
    EXPECT_EQ(fmt("[%#x][%#X][%#o][%#o][%#.0o][%#x]", 255u, 255u, 8u, 0u, 0u, 0u),
              "[0xff][0XFF][010][0][0][0]");
    EXPECT_EQ(fmt("[%#08x][%-#8x][%+u][% u]", 255u, 255u, 3u, 3u),
              "[0x0000ff][0xff    ][3][3]");
    EXPECT_EQ(fmt("[%*d][%*d][%.*d][%.*d]", 4, 1, -4, 1, 3, 1, -1, 1),
              "[   1][1   ][001][1]");
    EXPECT_EQ(fmt("[%-08d]", 5), "[5       ]");  // '-' beats '0'
}

TEST_F(StrTest, CharStringPointerPercent)
{
    EXPECT_EQ(fmt("[%c][%3c][%-3c]", 'a', 'b', 'c'), "[a][  b][c  ]");
    EXPECT_EQ(fmt("[%s][%6s][%-6s][%.2s][%.*s]", "abc", "abc", "abc", "abc", 1, "xyz"),
              "[abc][   abc][abc   ][ab][x]");
    const char unterminated[2] = {'h', 'i'};
    EXPECT_EQ(fmt("%.2s", unterminated), "hi");  // never reads past precision
    EXPECT_EQ(fmt(runtime("%s|%.3s"), static_cast<const char *>(nullptr),
                  static_cast<const char *>(nullptr)),
              "(null)|(nu");
    EXPECT_EQ(fmt(runtime("[%p][%8p][%-8p]"), static_cast<void *>(nullptr),
                  static_cast<void *>(nullptr), static_cast<void *>(nullptr)),
              "[(nil)][   (nil)][(nil)   ]");
    int object = 0;
    char want[64];
    std::snprintf(want, sizeof want, "%p", static_cast<void *>(&object));
    EXPECT_EQ(fmt("%p", static_cast<void *>(&object)), want);
    EXPECT_EQ(fmt("100%%"), "100%");
    EXPECT_EQ(fmt(runtime("%05c|%05s"), 'x', "ab"), "    x|   ab");  // space pad
}

}  // namespace
