"""RAM/flash budgets for firmware, checked by `bazel test`.

    load("//tools/mapreport:memory_budget.bzl", "memory_budget")

    memory_budget(
        name = "hello_stm32f769_memory_test",
        firmware = "//apps/hello:hello_stm32f769",       # a firmware() target
        limits = {"flash": 8192, "dtcm": 16384},         # bytes used per region
        baseline = "hello_stm32f769_memory.json",        # optional
    )

makes
  <name>                  test: prints the report (regions used/free, top
                          symbols and objects per region, change versus the
                          baseline) and fails when a region is over its limit,
                          naming the region and its top symbols;
  <name>_update_baseline  `bazel run` it to (re)write the baseline JSON in the
                          source tree (<package>/<baseline>, or
                          <package>/<name>_baseline.json when none is given).
Region names are those of the linker script's __<region>_start/_size symbols
(flash, itcm, dtcm, sram1, sram2). dtcm's "used" includes the main stack
reservation (_stack_size). `expect_failure_with = [...]` inverts the test (it
passes only when the check fails with a message containing every text).
"""

load("//tools/firmware:firmware.bzl", "FirmwareInfo")

def _params(ctx, fw):
    lines = ["--elf", fw.elf.short_path, "--map", fw.map.short_path, "--name", str(ctx.attr.firmware.label)]
    for region, limit in sorted(ctx.attr.limits.items()):
        lines.extend(["--limit", "%s=%s" % (region, limit)])
    return lines

def _script(ctx, params, tail):
    checker = ctx.attr._checker[DefaultInfo].files_to_run.executable
    script = ctx.actions.declare_file(ctx.label.name + ".sh")
    ctx.actions.write(script, """#!/bin/bash
set -euo pipefail
exec "{checker}" "@{params}" {tail} "$@"
""".format(checker = checker.short_path, params = params.short_path, tail = tail), is_executable = True)
    return script

def _runfiles(ctx, fw, params):
    files = [params, fw.elf, fw.map] + ([ctx.file.baseline] if ctx.file.baseline else [])
    return ctx.runfiles(files = files).merge(ctx.attr._checker[DefaultInfo].default_runfiles)

def _memory_budget_test_impl(ctx):
    fw = ctx.attr.firmware[FirmwareInfo]
    lines = _params(ctx, fw)
    if ctx.file.baseline:
        lines.extend(["--baseline", ctx.file.baseline.short_path])
    for text in ctx.attr.expect_failure_with:
        lines.extend(["--expect-failure", text])
    params = ctx.actions.declare_file(ctx.label.name + ".params")
    ctx.actions.write(params, "\n".join(lines) + "\n")
    script = _script(ctx, params, '--json-out "${TEST_UNDECLARED_OUTPUTS_DIR:-${TMPDIR:-/tmp}}/%s.memory.json"' % ctx.label.name)
    return [DefaultInfo(executable = script, runfiles = _runfiles(ctx, fw, params))]

_COMMON_ATTRS = {
    "firmware": attr.label(mandatory = True, providers = [FirmwareInfo]),
    "limits": attr.string_dict(doc = "region -> maximum used bytes (decimal or 0x string)"),
    "baseline": attr.label(allow_single_file = [".json"]),
    "_checker": attr.label(default = Label("//tools/mapreport:memory_check"), executable = True, cfg = "target"),
}

memory_budget_test = rule(
    implementation = _memory_budget_test_impl,
    test = True,
    attrs = dict(_COMMON_ATTRS, expect_failure_with = attr.string_list()),
    doc = "Fails when a memory region of the firmware is over its limit (see file docstring).",
)

def _memory_baseline_update_impl(ctx):
    fw = ctx.attr.firmware[FirmwareInfo]
    params = ctx.actions.declare_file(ctx.label.name + ".params")
    ctx.actions.write(params, "\n".join(_params(ctx, fw)) + "\n")
    target = ctx.attr.baseline_path
    script = _script(ctx, params, '--write-baseline "${BUILD_WORKSPACE_DIRECTORY:?run me with bazel run}/%s"' % target)
    return [DefaultInfo(executable = script, runfiles = _runfiles(ctx, fw, params))]

memory_baseline_update = rule(
    implementation = _memory_baseline_update_impl,
    executable = True,
    attrs = dict(_COMMON_ATTRS, baseline_path = attr.string(mandatory = True)),
    doc = "`bazel run` target writing the baseline JSON into the source tree.",
)

def memory_budget(name, firmware, limits, baseline = None, baseline_optional = False, expect_failure_with = [], **kwargs):
    """memory_budget_test <name> + memory_baseline_update <name>_update_baseline.
    limits: {region: int bytes}. baseline_optional: a `baseline` file that is
    not in the package yet (a newly added board) is not compared against;
    <name>_update_baseline still writes it under that name."""
    str_limits = {region: str(limit) for region, limit in limits.items()}
    kwargs.setdefault("size", "small")
    compared = baseline
    if baseline_optional and baseline and not native.glob([baseline]):
        compared = None
    memory_budget_test(
        name = name,
        firmware = firmware,
        limits = str_limits,
        baseline = compared,
        expect_failure_with = expect_failure_with,
        **kwargs
    )
    if baseline and (":" in baseline or baseline.startswith("//")):
        fail("memory_budget: baseline must be a file name in this package, got %r" % baseline)
    path = native.package_name() + "/" + (baseline or (name + "_baseline.json"))
    memory_baseline_update(
        name = name + "_update_baseline",
        firmware = firmware,
        limits = str_limits,
        baseline_path = path,
        tags = ["manual"],
        visibility = kwargs.get("visibility"),
    )
