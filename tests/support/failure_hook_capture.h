// Test support: captures what //mem reports through the failure hook
// (mem/status.h), so tests can check that misuse was reported, with which
// status, object and pointer, and that routine outcomes were not.
#ifndef TIDEMARK_TESTS_SUPPORT_FAILURE_HOOK_CAPTURE_H
#define TIDEMARK_TESTS_SUPPORT_FAILURE_HOOK_CAPTURE_H

#include <gtest/gtest.h>

#include "mem/status.h"

namespace tidemark_test {

// The number of reports and the arguments of the last one.
struct HookLog {
    int calls = 0;
    mem_status_t status = MEM_OK;
    const void *object = nullptr;
    const void *pointer = nullptr;
};

// A mem_failure_hook_t: counts the report and records its arguments in the
// HookLog that `context` points to.
void record_failure(mem_status_t status, const void *object,
                    const void *pointer, void *context);

// Fixture: installs record_failure with hook_ for each test, removes the hook
// afterwards. A derived SetUp/TearDown must call these.
class FailureHookTest : public ::testing::Test {
  protected:
    void SetUp() override { mem_failure_hook_set(record_failure, &hook_); }
    void TearDown() override { mem_failure_hook_set(nullptr, nullptr); }
    HookLog hook_;
};

}  // namespace tidemark_test

#endif  // TIDEMARK_TESTS_SUPPORT_FAILURE_HOOK_CAPTURE_H
