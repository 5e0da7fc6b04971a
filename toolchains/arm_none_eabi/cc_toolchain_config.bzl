"""cc_toolchain_config for Debian's arm-none-eabi-gcc 12.2, Cortex-M7 + FPv5-D16.

Flags (all compile and link actions):
  -mcpu=cortex-m7 -mthumb -mfpu=fpv5-d16 -mfloat-abi=hard
  compile: -ffunction-sections -fdata-sections -Wall -Wextra -Werror
  link:    --specs=nano.specs (newlib-nano) -nostartfiles -Wl,--gc-sections
  -c fastbuild: -Og -g   -c dbg: -Og -g3   -c opt: -Os -g -DNDEBUG
(-g only adds ELF debug sections; the flashed image is unchanged.)
"""

load("@bazel_tools//tools/build_defs/cc:action_names.bzl", "ACTION_NAMES")
load(
    "@bazel_tools//tools/cpp:cc_toolchain_config_lib.bzl",
    "feature",
    "flag_group",
    "flag_set",
    "tool_path",
    "with_feature_set",
)

CPU_FLAGS = ["-mcpu=cortex-m7", "-mthumb", "-mfpu=fpv5-d16", "-mfloat-abi=hard"]

_COMPILE_ACTIONS = [
    ACTION_NAMES.assemble,
    ACTION_NAMES.preprocess_assemble,
    ACTION_NAMES.c_compile,
    ACTION_NAMES.cpp_compile,
    ACTION_NAMES.cpp_header_parsing,
    ACTION_NAMES.cpp_module_compile,
    ACTION_NAMES.linkstamp_compile,
]

_LINK_ACTIONS = [
    ACTION_NAMES.cpp_link_executable,
    ACTION_NAMES.cpp_link_dynamic_library,
    ACTION_NAMES.cpp_link_nodeps_dynamic_library,
]

def _flags(actions, flags, features = None):
    return flag_set(
        actions = actions,
        flag_groups = [flag_group(flags = flags)],
        with_features = [with_feature_set(features = features)] if features else [],
    )

def _impl(ctx):
    tool_paths = [tool_path(name = n, path = p) for n, p in ctx.attr.tools.items()]

    features = [
        feature(name = "dbg"),
        feature(name = "opt"),
        feature(name = "fastbuild"),
        feature(
            name = "cortex_m7_flags",
            enabled = True,
            flag_sets = [
                _flags(_COMPILE_ACTIONS, CPU_FLAGS + [
                    "-ffunction-sections",
                    "-fdata-sections",
                    "-Wall",
                    "-Wextra",
                    "-Werror",
                    "-no-canonical-prefixes",
                    # Keep header paths as given (external/<repo>/...), so
                    # Bazel's inclusion check also passes for other workspaces.
                    "-fno-canonical-system-headers",
                ]),
                _flags(_COMPILE_ACTIONS, ["-Og", "-g"], ["fastbuild"]),
                _flags(_COMPILE_ACTIONS, ["-Og", "-g3"], ["dbg"]),
                _flags(_COMPILE_ACTIONS, ["-Os", "-g", "-DNDEBUG"], ["opt"]),
                _flags(_LINK_ACTIONS, CPU_FLAGS + [
                    "--specs=nano.specs",
                    "-nostartfiles",
                    "-Wl,--gc-sections",
                    "-no-canonical-prefixes",
                ]),
            ],
        ),
        feature(name = "supports_pic", enabled = False),
    ]

    return cc_common.create_cc_toolchain_config_info(
        ctx = ctx,
        features = features,
        cxx_builtin_include_directories = ctx.attr.builtin_include_dirs,
        toolchain_identifier = "arm-none-eabi-gcc-cortex-m7",
        host_system_name = "x86_64-linux-gnu",
        target_system_name = "arm-none-eabi",
        target_cpu = "armv7e-m",
        target_libc = "newlib-nano",
        compiler = "gcc",
        abi_version = "eabi",
        abi_libc_version = "newlib",
        tool_paths = tool_paths,
    )

cc_toolchain_config = rule(
    implementation = _impl,
    attrs = {
        "tools": attr.string_dict(mandatory = True),
        "builtin_include_dirs": attr.string_list(),
    },
    provides = [CcToolchainConfigInfo],
)
