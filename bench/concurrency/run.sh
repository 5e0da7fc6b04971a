#!/bin/sh
# Reproduces every number in docs/benchmarks/concurrency.md.
#   1. host instructions per operation (callgrind, -c opt build)
#   2. Cortex-M7 -Os code size per component (arm-none-eabi-size)
#   3. Thumb-2 instruction counts of the hot paths (arm-none-eabi-objdump)
# Run from anywhere inside the repository. OUTPUT_BASE overrides the Bazel
# output base (default: /root/.cache/bazel-conc).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
ob=${OUTPUT_BASE:-/root/.cache/bazel-conc}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== host: instructions per operation (callgrind, bazel -c opt, clang)"
# --symlink_prefix=/ leaves the shared bazel-* symlinks alone.
bazel --output_base="$ob" build -c opt --jobs=2 --symlink_prefix=/ \
    //bench/concurrency:concurrency_bench >/dev/null 2>&1
bin="$(bazel --output_base="$ob" info -c opt bazel-bin 2>/dev/null)/bench/concurrency/concurrency_bench"
ops=$("$bin" | awk '/ops_per_function/ {print $2}')
for fn in mem_spsc_push mem_spsc_pop mem_spsc_reserve mem_spsc_commit \
          mem_spsc_peek mem_spsc_release mem_ring_push mem_ring_pop \
          mem_pool_alloc mem_pool_free; do
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.$fn" \
        --toggle-collect="$fn" "$bin" >/dev/null 2>&1
    ir=$(awk '/^totals:/ {print $2}' "$work/cg.$fn")
    awk -v fn="$fn" -v ir="$ir" -v ops="$ops" \
        'BEGIN { printf "%-18s %6.1f instructions/op (incl. callees)\n", fn, ir / ops }'
done

echo "== Cortex-M7 -Os: code size (arm-none-eabi-gcc $(arm-none-eabi-gcc -dumpversion))"
cflags="-mcpu=cortex-m7 -mthumb -mfpu=fpv5-d16 -mfloat-abi=hard -Os -std=c11 \
-Wall -Wextra -Werror -ffunction-sections -fdata-sections -Imem/include"
for c in spsc pool ring; do
    # shellcheck disable=SC2086
    arm-none-eabi-gcc $cflags -c "mem/src/$c.c" -o "$work/$c.o"
done
arm-none-eabi-size "$work/spsc.o" "$work/pool.o" "$work/ring.o"
awk_total=$(arm-none-eabi-size "$work/spsc.o" "$work/pool.o" | awk 'NR > 1 {t += $1} END {print t}')
echo "spsc + pool text: $awk_total bytes"

echo "== Cortex-M7 -Os: Thumb-2 instructions (uncontended success path)"
"$here/count_thumb_insns.sh" "$work"
