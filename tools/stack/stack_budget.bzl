"""Worst-case stack budgets for firmware, checked by `bazel test`.

    load("//tools/stack:stack_budget.bzl", "stack_budget")

    stack_budget(
        name = "hello_stm32f769_stack_test",
        firmware = "//apps/hello:hello_stm32f769",   # a firmware() target
        priorities = "hello_priorities.json",        # handler -> preemption priority
        annotations = "hello_annotations.json",      # optional bounds for findings
        max_bytes = 2048,                            # optional; 0: _stack_size only
    )

The test fails when the worst-case main-stack bound (worst thread path + for
each preemption level the worst handler + one exception frame per level)
exceeds the usable stack (`_stack_size` - `_stack_guard_size` from the ELF)
or `max_bytes`, or when a finding (recursion, dynamic frame, unresolved
indirect call, unknown frame) has no annotation. The message names the path.
The report is printed to the test log and written as JSON to the test's
undeclared outputs; `bazel build <name>` also writes <name>.stack.txt,
<name>.stack.json, <name>.stack.html (per function and per file, callers and
callees, worst paths highlighted) and <name>.stack.dot (call graph), never
failing on the budget.

`expect_failure_with = ["text", ...]` inverts the test: it passes only when the
check fails with a message containing every text (proves the failure path).

`stack_usage_files(name, firmware)` exposes the ELF, .su and .ci files and a
params file (`<name>.params`, runfiles paths) for tests of the analysis.
"""

load("//tools/firmware:firmware.bzl", "FirmwareInfo")
load(":stack_usage.bzl", "StackUsageInfo", "stack_usage_aspect")

def _params(elf, su, ci, objdump, path_of):
    lines = ["--elf", path_of(elf)]
    for f in su:
        lines.extend(["--su", path_of(f)])
    for f in ci:
        lines.extend(["--ci", path_of(f)])
    if objdump:
        lines.extend(["--objdump", objdump])
    return lines

def _short_path(f):
    return f.short_path

def _exec_path(f):
    return f.path

def _firmware_inputs(ctx):
    fw = ctx.attr.firmware
    info = fw[StackUsageInfo]
    return fw[FirmwareInfo].elf, info.su.to_list(), info.ci.to_list(), info.objdump

def _budget_args(ctx, path_of):
    args = ["--priorities", path_of(ctx.file.priorities)]
    if ctx.file.annotations:
        args.extend(["--annotations", path_of(ctx.file.annotations)])
    if ctx.attr.max_bytes:
        args.extend(["--max-bytes", str(ctx.attr.max_bytes)])
    args.extend(["--name", str(ctx.label)])
    return args

