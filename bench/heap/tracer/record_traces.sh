#!/bin/sh
# Re-record bench/heap/traces/*.trace.gz with the LD_PRELOAD tracer
# (//bench/heap/tracer:libheap_tracer.so) from Debian programs that run
# offline here: mawk, cc1 (via gcc -c), cppcheck, perl, python3. Each trace
# is capped at 300,000 operations (HEAP_TRACE_MAX_OPS). The inputs are
# generated with fixed seeds, but the programs' own allocation behaviour
# depends on their versions (Debian 12: mawk 1.3.4, gcc 12, cppcheck 2.10,
# perl 5.36, python 3.11), so a re-recording may differ slightly.
#   bench/heap/tracer/record_traces.sh [out_dir]   (default bench/heap/traces)
set -eu
cd "$(dirname "$0")/../../.."
OUT="${1:-bench/heap/traces}"
OB="${OUTPUT_BASE:-/root/.cache/bazel-heap}"
bazel --output_base="$OB" build --jobs=2 -c opt --symlink_prefix=/ //bench/heap/tracer:libheap_tracer.so >/dev/null 2>&1
LIB="$(bazel --output_base="$OB" info -c opt bazel-bin 2>/dev/null)/bench/heap/tracer/libheap_tracer.so"
TMP="${TMPDIR:-/tmp}/heap_traces.$$"
mkdir -p "$TMP" "$OUT"
HDR="# recorded with bench/heap/tracer (libheap_tracer.so); see bench/heap/tracer/record_traces.sh"

# run <name> <command...>: trace the command; keep the biggest per-process file
run() {
    name="$1"; shift
    HEAP_TRACE_OUT="$TMP/$name" HEAP_TRACE_MAX_OPS=300000 LD_PRELOAD="$LIB" "$@" >/dev/null 2>&1 || true
    big="$(ls -S "$TMP/$name".* | head -1)"
    { echo "$HDR"; cat "$big"; } | gzip -9 > "$OUT/$name.trace.gz"
    echo "$name: $(($(gzip -dc "$OUT/$name.trace.gz" | wc -l) - 1)) ops from $(basename "$big")"
}

/usr/bin/python3 -c "
import random
r = random.Random(1); w = ['w%d' % i for i in range(20000)]
print('\n'.join(' '.join(r.choice(w) + str(r.randrange(50)) for _ in range(12)) for _ in range(40000)))" > "$TMP/words.txt"

run awk mawk '{for(i=1;i<=NF;i++) { w = substr($i, 1, 4); c[w]++ }; a[NR % 3000] = $0; s = s substr($1,1,3); if (length(s) > 200) s = ""; split($0, parts, "1")} END{n=0; for(k in c) if (c[k]>3) n++; print n}' "$TMP/words.txt"
run cc1 gcc -O2 -Imem/include -c mem/src/str.c -o "$TMP/str.o"
run cppcheck cppcheck -q mem/src/tlsf.c mem/src/llff.c
run perl perl -e 'my %h; for my $i (1..60000) { my $k = "key" . ($i % 7919); $h{$k} .= "x" x ($i % 37); delete $h{"key" . (($i * 7) % 7919)} if $i % 3 == 0; } my @a = sort keys %h; print scalar(@a), "\n";'
run python3 env PYTHONMALLOC=malloc /usr/bin/python3 -c '
import json
d = {"k%d" % i: [i, str(i) * (i % 13), {"x": i}] for i in range(20000)}
s = json.dumps(d)
e = json.loads(s)
print(len(s), len(e))'
rm -rf "$TMP"
du -ch "$OUT"/*.trace.gz | tail -1
