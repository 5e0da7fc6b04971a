#!/usr/bin/env bash
# Code size of every //mem component for the Cortex-M7 at -Os, from
# arm-none-eabi-size on each object (what a program pays for the whole
# component; with --gc-sections it links only the functions it uses).
#
#   bench/code_size.sh            # markdown table on stdout
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/bench_lib.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "| component | source | .text | .data | .bss |"
echo "|---|---|---:|---:|---:|"
row() { # name source extra-flags...
    local name=$1 src=$2
    shift 2
    m7_object "$src" "$tmp/$name.o" -DNDEBUG "$@"
    read -r text data bss _ < <(arm-none-eabi-size "$tmp/$name.o" | tail -n 1)
    echo "| $name | \`$src\` | $text | $data | $bss |"
}
for src in mem/src/*.c; do
    name=$(basename "$src" .c)
    if [ "$name" = pool_cas ] || [ "$name" = critical ]; then
        continue # hosts only; Cortex-M builds arch/armv7m/*.S (mem/BUILD)
    fi
    row "$name" "$src"
done
# Cortex-M assembly (mem/src/arch/armv7m): e.g. the pool's alloc/free.
for src in mem/src/arch/armv7m/*.S; do
    row "$(basename "$src" .S) (armv7m asm)" "$src"
done
echo
echo "arm-none-eabi-gcc $(arm-none-eabi-gcc -dumpfullversion) $M7_CFLAGS -ffunction-sections -fdata-sections -DNDEBUG"
