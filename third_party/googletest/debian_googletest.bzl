"""GoogleTest from Debian's `googletest` package (sources in /usr/src/googletest).

The repository always loads. When the package is missing, or is not 1.12.x,
the generated targets fail at build time with one line naming the package to
install, instead of a Starlark traceback at load time.
"""

load("//tools/build:host_only.bzl", "HOST_ONLY_CONSTRAINT", "IS_CORTEX_M7")

_SRC = "/usr/src/googletest"
_WANT = "1.12."

def _fail_build(rctx, message):
    rctx.file("BUILD.bazel", """
package(default_visibility = ["//visibility:public"])

genrule(
    name = "missing",
    outs = ["missing.cc"],
    cmd = "echo 'tidemark: {msg}' >&2; exit 1",
)

[cc_library(name = n, srcs = [":missing"]) for n in ["gtest", "gtest_main", "gmock", "gmock_main"]]
""".format(msg = message))

def _debian_googletest_impl(rctx):
    cmake = rctx.path(_SRC + "/CMakeLists.txt")
    if not cmake.exists:
        _fail_build(rctx, "GoogleTest sources not found in " + _SRC +
                          ": install the Debian package googletest (apt-get install googletest, or ./rig test)")
        return
    version = ""
    for line in rctx.read(cmake).splitlines():
        if "GOOGLETEST_VERSION" in line and line.strip().startswith("set("):
            version = line.strip()[len("set(GOOGLETEST_VERSION"):].strip(" )")
    if not version.startswith(_WANT):
        _fail_build(rctx, "Debian googletest is version '" + version + "', tidemark needs 1.12.x (Debian 12 package googletest)")
        return
    rctx.symlink(_SRC + "/googletest", "googletest")
    rctx.symlink(_SRC + "/googlemock", "googlemock")
    # GoogleTest is host-only: on a Cortex-M platform it is incompatible, so
    # wildcard cross builds (bazel build --config=stm32f769 //...) skip every
    # test that depends on it instead of compiling it for the target.
    rctx.template("BUILD.bazel", rctx.attr.build_file, substitutions = {
        "%{host_only}": """select({
        "%s": ["%s"],
        "//conditions:default": [],
    })""" % (IS_CORTEX_M7, HOST_ONLY_CONSTRAINT),
    })

debian_googletest = repository_rule(
    implementation = _debian_googletest_impl,
    attrs = {"build_file": attr.label(allow_single_file = True)},
    local = True,
    doc = "GoogleTest 1.12.x from Debian's googletest package.",
)
