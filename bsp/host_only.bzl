"""HOST_ONLY: target_compatible_with for host-only targets (GoogleTest
tests), so cross builds such as `bazel build --config=stm32f769 //apps/...`
skip them instead of trying to compile GoogleTest for Cortex-M7.

    cc_test(..., target_compatible_with = HOST_ONLY)

Bazel 4.2.3's @platforms has no :incompatible, so the firmware platforms
map to //bsp:not_on_target, a constraint value no platform carries.
"""

HOST_ONLY = select({
    "//platforms:is_stm32f769": ["//bsp:not_on_target"],
    "//platforms:is_mps2_an500": ["//bsp:not_on_target"],
    "//conditions:default": [],
})
