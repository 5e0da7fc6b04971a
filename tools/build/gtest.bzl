"""gtest_test: a host unit test on Debian's GoogleTest.

Every GoogleTest target in the project is the same decision: C++17 with every
warning an error (TEST_COPTS), linked with gtest_main, built for the host
only. Test files state what they test (srcs, deps) and nothing else.
"""

load("@rules_cc//cc:defs.bzl", "cc_test")
load("//tools/build:copts.bzl", "TEST_COPTS")
load("//tools/build:host_only.bzl", "HOST_ONLY")

def gtest_test(name, srcs = None, deps = [], size = "small", copts = [], **kwargs):
    """cc_test `name` from `srcs` (default: `name`.cc) with TEST_COPTS + `copts` and gtest_main."""
    cc_test(
        name = name,
        size = size,
        srcs = srcs if srcs != None else [name + ".cc"],
        copts = TEST_COPTS + copts,
        deps = deps + ["@com_google_googletest//:gtest_main"],
        target_compatible_with = HOST_ONLY,
        **kwargs
    )
