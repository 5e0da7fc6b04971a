"""firmware: link a Cortex-M7 image for one board, from any configuration.

    firmware(
        name = "hello_mps2_an500",
        platform = "//platforms:mps2_an500",
        deps = [":hello"],            # cc_library targets (built for the platform)
    )

Outputs <name>.elf, <name>.bin, <name>.hex and <name>.map. The deps and the
board's linker script are built through a transition to `platform`, so a host
target (a test, the HIL runner, a size check) can depend on the firmware and
`bazel test //...` on the host builds it. The transition also clears host-only
flags (--copt/--linkopt, e.g. sanitizers) so they never reach the firmware.
"""

load("@bazel_tools//tools/build_defs/cc:action_names.bzl", "ACTION_NAMES")
load("//boards:boards.bzl", "board_platforms")

FirmwareInfo = provider(
    doc = "A linked firmware image.",
    fields = {
        "elf": "File: the linked ELF",
        "bin": "File: raw binary of the loadable sections",
        "hex": "File: Intel HEX",
        "map": "File: the linker map",
        "platform": "Label: the platform it was built for",
    },
)

def _firmware_transition_impl(settings, attr):
    return {
        "//command_line_option:platforms": str(attr.platform),
        "//command_line_option:copt": [],
        "//command_line_option:conlyopt": [],
        "//command_line_option:cxxopt": [],
        "//command_line_option:linkopt": [],
        "//command_line_option:features": [],
    }

firmware_transition = transition(
    implementation = _firmware_transition_impl,
    inputs = [],
    outputs = [
        "//command_line_option:platforms",
        "//command_line_option:copt",
        "//command_line_option:conlyopt",
        "//command_line_option:cxxopt",
        "//command_line_option:linkopt",
        "//command_line_option:features",
    ],
)

def _firmware_impl(ctx):
    cc_toolchain = ctx.attr._cc_toolchain[0][cc_common.CcToolchainInfo]
    feature_configuration = cc_common.configure_features(
        ctx = ctx,
        cc_toolchain = cc_toolchain,
        requested_features = ctx.features,
        unsupported_features = ctx.disabled_features,
    )
    linker_script = ctx.file.linker_script
    includes = ctx.files.linker_includes
    include_dirs = {f.dirname: True for f in includes}.keys()
    map_file = ctx.actions.declare_file(ctx.label.name + ".map")
    elf = ctx.actions.declare_file(ctx.label.name + ".elf")

    # The toolchain's own link flags (CPU, newlib-nano, --gc-sections, ...).
    link_action = ACTION_NAMES.cpp_link_executable
    toolchain_flags = cc_common.get_memory_inefficient_command_line(
        feature_configuration = feature_configuration,
        action_name = link_action,
        variables = cc_common.create_link_variables(
            feature_configuration = feature_configuration,
            cc_toolchain = cc_toolchain,
        ),
    )

    # Every library of every dep, in one group; alwayslink libraries whole
    # (vector tables and handlers are referenced by nothing but the hardware).
    libraries = []
    user_flags = []
    for dep in ctx.attr.deps:
        for linker_input in dep[CcInfo].linking_context.linker_inputs.to_list():
            user_flags.extend(linker_input.user_link_flags)
            for lib in linker_input.libraries:
                archive = lib.static_library or lib.pic_static_library
                if archive:
                    libraries.append((archive, lib.alwayslink))
                elif lib.objects:
                    libraries.extend([(o, False) for o in lib.objects])
    lib_args = ["-Wl,--start-group"]
    seen = {}
    for f, whole in libraries:
        if f.path in seen:
            continue
        seen[f.path] = True
        if whole:
            lib_args.extend(["-Wl,--whole-archive", f.path, "-Wl,--no-whole-archive"])
        else:
            lib_args.append(f.path)
    lib_args.append("-Wl,--end-group")

    args = ctx.actions.args()
    args.add_all(toolchain_flags)
    args.add_all(lib_args)
    args.add_all(user_flags)
    args.add("-T" + linker_script.path)
    args.add_all(["-L" + d for d in include_dirs])
    args.add_all(ctx.attr.linkopts)
    args.add("-Wl,-Map=" + map_file.path)
    args.add("-Wl,--cref")
    args.add_all(["-o", elf.path])
    ctx.actions.run(
        executable = cc_common.get_tool_for_action(
            feature_configuration = feature_configuration,
            action_name = link_action,
        ),
        arguments = [args],
        inputs = depset(
            [f for f, _ in libraries] + [linker_script] + includes,
            transitive = [cc_toolchain.all_files],
        ),
        outputs = [elf, map_file],
        mnemonic = "FirmwareLink",
        progress_message = "Linking firmware %s" % elf.short_path,
    )

    objcopy = cc_toolchain.objcopy_executable
    bin_file = ctx.actions.declare_file(ctx.label.name + ".bin")
    hex_file = ctx.actions.declare_file(ctx.label.name + ".hex")
    for out, fmt in [(bin_file, "binary"), (hex_file, "ihex")]:
        ctx.actions.run(
            executable = objcopy,
            arguments = ["-O", fmt, elf.path, out.path],
            inputs = depset([elf], transitive = [cc_toolchain.all_files]),
            outputs = [out],
            mnemonic = "FirmwareObjcopy",
            progress_message = "Writing %s" % out.short_path,
        )

    files = [elf, bin_file, hex_file, map_file]
    return [
        DefaultInfo(files = depset(files), runfiles = ctx.runfiles(files = files)),
        FirmwareInfo(elf = elf, bin = bin_file, hex = hex_file, map = map_file, platform = ctx.attr.platform),
        OutputGroupInfo(elf = depset([elf]), bin = depset([bin_file]), hex = depset([hex_file]), map = depset([map_file])),
    ]

