"""fuzz_test: a libFuzzer harness that runs as a bounded test.

`bazel test` runs the harness for `runs` iterations from a fixed seed (so CI
is bounded and repeatable). A long run is one command:

    bazel run //tests/pool:pool_fuzz -- -max_total_time=600 -runs=-1

The harness and everything it depends on are compiled by clang with
-fsanitize=fuzzer-no-link,address,undefined through a transition, so the code
under test is coverage-instrumented whatever the command line says.
"""

load("@rules_cc//cc:defs.bzl", "cc_binary")
load("//tools/build:copts.bzl", "TEST_COPTS")
load("//tools/build:host_only.bzl", "HOST_ONLY")

_FUZZ_COPTS = [
    "-fsanitize=fuzzer-no-link,address,undefined",
    "-fno-sanitize-recover=all",
    "-fno-omit-frame-pointer",
    "-g",
]
_FUZZ_LINKOPTS = ["-fsanitize=address,undefined"]

def _without_sanitizers(flags):
    return [f for f in flags if not f.startswith("-fsanitize") and not f.startswith("-fno-sanitize")]

def _fuzz_transition_impl(settings, attr):
    return {
        "//command_line_option:copt": _without_sanitizers(settings["//command_line_option:copt"]) + _FUZZ_COPTS,
        "//command_line_option:linkopt": _without_sanitizers(settings["//command_line_option:linkopt"]) + _FUZZ_LINKOPTS,
    }

_fuzz_transition = transition(
    implementation = _fuzz_transition_impl,
    inputs = ["//command_line_option:copt", "//command_line_option:linkopt"],
    outputs = ["//command_line_option:copt", "//command_line_option:linkopt"],
)

def _fuzz_test_impl(ctx):
    binary = ctx.attr.binary[0][DefaultInfo].files_to_run.executable
    runner = ctx.actions.declare_file(ctx.label.name + ".sh")
    ctx.actions.write(
        output = runner,
        is_executable = True,
        content = """#!/bin/sh
# Bounded libFuzzer run; extra arguments override the defaults.
exec "{binary}" -runs={runs} -seed={seed} -max_len={max_len} -print_final_stats=1 "$@"
""".format(binary = binary.short_path, runs = ctx.attr.runs, seed = ctx.attr.seed, max_len = ctx.attr.max_len),
    )
    runfiles = ctx.runfiles(files = [binary]).merge(ctx.attr.binary[0][DefaultInfo].default_runfiles)
    return [DefaultInfo(executable = runner, runfiles = runfiles)]

_fuzz_test = rule(
    implementation = _fuzz_test_impl,
    test = True,
    attrs = {
        "binary": attr.label(cfg = _fuzz_transition, executable = True, mandatory = True),
        "runs": attr.int(default = 200000),
        "seed": attr.int(default = 1),
        "max_len": attr.int(default = 4096),
        "_allowlist_function_transition": attr.label(
            default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
        ),
    },
)

def fuzz_test(name, srcs, deps = [], runs = 200000, seed = 1, max_len = 4096, copts = TEST_COPTS, **kwargs):
    """A libFuzzer harness `srcs` (defining LLVMFuzzerTestOneInput) run as a test.

    `copts` defaults to TEST_COPTS (C++ harnesses); a C harness passes C_COPTS.
    """
    cc_binary(
        name = name + "_bin",
        srcs = srcs,
        deps = deps,
        copts = copts,
        linkopts = ["-fsanitize=fuzzer"],
        testonly = True,
        tags = ["manual"],
        target_compatible_with = HOST_ONLY,
        visibility = ["//visibility:private"],
    )
    _fuzz_test(
        name = name,
        binary = ":" + name + "_bin",
        runs = runs,
        seed = seed,
        max_len = max_len,
        target_compatible_with = HOST_ONLY,
        **kwargs
    )
