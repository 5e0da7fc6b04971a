#!/bin/sh
# Reproduces every number in docs/benchmarks/concurrency.md.
#   1. host instructions per operation (callgrind, -c opt build)
#   2. Cortex-M7 -Os code size per component, and of the core paths
#   3. Thumb-2 instruction counts of the hot paths (arm-none-eabi-objdump)
#   4. instructions per call on the emulated Cortex-M7 (QEMU mps2-an500,
#      -icount shift=0, firmware bench/concurrency/m7 built with -c opt)
# Run from anywhere inside the repository. OUTPUT_BASE overrides the Bazel
# output base (default: /root/.cache/bazel-conc).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
. bench/lib/bench_lib.sh
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
          mem_spsc_peek mem_spsc_release bench_typed_push bench_typed_pop \
          bench_typed_hw_push bench_typed_hw_pop mem_ring_push mem_ring_pop \
          mem_pool_alloc mem_pool_free; do
    ir=$(callgrind_ir "$work/cg.$fn" "$fn" "$bin")
    awk -v fn="$fn" -v ir="$ir" -v ops="$ops" \
        'BEGIN { printf "%-20s %6.1f instructions/op (incl. callees)\n", fn, ir / ops }'
done

echo "== Cortex-M7 -Os: code size (arm-none-eabi-gcc $(arm-none-eabi-gcc -dumpversion))"
for c in spsc pool ring; do
    m7_object "mem/src/$c.c" "$work/$c.o"
done
# The pool's alloc/free on Cortex-M: mem/src/arch/armv7m/pool.S.
m7_object mem/src/arch/armv7m/pool.S "$work/pool_armv7m.o"
m7_object bench/concurrency/m7/measured_ops.c "$work/measured_ops.o" -I.
arm-none-eabi-size "$work/spsc.o" "$work/pool.o" "$work/pool_armv7m.o" "$work/ring.o"
full=$(arm-none-eabi-size "$work/spsc.o" "$work/pool.o" "$work/pool_armv7m.o" | awk 'NR > 1 {t += $1} END {print t}')
echo "spsc + pool text, full API (every function):                $full bytes"
# Core paths: the four hot functions plus the out-of-line failure paths they
# branch to (empty pool, rejected pointer, double free).
core=$(arm-none-eabi-size -A "$work/spsc.o" "$work/pool.o" "$work/pool_armv7m.o" | awk '
    $1 ~ /^\.text\.(mem_pool_alloc|mem_pool_free|mem_pool_alloc_empty_|mem_pool_free_rejected_|mem_pool_free_double_|mem_spsc_push|mem_spsc_pop)$/ {
        t += $2; printf "    %-28s %4d\n", substr($1, 7), $2 }
    END { print t > "/dev/stderr" }' 2>"$work/core")
echo "$core"
echo "spsc + pool text, core paths (alloc, free, push, pop + their failure exits): $(cat "$work/core") bytes"
with_init=$(arm-none-eabi-size -A "$work/spsc.o" "$work/pool.o" | awk '
    $1 ~ /^\.text\.(mem_pool_init|mem_spsc_init)$/ { t += $2 } END { print t }')
echo "    + mem_pool_init + mem_spsc_init: $with_init bytes"
arm-none-eabi-size -A "$work/measured_ops.o" | awk '$1 ~ /^\.text\.bench_typed/ {
    printf "typed API, out-of-line body %-24s %4d bytes\n", substr($1, 7), $2 }'

echo "== Cortex-M7 -Os: Thumb-2 instructions (uncontended success path)"
"$here/count_thumb_insns.sh" "$work"

echo "== Cortex-M7 emulated (QEMU mps2-an500, -icount shift=0, -c opt firmware)"
bazel --output_base="$ob" build -c opt --jobs=2 --symlink_prefix=/ --config=mps2_an500 \
    //bench/concurrency/m7:m7_bench_mps2_an500 //boards:boards >/dev/null 2>&1
boards_json_env "$(bazel --output_base="$ob" info -c opt --config=mps2_an500 bazel-bin 2>/dev/null)"
elf="$(bazel --output_base="$ob" info -c opt --config=mps2_an500 bazel-bin 2>/dev/null)/bench/concurrency/m7/m7_bench_mps2_an500.elf"
PYTHONPATH="$root" python3 "$here/m7/m7_bench.py" "$elf" | sed -n '/^Cortex-M7/,$p'
