#!/bin/sh
# Thumb-2 instruction counts of the concurrency hot paths, from
# arm-none-eabi-objdump -d of the Cortex-M7 -Os objects.
#   static   = every instruction in the function (all paths)
#   hot path = instructions executed on the uncontended success path, found by
#              walking the listing (hot_path.awk): conditional branches fall
#              through except the ordinals given after the second colon below
#              (checked by hand against the listing; TRACE=1 prints the walk).
#              Callees such as memcpy count as one BL, not their body.
#              "Steady state": a high-water mark that is already at or above
#              the new level is not stored again (the taken BLS).
# Objects: spsc.o ring.o (mem/src), pool_armv7m.o (mem/src/arch/armv7m/pool.S)
# and measured_ops.o
# (bench/concurrency/m7: out-of-line wrappers over the typed SPSC API).
# Usage: [TRACE=1] count_thumb_insns.sh <dir with the objects>
set -eu
dir=${1:?object directory}
for fn in spsc:mem_spsc_push:${SPSC_PUSH_TAKE:-3} spsc:mem_spsc_pop:${SPSC_POP_TAKE:-} \
          spsc:mem_spsc_reserve:${SPSC_RESERVE_TAKE:-4} \
          spsc:mem_spsc_commit:${SPSC_COMMIT_TAKE:-6} spsc:mem_spsc_peek:${SPSC_PEEK_TAKE:-4} \
          spsc:mem_spsc_release:${SPSC_RELEASE_TAKE:-} \
          measured_ops:bench_typed_push:${TYPED_PUSH_TAKE:-} \
          measured_ops:bench_typed_pop:${TYPED_POP_TAKE:-} \
          measured_ops:bench_typed_hw_push:${TYPED_HW_PUSH_TAKE:-2} \
          measured_ops:bench_typed_hw_pop:${TYPED_HW_POP_TAKE:-} \
          pool_armv7m:mem_pool_alloc:${POOL_ALLOC_TAKE:-} pool_armv7m:mem_pool_free:${POOL_FREE_TAKE:-} \
          ring:mem_ring_push:${RING_PUSH_TAKE:-3} ring:mem_ring_pop:${RING_POP_TAKE:-}; do
    obj=${fn%%:*}; rest=${fn#*:}; sym=${rest%%:*}; take=${rest#*:}
    arm-none-eabi-objdump -d --no-show-raw-insn "$dir/$obj.o" |
        awk -v sym="$sym" -v take="$take" -v trace="${TRACE:-0}" \
            -f "$(dirname "$0")/hot_path.awk"
done
