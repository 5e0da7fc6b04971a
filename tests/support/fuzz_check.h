// fuzz_check: the libFuzzer harnesses' oracle. A harness compares every
// result with its reference model (std::deque, std::map, ...) and calls
// fuzz_check(model agrees); a disagreement aborts, which libFuzzer reports as
// a crash with the input that caused it.
#ifndef TESTS_SUPPORT_FUZZ_CHECK_H
#define TESTS_SUPPORT_FUZZ_CHECK_H

#include <cstdlib>

inline void fuzz_check(bool model_agrees)
{
    if (!model_agrees) {
        std::abort();
    }
}

#endif  // TESTS_SUPPORT_FUZZ_CHECK_H
