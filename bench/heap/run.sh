#!/bin/sh
# Reproduce every number in docs/benchmarks/heap.md. Host-only (valgrind)
# plus the Cortex-M7 cross compiler. Run from anywhere inside the repo:
#   bench/heap/run.sh            (OUTPUT_BASE=/root/.cache/bazel-heap by default)
# Sections: stress, arena multiples (synthetic + recorded traces), host
# callgrind, emulated Cortex-M7 replay (QEMU -icount), code size and static
# longest Thumb-2 paths. About 5 minutes on the 2-core dev box (the first-fit
# heap on the large recorded traces dominates).
set -eu
cd "$(dirname "$0")/../.."
. bench/lib/bench_lib.sh
OB="${OUTPUT_BASE:-/root/.cache/bazel-heap}"
TMP="${TMPDIR:-/tmp}/heap_bench.$$"
mkdir -p "$TMP"
TRACES="awk cc1 cppcheck perl python3"   # bench/heap/traces/<t>.trace.gz
M7="//bench/heap/m7:replay_net_small_mps2_an500"
for t in $TRACES; do M7="$M7 //bench/heap/m7:replay_${t}_mps2_an500"; done
# shellcheck disable=SC2086
bazel --output_base="$OB" build --jobs=2 -c opt --symlink_prefix=/ //bench/heap:all //boards:boards $M7 >/dev/null 2>&1
boards_json_env "$(bazel --output_base="$OB" info -c opt bazel-bin 2>/dev/null)"
BIN="$(bazel --output_base="$OB" info -c opt bazel-bin 2>/dev/null)/bench/heap"
ARENA=327680   # 320 KiB: the stress peaks at ~300 KB live

echo "## Fragmentation stress (10^6 ops, arena $ARENA bytes)"
for heap in tlsf llff; do "$BIN/heap_stress" --heap=$heap --arena=$ARENA; done

echo
echo "## Smallest arena without a failed allocation (synthetic traces)"
for seed in 1 2 3; do
    "$BIN/trace_gen" --ops=300000 --seed=$seed > "$TMP/net$seed.trace"
    "$BIN/arena_search" "$TMP/net$seed.trace"
done

echo
echo "## Smallest arena without a failed allocation (recorded traces)"
for t in $TRACES; do
    gzip -dc "bench/heap/traces/$t.trace.gz" > "$TMP/$t.trace"
    "$BIN/arena_search" "$TMP/$t.trace"
done

echo
echo "## Emulated Cortex-M7 (QEMU mps2-an500, -icount shift=7): instructions per call"
for t in net_small $TRACES; do
    PYTHONPATH=. python3 bench/heap/m7/run_m7.py --timeout=2400 \
        "$BIN/m7/replay_${t}_mps2_an500.elf"
done

echo
echo "## Host callgrind (x86-64, clang -O2): mean instructions per call"
for heap in tlsf llff; do
    out="$(valgrind --tool=callgrind --callgrind-out-file="$TMP/cg_$heap.out" \
        "$BIN/heap_stress" --heap=$heap --arena=$ARENA 2>/dev/null | grep '^summary')"
    calls_a="$(echo "$out" | sed 's/.*alloc_calls=\([0-9]*\).*/\1/')"
    calls_f="$(echo "$out" | sed 's/.*free_calls=\([0-9]*\).*/\1/')"
    callgrind_annotate --inclusive=yes "$TMP/cg_$heap.out" 2>/dev/null |
        awk -v a="$calls_a" -v f="$calls_f" -v h="$heap" '
            $0 ~ ("mem_" h "_alloc ") || $0 ~ ("mem_" h "_alloc \\[") { gsub(",", "", $1); printf "%s alloc: mean %.1f over %d calls\n", h, $1 / a, a }
            $0 ~ ("mem_" h "_free ") || $0 ~ ("mem_" h "_free \\[") { gsub(",", "", $1); printf "%s free:  mean %.1f over %d calls\n", h, $1 / f, f }'
done

