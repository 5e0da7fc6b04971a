"""stack_usage_aspect: per-function stack frames and call graphs of firmware.

GCC writes `-fstack-usage` (.su) and `-fcallgraph-info=su` (.ci) files next
to the object, as outputs Bazel does not know about (they vanish in the
sandbox). This aspect re-compiles every C source of every cc_library reached
through `deps` with exactly the flags the library was built with (toolchain
flags for C_COMPILE, the target's copts, defines and include paths) plus those
two options, and declares the .o/.su/.ci files. Attach it to a `firmware`
target (attr_aspects = ["deps"]): the firmware's deps are in the board
configuration, so the aspect sees the Cortex-M7 toolchain and flags.

The re-compiled objects are not linked; the analysis matches them to the
firmware's ELF by function name (static functions by file name too).
"""

load("@bazel_tools//tools/build_defs/cc:action_names.bzl", "ACTION_NAMES")

StackUsageInfo = provider(
    doc = "Stack usage files of a target and everything below it in `deps`.",
    fields = {
        "su": "depset of .su files (-fstack-usage)",
        "ci": "depset of .ci files (-fcallgraph-info=su)",
        "objdump": "string: path of the toolchain's objdump, or None",
    },
)

_STACK_FLAGS = ["-fstack-usage", "-fcallgraph-info=su"]

def _collect(ctx):
    su = []
    ci = []
    objdump = None
    for dep in getattr(ctx.rule.attr, "deps", []):
        if StackUsageInfo in dep:
            info = dep[StackUsageInfo]
            su.append(info.su)
            ci.append(info.ci)
            objdump = objdump or info.objdump
    return su, ci, objdump

def _compile(ctx, cc_toolchain, feature_configuration, compilation_context, src):
    # <target>.stack_usage/<source path minus .c>.{o,su,ci}: unique per source.
    stem = "%s.stack_usage/%s" % (ctx.label.name, src.short_path[:-len(".c")])
    obj = ctx.actions.declare_file(stem + ".o")
    su = ctx.actions.declare_file(stem + ".su")
    ci = ctx.actions.declare_file(stem + ".ci")
    copts = [ctx.expand_make_variables("copts", c, {}) for c in getattr(ctx.rule.attr, "copts", [])]
    local_defines = getattr(ctx.rule.attr, "local_defines", [])
    variables = cc_common.create_compile_variables(
        feature_configuration = feature_configuration,
        cc_toolchain = cc_toolchain,
        source_file = src.path,
        output_file = obj.path,
        user_compile_flags = copts + _STACK_FLAGS,
        include_directories = compilation_context.includes,
        quote_include_directories = compilation_context.quote_includes,
        system_include_directories = compilation_context.system_includes,
        framework_include_directories = compilation_context.framework_includes,
        preprocessor_defines = depset(local_defines, transitive = [compilation_context.defines]),
    )
    command_line = cc_common.get_memory_inefficient_command_line(
        feature_configuration = feature_configuration,
        action_name = ACTION_NAMES.c_compile,
        variables = variables,
    )
    env = cc_common.get_environment_variables(
        feature_configuration = feature_configuration,
        action_name = ACTION_NAMES.c_compile,
        variables = variables,
    )
    ctx.actions.run(
        executable = cc_common.get_tool_for_action(
            feature_configuration = feature_configuration,
            action_name = ACTION_NAMES.c_compile,
        ),
        arguments = command_line,
        env = env,
        inputs = depset(
            [src] + ctx.rule.files.srcs + getattr(ctx.rule.files, "hdrs", []),
            transitive = [compilation_context.headers, cc_toolchain.all_files],
        ),
        outputs = [obj, su, ci],
        mnemonic = "StackUsageCompile",
        progress_message = "Compiling %s for stack usage" % src.short_path,
    )
    return su, ci

def _stack_usage_aspect_impl(target, ctx):
    su_deps, ci_deps, objdump = _collect(ctx)
    su = []
    ci = []
    srcs = [f for f in getattr(ctx.rule.files, "srcs", []) if f.extension == "c"]
    if srcs and CcInfo in target:
        cc_toolchain = ctx.attr._stack_usage_cc_toolchain[cc_common.CcToolchainInfo]
        feature_configuration = cc_common.configure_features(
            ctx = ctx,
            cc_toolchain = cc_toolchain,
            requested_features = ctx.features,
            unsupported_features = ctx.disabled_features,
        )
        objdump = objdump or cc_toolchain.objdump_executable
        for src in srcs:
            s, c = _compile(ctx, cc_toolchain, feature_configuration, target[CcInfo].compilation_context, src)
            su.append(s)
            ci.append(c)
    info = StackUsageInfo(
        su = depset(su, transitive = su_deps),
        ci = depset(ci, transitive = ci_deps),
        objdump = objdump,
    )
    return [info, OutputGroupInfo(stack_usage = depset(transitive = [info.su, info.ci]))]

stack_usage_aspect = aspect(
    implementation = _stack_usage_aspect_impl,
    attr_aspects = ["deps"],
    attrs = {
        # Evaluated in the configuration of the target the aspect visits:
        # the board configuration below a firmware target.
        "_stack_usage_cc_toolchain": attr.label(
            default = Label("//toolchains/arm_none_eabi:cc_toolchain"),
        ),
    },
    fragments = ["cpp"],
    doc = "Re-compiles C sources with -fstack-usage -fcallgraph-info=su (see file docstring).",
)
