#!/bin/sh
# Reproduce every number in docs/benchmarks/containers.md: host callgrind
# instructions per operation (x86-64, clang -O2) and Cortex-M7 -Os code size.
# Run from anywhere inside the repo:
#   bench/containers/run.sh      (OUTPUT_BASE=/root/.cache/bazel-cont by default)
set -eu
cd "$(dirname "$0")/../.."
. bench/lib/bench_lib.sh
OB="${OUTPUT_BASE:-/root/.cache/bazel-cont}"
TMP="${TMPDIR:-/tmp}/containers_bench.$$"
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
bazel --output_base="$OB" build --jobs=2 -c opt --symlink_prefix=/ //bench/containers:all >/dev/null 2>&1
BIN="$(bazel --output_base="$OB" info -c opt bazel-bin 2>/dev/null)/bench/containers"

# measure <binary> <scenario> <function>: instructions inside <function>
# (inclusive of its callees, e.g. memcpy) divided by the calls it made.
measure() {
    calls="$("$BIN/$1" "$2" | sed 's/.*calls=\([0-9]*\).*/\1/')"
    total="$(callgrind_ir "$TMP/cg.out" "$3" "$BIN/$1" "$2")"
    awk -v t="$total" -v c="$calls" -v b="$1" -v s="$2" -v f="$3" \
        'BEGIN { printf "| %-12s | %-12s | %-22s | %8d | %7.1f |\n", b, s, f, c, t / c }'
}

echo "## Host callgrind: instructions per call (x86-64, clang -O2)"
echo "| binary       | scenario     | function               |    calls |  Ir/op |"
echo "|--------------|--------------|------------------------|----------|--------|"
measure vector_bench push mem_vec_push
measure vector_bench pop mem_vec_pop
measure vector_bench insert0 mem_vec_insert
measure vector_bench remove0 mem_vec_remove
measure vector_bench at mem_vec_at
measure str_bench append mem_str_append_n
measure str_bench append_char mem_str_append_char
measure str_bench fmt_int mem_str_appendf
measure str_bench fmt_hex mem_str_appendf
measure str_bench fmt_str mem_str_appendf
measure str_bench fmt_line mem_str_appendf
measure str_bench fmt_u64 mem_str_appendf
measure map_bench get_hit mem_map_get
measure map_bench get_miss mem_map_get
measure map_bench insert_rep mem_map_insert
measure map_bench remove_ins mem_map_remove
measure map_bench remove_ins mem_map_insert
measure map_bench iter_next mem_map_iter_next
measure stack_bench paint mem_stack_paint
measure stack_bench measure mem_stack_measure
measure stack_bench measure_full mem_stack_measure

echo
echo "## Cortex-M7 -Os code size (arm-none-eabi-gcc, -DNDEBUG)"
arm-none-eabi-gcc --version | head -1
for c in vector str map stack; do
    m7_object mem/src/$c.c "$TMP/$c.o" -DNDEBUG
    arm-none-eabi-size "$TMP/$c.o" | tail -1
    m7_symbol_sizes "$TMP/$c.o"
    printf '    external: %s\n' "$(arm-none-eabi-nm -u "$TMP/$c.o" | awk '{print $2}' | tr '\n' ' ')"
done