def _stack_budget_impl(ctx):
    elf, su, ci, objdump = _firmware_inputs(ctx)
    config_files = [ctx.file.priorities] + ([ctx.file.annotations] if ctx.file.annotations else [])

    # Test-time params: runfiles paths.
    params = ctx.actions.declare_file(ctx.label.name + ".params")
    lines = _params(elf, su, ci, objdump, _short_path) + _budget_args(ctx, _short_path)
    for text in ctx.attr.expect_failure_with:
        lines.extend(["--expect-failure", text])
    ctx.actions.write(params, "\n".join(lines) + "\n")

    checker = ctx.attr._checker[DefaultInfo].files_to_run.executable
    script = ctx.actions.declare_file(ctx.label.name + ".sh")
    ctx.actions.write(script, """#!/bin/bash
set -euo pipefail
out="${{TEST_UNDECLARED_OUTPUTS_DIR:-${{TMPDIR:-/tmp}}}}"
exec "{checker}" "@{params}" --json-out "$out/{name}.stack.json" "$@"
""".format(checker = checker.short_path, params = params.short_path, name = ctx.label.name), is_executable = True)

    # Build-time report (never fails on the budget).
    report_txt = ctx.actions.declare_file(ctx.label.name + ".stack.txt")
    report_json = ctx.actions.declare_file(ctx.label.name + ".stack.json")
    report_dot = ctx.actions.declare_file(ctx.label.name + ".stack.dot")
    report_html = ctx.actions.declare_file(ctx.label.name + ".stack.html")
    args = ctx.actions.args()
    args.add_all(_params(elf, su, ci, objdump, _exec_path) + _budget_args(ctx, _exec_path))
    args.add_all(["--report-only", "--report-out", report_txt.path, "--json-out", report_json.path, "--dot-out", report_dot.path, "--html-out", report_html.path])
    # Run the checker with the registered Python toolchain's interpreter
    # (Debian's /usr/bin/python3) rather than through its stub: an action's
    # environment has no PATH to search.
    interpreter = ctx.toolchains["@bazel_tools//tools/python:toolchain_type"].py3_runtime.interpreter_path
    ctx.actions.run(
        executable = interpreter,
        arguments = [ctx.executable._checker_exec.path, args],
        tools = [ctx.attr._checker_exec[DefaultInfo].files_to_run],
        inputs = [elf] + su + ci + config_files,
        outputs = [report_txt, report_json, report_dot, report_html],
        mnemonic = "StackReport",
        progress_message = "Stack report for %s" % ctx.attr.firmware.label,
    )

    runfiles = ctx.runfiles(files = [params, elf] + su + ci + config_files)
    runfiles = runfiles.merge(ctx.attr._checker[DefaultInfo].default_runfiles)
    return [
        DefaultInfo(executable = script, runfiles = runfiles, files = depset([script, report_txt, report_json, report_dot, report_html])),
        OutputGroupInfo(report = depset([report_txt, report_json])),
    ]

_FIRMWARE_ATTR = attr.label(
    mandatory = True,
    providers = [FirmwareInfo],
    aspects = [stack_usage_aspect],
    doc = "A firmware() target; its deps are re-compiled for .su/.ci files.",
)

stack_budget_test = rule(
    implementation = _stack_budget_impl,
    test = True,
    attrs = {
        "firmware": _FIRMWARE_ATTR,
        "priorities": attr.label(
            mandatory = True,
            allow_single_file = [".json"],
            doc = "JSON: handler (or vector) name -> preemption priority (see docs/stack-analysis.md).",
        ),
        "annotations": attr.label(
            allow_single_file = [".json"],
            doc = "JSON bounds for findings: indirect call targets, recursion depth, dynamic frames.",
        ),
        "max_bytes": attr.int(default = 0, doc = "Budget in bytes; 0: only the ELF's stack reservation."),
        "expect_failure_with": attr.string_list(doc = "If set, pass only when the check fails with one message containing all these texts."),
        "_checker": attr.label(default = Label("//tools/stack:stack_check"), executable = True, cfg = "target"),
        "_checker_exec": attr.label(default = Label("//tools/stack:stack_check"), executable = True, cfg = "exec"),
    },
    toolchains = ["@bazel_tools//tools/python:toolchain_type"],
    doc = "Fails when the firmware's worst-case main stack breaks its budget (see file docstring).",
)

def stack_budget(name, firmware, priorities, annotations = None, max_bytes = 0, expect_failure_with = [], **kwargs):
    """A stack_budget_test (test rules must end in _test; this keeps the
    issue's spelling). size defaults to "small"."""
    kwargs.setdefault("size", "small")
    stack_budget_test(
        name = name,
        firmware = firmware,
        priorities = priorities,
        annotations = annotations,
        max_bytes = max_bytes,
        expect_failure_with = expect_failure_with,
        **kwargs
    )

def _stack_usage_files_impl(ctx):
    elf, su, ci, objdump = _firmware_inputs(ctx)
    params = ctx.actions.declare_file(ctx.label.name + ".params")
    ctx.actions.write(params, "\n".join(_params(elf, su, ci, objdump, _short_path)) + "\n")
    files = [params, elf] + su + ci
    return [DefaultInfo(files = depset(files), runfiles = ctx.runfiles(files = files))]

stack_usage_files = rule(
    implementation = _stack_usage_files_impl,
    attrs = {"firmware": _FIRMWARE_ATTR},
    doc = "The ELF, .su and .ci files of a firmware plus <name>.params (runfiles paths).",
)
