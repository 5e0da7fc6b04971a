"""HOST_ONLY: `target_compatible_with` value for targets that only make sense
on the host (GoogleTest tests, benchmarks, fuzzers, host tools), so that cross
builds such as `bazel build --config=stm32f769 //...` skip them.

    cc_binary(..., target_compatible_with = HOST_ONLY)

The label strings name tidemark's repository explicitly, so they mean the
same in BUILD files of other repositories (the GoogleTest repository writes
them into its generated BUILD file).
"""

def _absolute(label):
    """A label string that means the same inside any repository."""
    text = str(label)
    return "@" + text if text.startswith("//") else text

IS_CORTEX_M7 = _absolute(Label("//platforms:is_cortex_m7"))
HOST_ONLY_CONSTRAINT = _absolute(Label("//platforms:host_only"))

HOST_ONLY = select({
    IS_CORTEX_M7: [HOST_ONLY_CONSTRAINT],
    "//conditions:default": [],
})
