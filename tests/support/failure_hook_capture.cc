#include "tests/support/failure_hook_capture.h"

namespace tidemark_test {

void record_failure(mem_status_t status, const void *object,
                    const void *pointer, void *context)
{
    auto *log = static_cast<HookLog *>(context);
    ++log->calls;
    log->status = status;
    log->object = object;
    log->pointer = pointer;
}

}  // namespace tidemark_test
