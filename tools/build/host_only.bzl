"""HOST_ONLY: `target_compatible_with` value for targets that only make sense
on the host (GoogleTest tests, benchmarks, fuzzers, host tools), so that cross
builds such as `bazel build --config=stm32f769 //...` skip them.

    cc_binary(..., target_compatible_with = HOST_ONLY)
"""

HOST_ONLY = select({
    str(Label("//platforms:is_cortex_m7")): [str(Label("//platforms:host_only"))],
    "//conditions:default": [],
})
