#!/bin/sh
# Times a past revision of //mem with this directory's Cortex-M7 harness, so
# "before" and "after" numbers come from the same loops:
#   before_after.sh [commit]        (default 12f5b82, before the rewrite)
# Exports <commit> to $TMPDIR/tidemark-before-<commit> (git archive: read-only), copies the
# harness in with M7_BENCH_GENERIC_ONLY=1 (generic queue and pool only), builds
# with -c opt for mps2-an500 and prints instructions per call.
# OUTPUT_BASE overrides the Bazel output base (default
# /root/.cache/bazel-conc-before).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
commit=${1:-12f5b82}
ob=${OUTPUT_BASE:-/root/.cache/bazel-conc-before}
# A fixed path: Bazel's external repositories point into the tree, so it must
# be the same on every run with this output base.
tree=${TMPDIR:-/tmp}/tidemark-before-$commit
rm -rf "$tree"
mkdir -p "$tree"
git -C "$root" archive "$commit" | tar -x -C "$tree"
mkdir -p "$tree/bench/concurrency/m7_before"
cp "$here/baselines.c" "$here/baselines.h" "$here/main.c" "$here/m7_bench.py" \
    "$tree/bench/concurrency/m7_before/"
cat >"$tree/bench/concurrency/m7_before/BUILD" <<'BUILD'
load("@rules_cc//cc:defs.bzl", "cc_library")
load("//tools/build:copts.bzl", "C_COPTS")
load("//tools/firmware:firmware.bzl", "firmware")

cc_library(
    name = "lib",
    srcs = ["baselines.c", "baselines.h", "main.c"],
    copts = C_COPTS + ["-Os", "-DM7_BENCH_GENERIC_ONLY=1"],
    target_compatible_with = ["//platforms:armv7e-m"],
    deps = ["//bsp", "//bsp:interface", "//mem:pool", "//mem:spsc"],
)

firmware(
    name = "fw",
    platform = "//platforms:mps2_an500",
    deps = [":lib"],
)
BUILD
cd "$tree"
bazel --output_base="$ob" build -c opt --jobs=2 --symlink_prefix=/ --config=mps2_an500 \
    //bench/concurrency/m7_before:fw >"$tree/build.log" 2>&1 || { tail -30 "$tree/build.log"; exit 1; }
elf="$(bazel --output_base="$ob" info -c opt --config=mps2_an500 bazel-bin 2>/dev/null)/bench/concurrency/m7_before/fw.elf"
echo "== $commit"
PYTHONPATH="$tree/tools/qemu" python3 "$tree/bench/concurrency/m7_before/m7_bench.py" "$elf"
bazel --output_base="$ob" shutdown >/dev/null 2>&1 || true
