"""Test firmware for the emulated Cortex-M7 board and the py_test that boots it.

target_test(name, srcs, deps, test) makes <name>_lib (the firmware's code,
with //tests/support:target_check for its check lines), <name>_mps2_an500
(the firmware) and <name>_qemu_test (`test`, a Python file that gets the
firmware's files as arguments and uses //tools/qemu:qemu_run).
"""

load("@rules_cc//cc:defs.bzl", "cc_library")
load("//tools/build:copts.bzl", "C_COPTS")
load("//tools/firmware:firmware.bzl", "firmware")

def target_test(name, srcs, deps, test, alwayslink = False, size = "small", test_deps = []):
    """alwayslink: set when srcs define handlers only the vector table names;
    test_deps: Python libraries the test uses besides qemu_run."""
    cc_library(
        name = name + "_lib",
        testonly = True,
        srcs = srcs,
        alwayslink = alwayslink,
        copts = C_COPTS,
        target_compatible_with = ["//platforms:armv7e-m"],
        deps = deps + [
            "//bsp",
            "//bsp:console",
            "//bsp:interface",
            "//tests/support:target_check",
        ],
    )
    firmware(
        name = name + "_mps2_an500",
        testonly = True,
        platform = "//platforms:mps2_an500",
        deps = [":" + name + "_lib"],
    )
    native.py_test(
        name = name + "_qemu_test",
        size = size,
        srcs = [test],
        args = ["$(rootpaths :%s_mps2_an500)" % name],
        data = [":" + name + "_mps2_an500"],
        main = test,
        python_version = "PY3",
        deps = ["//tools/qemu:qemu_run"] + test_deps,
    )
