"""tidemark's external repositories, all offline; call from a WORKSPACE.

    # In tidemark's own WORKSPACE, and in a workspace that uses tidemark:
    load("@tidemark//tools/build:deps.bzl", "tidemark_dependencies", "tidemark_toolchains")
    tidemark_dependencies()
    tidemark_toolchains()

tidemark_dependencies() declares what Bazel 4.2.3's built-in WORKSPACE suffix
would otherwise try to download (rules_cc, rules_java, remote_coverage_tools:
small stand-ins kept in third_party/), Debian's GoogleTest, and the
arm-none-eabi-gcc detection. Each is skipped if the workspace already
defines a repository of that name, so a user with network can declare the
real ones first (see README, "Using a newer Bazel").
"""

load("//third_party/googletest:debian_googletest.bzl", "debian_googletest")
load("//toolchains/arm_none_eabi:detect.bzl", "arm_none_eabi_detect")

def _files_repo_impl(rctx):
    for src, dest in rctx.attr.files.items():
        rctx.symlink(rctx.path(src), dest)

# A repository made of files from this repository (the stand-ins).
_files_repo = repository_rule(
    implementation = _files_repo_impl,
    attrs = {"files": attr.label_keyed_string_dict(allow_files = True)},
)

def _maybe(rule, name, **kwargs):
    if name not in native.existing_rules():
        rule(name = name, **kwargs)

def tidemark_dependencies():
    _maybe(
        _files_repo,
        name = "rules_cc",
        files = {
            Label("//third_party/rules_cc:WORKSPACE"): "WORKSPACE",
            Label("//third_party/rules_cc:BUILD"): "BUILD",
            Label("//third_party/rules_cc/cc:BUILD"): "cc/BUILD",
            Label("//third_party/rules_cc/cc:defs.bzl"): "cc/defs.bzl",
        },
    )
    _maybe(
        _files_repo,
        name = "rules_java",
        files = {
            Label("//third_party/rules_java:WORKSPACE"): "WORKSPACE",
            Label("//third_party/rules_java:BUILD"): "BUILD",
            Label("//third_party/rules_java/java:BUILD"): "java/BUILD",
            Label("//third_party/rules_java/java:defs.bzl"): "java/defs.bzl",
        },
    )
    _maybe(
        _files_repo,
        name = "remote_coverage_tools",
        files = {
            Label("//third_party/remote_coverage_tools:WORKSPACE"): "WORKSPACE",
            Label("//third_party/remote_coverage_tools:BUILD"): "BUILD",
            Label("//third_party/remote_coverage_tools:unavailable.sh"): "unavailable.sh",
        },
    )
    _maybe(
        debian_googletest,
        name = "com_google_googletest",
        build_file = Label("//third_party/googletest:BUILD.googletest"),
    )
    _maybe(arm_none_eabi_detect, name = "arm_none_eabi_gcc")

def tidemark_toolchains():
    native.register_toolchains(
        str(Label("//toolchains/arm_none_eabi:toolchain")),
        str(Label("//tools/python:toolchain")),
    )
