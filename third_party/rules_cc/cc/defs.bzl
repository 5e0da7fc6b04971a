"""Offline stand-in for rules_cc's cc/defs.bzl.

Bazel 4.2.3 (Debian's bazel-bootstrap) has the C/C++ rules built in; this file
only forwards to them so that every BUILD file can load from @rules_cc the way
it will on a newer Bazel with the real rules_cc. See README.md ("Using a newer
Bazel") for the one-line swap.
"""

def cc_library(**kwargs):
    native.cc_library(**kwargs)

def cc_binary(**kwargs):
    native.cc_binary(**kwargs)

def cc_test(**kwargs):
    native.cc_test(**kwargs)

def cc_import(**kwargs):
    native.cc_import(**kwargs)

def cc_proto_library(**kwargs):
    native.cc_proto_library(**kwargs)

def cc_toolchain(**kwargs):
    native.cc_toolchain(**kwargs)

def cc_toolchain_suite(**kwargs):
    native.cc_toolchain_suite(**kwargs)

def objc_library(**kwargs):
    native.objc_library(**kwargs)

def objc_import(**kwargs):
    native.objc_import(**kwargs)