firmware = rule(
    implementation = _firmware_impl,
    doc = "Links deps into a firmware image for `platform` (see file docstring).",
    attrs = {
        "deps": attr.label_list(cfg = firmware_transition, providers = [CcInfo]),
        "platform": attr.label(mandatory = True),
        "linker_script": attr.label(
            cfg = firmware_transition,
            allow_single_file = [".ld"],
            default = Label("//bsp:linker_script"),
            doc = "The board's linker script; it may INCLUDE files from linker_includes.",
        ),
        "linker_includes": attr.label_list(
            cfg = firmware_transition,
            allow_files = [".ld"],
            default = [Label("//bsp:linker_includes")],
            doc = "Linker script fragments; their directories are added with -L.",
        ),
        "linkopts": attr.string_list(),
        "_cc_toolchain": attr.label(
            cfg = firmware_transition,
            default = Label("//toolchains/arm_none_eabi:cc_toolchain"),
        ),
        "_allowlist_function_transition": attr.label(
            default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
        ),
    },
    fragments = ["cpp"],
)

# {board: platform label}, from the board registry (//boards:boards.bzl).
BOARDS = board_platforms()

def firmware_for_boards(name, deps, boards = BOARDS.keys(), **kwargs):
    """One firmware target per board, <name>_<board>, each with an ELF check
    test <name>_<board>_elf_test."""
    for board in boards:
        firmware(
            name = name + "_" + board,
            platform = BOARDS[board],
            deps = deps,
            **kwargs
        )
        firmware_elf_test(
            name = name + "_" + board + "_elf_test",
            firmware = ":" + name + "_" + board,
            board = board,
            size = "small",
        )

def firmware_elf_test(name, firmware, board, **kwargs):
    """Checks `firmware` (a firmware target for `board`) with tests/firmware/elf_check.py."""
    native.py_test(
        name = name,
        srcs = [str(Label("//tests/firmware:elf_check.py"))],
        main = str(Label("//tests/firmware:elf_check.py")),
        args = [board, "$(rootpaths %s)" % firmware],
        data = [firmware],
        python_version = "PY3",
        deps = [
            str(Label("//boards:board_registry")),
            str(Label("//tools/mapreport:mapreport_lib")),
            str(Label("//tools/stack:stack_lib")),
        ],
        **kwargs
    )