echo
echo "## Host callgrind: max instructions per call (one dump per distinct path)"
for heap in tlsf llff; do
    "$BIN/heap_stress_paths" --heap=$heap --arena=$ARENA --paths-out="$TMP/sel_$heap.txt" | grep '^paths'
    rm -rf "$TMP/cgd_$heap" && mkdir "$TMP/cgd_$heap"
    valgrind --tool=callgrind --dump-instr=no --dump-line=no \
        --callgrind-out-file="$TMP/cgd_$heap/out" \
        "$BIN/heap_stress" --heap=$heap --arena=$ARENA --dump-calls="$TMP/sel_$heap.txt" >/dev/null 2>&1
    echo "$heap:"; python3 bench/heap/callgrind_calls.py "$TMP/cgd_$heap/out"
done

echo
echo "## Heap interface (mem/heap.h): host instructions per call, direct vs through the table"
for heap in tlsf llff; do
    for op in alloc free; do
        d="$(callgrind_ir "$TMP/ic.out" "loop_${heap}_direct_$op" "$BIN/interface_cost")"
        o="$(INTERFACE_COST_HEAP=$heap callgrind_ir "$TMP/ic.out" "loop_ops_$op" "$BIN/interface_cost")"
        echo "$heap $op: direct $d, ops $o, added per call $(( (o - d) / 100000 ))"
    done
done

echo
echo "## Cortex-M7 -Os: code size and longest Thumb-2 path"
for c in tlsf llff heap_locked; do
    m7_object mem/src/$c.c "$TMP/$c.o" -DNDEBUG
    arm-none-eabi-size "$TMP/$c.o" | tail -1
    m7_symbol_sizes "$TMP/$c.o"
done
# Core allocator = init + alloc + free and their helpers (what a malloc/free
# retarget links when it does not use realloc/aligned/calloc/stats/check).
for c in tlsf llff; do
    arm-none-eabi-nm -S "$TMP/$c.o" | python3 -c '
import sys
c = sys.argv[1]
# llff_alloc is a thin call into llff_aligned_alloc, which holds the fit loop
skip = ("realloc", "calloc", "stats", "check", "usable_size", "oom_hook_set") + (("aligned_alloc",) if c == "tlsf" else ())
# tlsf: free inlines the merge; the out-of-line release() serves realloc only
extra = {"mem_%s_%s" % (c, n) for n in skip} | {"corrupt", "poison", "poison_damage"} | ({"release"} if c == "tlsf" else set())
# the mem/heap.h table forwarders (mem_<heap>_op_*) are not part of the core
extra |= {"mem_%s_op_%s" % (c, n) for n in ("init", "alloc", "aligned_alloc", "calloc", "realloc", "free", "usable_size", "oom_hook_set", "stats", "check")}
total = core = 0
for line in sys.stdin:
    p = line.split()
    if len(p) == 4 and p[2].lower() == "t":
        n = int(p[1], 16); total += n
        if p[3] not in extra: core += n
print("%s: .text %d B, core (init+alloc+free+helpers) %d B" % (c, total, core))' "$c"
done
# malloc retarget objects alone (shared core over mem/heap.h, TLSF handle)
m7_object mem/src/malloc_retarget.c "$TMP/malloc_retarget.o" -DNDEBUG
arm-none-eabi-size "$TMP/malloc_retarget.o" | tail -1
m7_object mem/src/malloc_retarget_tlsf.c "$TMP/malloc_retarget_tlsf.o" -DNDEBUG
arm-none-eabi-size "$TMP/malloc_retarget_tlsf.o" | tail -1
# Without section flags: one listing whose branch targets resolve in place
# (-fno-reorder-functions keeps the cold misuse functions out of
# .text.unlikely, where a tail branch to them would show a wrong target).
# shellcheck disable=SC2086
arm-none-eabi-gcc $M7_CFLAGS -fno-reorder-functions -DNDEBUG -c mem/src/tlsf.c -o "$TMP/tlsf_paths.o"
arm-none-eabi-objdump -d --no-show-raw-insn "$TMP/tlsf_paths.o" > "$TMP/tlsf.dis"
echo "tlsf longest Thumb-2 paths (upper bound, instructions):"
python3 bench/heap/thumb_paths.py "$TMP/tlsf.dis" mem_tlsf_alloc mem_tlsf_free mem_tlsf_aligned_alloc mem_tlsf_realloc | sed 's/^/    /'
echo "tlsf through mem_tlsf_ops (the forwarder adds its one branch):"
python3 bench/heap/thumb_paths.py "$TMP/tlsf.dis" mem_tlsf_op_alloc mem_tlsf_op_free | sed 's/^/    /'
rm -rf "$TMP"
