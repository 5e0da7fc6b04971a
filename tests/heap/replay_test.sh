#!/bin/sh
# Tests of //tests/heap:replay on small traces, for both heaps.
set -u
REPLAY="$1"
DIR="$(dirname "$2")"
fails=0

# expect <name> <exit code> <text expected in stdout+stderr> -- args...
expect() {
    name="$1"; code="$2"; text="$3"; shift 4
    out="$("$REPLAY" "$@" 2>&1)"
    got=$?
    if [ "$got" -ne "$code" ]; then
        echo "FAIL $name: exit $got, want $code"; echo "$out"; fails=$((fails + 1)); return
    fi
    case "$out" in
        *"$text"*) echo "ok   $name" ;;
        *) echo "FAIL $name: output lacks '$text'"; echo "$out"; fails=$((fails + 1)) ;;
    esac
}

for heap in tlsf llff; do
    expect "$heap basic" 0 '"integrity": "ok"' -- --heap=$heap --arena=16384 --check-every=1 "$DIR/basic.trace"
    expect "$heap counts" 0 '"ops": 15, "allocs": 6, "frees": 6, "reallocs": 3, "failed_allocs": 0' -- --heap=$heap --arena=16384 "$DIR/basic.trace"
    expect "$heap network trace" 0 '"failed_allocs": 0, "skipped_ops": 0' -- --heap=$heap --arena=131072 --check-every=1 "$DIR/net_small.trace"
    expect "$heap stdin" 0 '"ops": 15' -- --heap=$heap --arena=16384 - < "$DIR/basic.trace"
    expect "$heap reuse live id" 2 'reuse_live_id.trace:3: id 7 is already live' -- --heap=$heap "$DIR/reuse_live_id.trace"
    expect "$heap malformed" 2 'malformed.trace:2: id' -- --heap=$heap "$DIR/malformed.trace"
    expect "$heap bad alignment" 2 'bad_align.trace:1: alignment' -- --heap=$heap "$DIR/bad_align.trace"
    expect "$heap unknown id" 2 'unknown_id.trace:2: id 2 is not live' -- --heap=$heap "$DIR/unknown_id.trace"
    expect "$heap out of memory" 0 '"failed_allocs": 1, "skipped_ops": 2' -- --heap=$heap --arena=1024 "$DIR/out_of_memory.trace"
    expect "$heap damage caught" 1 'damaged at byte 0' -- --heap=$heap --arena=16384 --corrupt-at=6 "$DIR/basic.trace"
    expect "$heap bad heap name" 2 'usage' -- --heap=nope "$DIR/basic.trace"
    expect "$heap tiny arena" 2 'heap init failed: MEM_ERR_SIZE' -- --heap=$heap --arena=8 "$DIR/basic.trace"
    expect "$heap missing file" 2 'cannot open' -- --heap=$heap "$DIR/does_not_exist.trace"
done
printf 'x 1\n' > "${TEST_TMPDIR:-/tmp}/unknown_op.trace"
expect "unknown op" 2 'unknown_op.trace:1: unknown operation' -- "${TEST_TMPDIR:-/tmp}/unknown_op.trace"

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
