#!/bin/sh
# Re-record bench/heap/traces/*.trace.gz with the LD_PRELOAD tracer
# (//bench/heap/tracer:libheap_tracer.so) from Debian programs that run
# offline here: mawk, cc1 (via gcc -c), cppcheck, perl, python3, sqlite3,
# jq, and lwIP (lwip_echo.c: a TCP echo over Debian's liblwip with the
# stack's own loopback; needs liblwip-dev). Each trace
# is capped at 300,000 operations (HEAP_TRACE_MAX_OPS). The inputs are
# generated with fixed seeds, but the programs' own allocation behaviour
# depends on their versions (Debian 12: mawk 1.3.4, gcc 12, cppcheck 2.10,
# perl 5.36, python 3.11, sqlite 3.40, jq 1.6, lwIP 2.1.3), so a re-recording
# may differ slightly.
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

# sqlite: an in-memory database built and queried by a fixed SQL workload
# (no random(): every value comes from the row number)
cat > "$TMP/work.sql" <<'SQL'
CREATE TABLE item(id INTEGER PRIMARY KEY, name TEXT, qty INTEGER, note TEXT);
CREATE INDEX item_name ON item(name);
WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 20000)
INSERT INTO item(name, qty, note) SELECT 'n' || (x * 7919 % 10007), x % 97, substr(hex(x * 2654435761), 1, 1 + x % 40) FROM n;
UPDATE item SET note = note || note WHERE qty % 5 = 0;
DELETE FROM item WHERE id % 7 = 3;
SELECT name, count(*), sum(qty), max(length(note)) FROM item GROUP BY name ORDER BY 3 DESC LIMIT 20;
SELECT a.name, b.qty FROM item a JOIN item b ON a.qty = b.id WHERE a.id < 3000 ORDER BY a.note LIMIT 50;
SQL
run sqlite sqlite3 :memory: ".read $TMP/work.sql"

# jq: parse, filter and re-serialise a generated JSON document (fixed seed)
/usr/bin/python3 -c "
import json, random
r = random.Random(2)
print(json.dumps([{'id': i, 'name': 'item%d' % r.randrange(10**6), 'tags': ['t%d' % r.randrange(50) for _ in range(r.randrange(6))], 'pos': {'x': r.random(), 'y': r.randrange(1000)}, 'note': 'x' * r.randrange(80)} for i in range(3000)]))" > "$TMP/doc.json"
run jq jq -c '[.[] | select(.pos.y % 3 == 0) | {id, k: (.tags | join(",")), s: (.name + .note)}] | group_by(.k) | map({k: .[0].k, n: length})' "$TMP/doc.json"

# lwip: a real embedded TCP/IP stack's buffer pattern (pbufs, segments, PCBs)
cc -std=c11 -D_DEFAULT_SOURCE -O2 -I/usr/include/lwip bench/heap/tracer/lwip_echo.c -o "$TMP/lwip_echo" -llwip -lpthread
run lwip "$TMP/lwip_echo"
rm -rf "$TMP"
du -ch "$OUT"/*.trace.gz | tail -1
