# Shared steps of the bench scripts (bench/code_size.sh, bench/*/run.sh).
# Source it from the repository root:  . bench/lib/bench_lib.sh
# POSIX sh; every helper keeps its locals behind a bench_ prefix.

# Cortex-M7 -Os flags for //mem objects, as the firmware toolchain builds them
# (without the section flags, so a listing for path walking can leave them out).
M7_CFLAGS="-mcpu=cortex-m7 -mthumb -mfpu=fpv5-d16 -mfloat-abi=hard -Os -std=c11 \
-Wall -Wextra -Werror -Imem/include"

# m7_object <source> <object> [extra flags...]: compile one source for the
# Cortex-M7 at -Os with -ffunction-sections -fdata-sections.
m7_object() {
    bench_src=$1 bench_obj=$2
    shift 2
    # shellcheck disable=SC2086
    arm-none-eabi-gcc $M7_CFLAGS -ffunction-sections -fdata-sections "$@" \
        -c "$bench_src" -o "$bench_obj"
}

# m7_symbol_sizes <object>: one line per sized symbol, "    <bytes> <name>",
# smallest first.
m7_symbol_sizes() {
    arm-none-eabi-nm -S --size-sort "$1" |
        python3 -c 'import sys; [print("    %5d %s" % (int(p[1], 16), p[3])) for p in (l.split() for l in sys.stdin) if len(p) == 4]'
}

# callgrind_ir <out file> <function> <command...>: run the command under
# callgrind collecting only inside <function> (inclusive of its callees) and
# print the instructions counted.
callgrind_ir() {
    bench_out=$1 bench_fn=$2
    shift 2
    valgrind --tool=callgrind --toggle-collect="$bench_fn" \
        --callgrind-out-file="$bench_out" "$@" >/dev/null 2>&1
    sed -n 's/^summary: *\([0-9]*\).*/\1/p; s/^totals: *\([0-9]*\).*/\1/p' "$bench_out" | head -1
}

# boards_json_env <bazel-bin>: point the board registry (boards/board_registry.py,
# used by tools/qemu) at the boards.json a `bazel build //boards:boards` wrote
# under <bazel-bin>, for Python run from the source tree instead of runfiles.
boards_json_env() {
    TIDEMARK_BOARDS_JSON="$1/boards/boards.json"
    export TIDEMARK_BOARDS_JSON
}
