#!/bin/sh
# Side-by-side heap benchmark: tidemark's TLSF and llff beside o1heap, TLSF
# (mattconte), FreeRTOS heap_4 and umm_malloc, built from the peers' own
# sources, in one replay firmware per trace (bench/heap/peers/BUILD).
#   bench/heap/peers/side_by_side.sh PEERS_DIR [OUT.md] [trace ...]
# PEERS_DIR holds o1heap/, tlsf/, FreeRTOS-Kernel/ and umm_malloc/ (their
# repositories). The peers never enter tidemark: a scratch Bazel repository
# @heap_peers is made under $TMPDIR (symlinks to PEERS_DIR, tidemark's
# port/ shims and scratch.BUILD) and passed with --override_repository.
# Prints markdown tables (side_by_side.py) and writes them to OUT.md if
# given. Default traces: every bench/heap/traces/*.trace.gz.
set -eu
[ $# -ge 1 ] || { echo "usage: $0 PEERS_DIR [OUT.md] [trace ...]" >&2; exit 2; }
PEERS="$(cd "$1" && pwd)"
OUT="${2:-}"
[ $# -ge 2 ] && shift 2 || shift 1
cd "$(dirname "$0")/../../.."
. bench/lib/bench_lib.sh
for p in o1heap tlsf FreeRTOS-Kernel umm_malloc; do
    [ -d "$PEERS/$p" ] || { echo "side_by_side: $PEERS/$p missing" >&2; exit 2; }
done
TRACES="$*"
[ -n "$TRACES" ] || TRACES="$(cd bench/heap/traces && ls *.trace.gz | sed 's/\.trace\.gz$//' | tr '\n' ' ')"

SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/heap_peers.XXXXXX")"
trap 'rm -rf "$SCRATCH"' EXIT
trap 'exit 1' INT TERM
for p in o1heap tlsf FreeRTOS-Kernel umm_malloc; do
    ln -s "$PEERS/$p" "$SCRATCH/$p"
done
mkdir "$SCRATCH/port"
cp bench/heap/peers/port/*.h "$SCRATCH/port/"
cp bench/heap/peers/scratch.BUILD "$SCRATCH/BUILD"
echo 'workspace(name = "heap_peers")' > "$SCRATCH/WORKSPACE"

# The peers' exact versions, for the tables.
{
    echo "Peers (from $PEERS):"
    echo
    for p in o1heap tlsf FreeRTOS-Kernel umm_malloc; do
        if git -C "$PEERS/$p" rev-parse HEAD >/dev/null 2>&1; then
            echo "- $p: $(git -C "$PEERS/$p" describe --tags --always 2>/dev/null), commit $(git -C "$PEERS/$p" rev-parse HEAD)"
        else
            echo "- $p: (not a git checkout)"
        fi
    done
} > "$SCRATCH/versions.md"

TARGETS=""
RUNS=""
for t in $TRACES; do
    TARGETS="$TARGETS //bench/heap/peers:side_${t}_mps2_an500"
done
# shellcheck disable=SC2086
bazel build -c opt --override_repository=heap_peers="$SCRATCH" $TARGETS //boards:boards
boards_json_env "$(bazel info -c opt bazel-bin 2>/dev/null)"
BIN="$(bazel info -c opt bazel-bin 2>/dev/null)/bench/heap/peers"
for t in $TRACES; do
    RUNS="$RUNS $t=$BIN/side_${t}_mps2_an500.elf"
done
# shellcheck disable=SC2086
python3 bench/heap/peers/side_by_side.py --versions="$SCRATCH/versions.md" ${OUT:+--out="$OUT"} $RUNS
