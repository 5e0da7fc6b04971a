// libFuzzer harness: fuzz-driven format strings built from a safe grammar
// (format_case.h) with arguments of controlled types, compared with the
// host snprintf at several buffer sizes and through mem_str_appendf.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "mem/str.h"
#include "tests/str/format_case.h"

namespace {

struct FuzzPick {
    FuzzedDataProvider *in;
    uint32_t operator()(uint32_t n) { return in->ConsumeIntegralInRange<uint32_t>(0, n - 1); }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider in(data, size);
    FuzzPick pick{&in};
    while (in.remaining_bytes() > 0) {
        format_case::Spec spec = format_case::make_spec(pick);
        std::string fmt = format_case::make_literal(pick) + spec.text +
                          format_case::make_literal(pick);
        format_case::Outcome o = format_case::run_case(pick, fmt, spec);
        if (!o.error.empty()) {
            std::fprintf(stderr, "format \"%s\" expected \"%s\": %s\n", o.format.c_str(),
                         o.expected.c_str(), o.error.c_str());
            std::abort();
        }
    }
    return 0;
}
