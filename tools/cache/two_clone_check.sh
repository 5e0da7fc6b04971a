#!/usr/bin/env bash
# Are tidemark's actions hermetic enough to share a build cache? Builds the
# committed HEAD in two fresh clones at different paths, each with its own
# Bazel output base, through one HTTP remote cache (tools/cache/
# cache_server.sh on a free loopback port): the second build must take every
# cacheable action from the cache. An action that embeds an absolute path or
# a time stamp in its key misses, and is listed.
#
#   tools/cache/two_clone_check.sh [TARGET ...]     (default: //...)
#
# Prints "remote cache: H of N cacheable actions hit (P%)"; exits 1 when any
# action missed, 2 when the set-up fails.
set -euo pipefail

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(//...)
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
work=$(mktemp -d)
chmod 755 "$work"   # run as root, the cache server's workers are www-data
server_pid=""
cleanup() {
    for clone in a b; do
        [ -d "$work/$clone" ] && (cd "$work/$clone" && bazel --output_base="$work/out-$clone" shutdown) >/dev/null 2>&1
    done
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$root/tools/cache/cache_server.sh" "127.0.0.1:$port" "$work/cache" 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 50); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && break
    sleep 0.1
done
curl -s -o /dev/null "http://127.0.0.1:$port/" || { cat "$work/server.log" >&2; exit 2; }

flags=(--curses=no --color=no --config=remote-cache "--remote_cache=http://127.0.0.1:$port")
for clone in a b; do
    git clone -q "$root" "$work/$clone"
    echo "two_clone_check: clean build of ${targets[*]} in $work/$clone" >&2
    (cd "$work/$clone" && bazel --output_base="$work/out-$clone" build "${flags[@]}" \
        --execution_log_json_file="$work/exec-$clone.json" -- "${targets[@]}") > "$work/build-$clone.log" 2>&1 \
        || { tail -n 30 "$work/build-$clone.log" >&2; exit 2; }
done

# The second clone's execution log: every spawn, and whether the cache had it.
python3 - "$work/exec-b.json" <<'PY'
import json, sys
text = open(sys.argv[1]).read()
decoder, pos, spawns = json.JSONDecoder(), 0, []
while pos < len(text):
    while pos < len(text) and text[pos].isspace():
        pos += 1
    if pos >= len(text):
        break
    obj, pos = decoder.raw_decode(text, pos)
    spawns.append(obj)
cacheable = [s for s in spawns if s.get("cacheable", True) and s.get("remotable", True)]
missed = [s for s in cacheable if not s.get("remoteCacheHit")]
hits = len(cacheable) - len(missed)
print("remote cache: %d of %d cacheable actions hit (%.1f%%)" % (
    hits, len(cacheable), 100.0 * hits / len(cacheable) if cacheable else 100.0))
for s in missed[:20]:
    outs = [o.get("path") for o in s.get("actualOutputs", [])][:2]
    print("  missed: %s %s" % (s.get("mnemonic"), " ".join(outs)))
sys.exit(1 if missed else 0)
PY
