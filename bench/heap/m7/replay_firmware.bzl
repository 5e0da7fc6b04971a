"""heap_replay_firmware: the replay firmware for one trace (mps2-an500)."""

load("@rules_cc//cc:defs.bzl", "cc_library")
load("//tools/build:copts.bzl", "C_COPTS")
load("//tools/firmware:firmware.bzl", "firmware")

def heap_replay_firmware(name, trace, heaps = "//bench/heap/m7:tidemark_set", max_ops = 0, tags = [], visibility = None):
    """<name>_mps2_an500: replay_main.c + the heap set `heaps` + `trace`
    packed by trace_pack.py."""
    native.genrule(
        name = name + "_packed",
        srcs = [trace],
        outs = [name + "_trace.c"],
        cmd = "$(location //bench/heap/m7:trace_pack) --max-ops=%d $< $@" % max_ops,
        tools = ["//bench/heap/m7:trace_pack"],
        tags = tags,
    )
    cc_library(
        name = name + "_trace",
        srcs = [name + "_trace.c"],
        copts = C_COPTS,
        target_compatible_with = ["//platforms:board_mps2_an500"],
        tags = tags,
    )
    firmware(
        name = name + "_mps2_an500",
        platform = "//platforms:mps2_an500",
        deps = ["//bench/heap/m7:replay_main", heaps, ":" + name + "_trace"],
        tags = tags,
        visibility = visibility,
    )
