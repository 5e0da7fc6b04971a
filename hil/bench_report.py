"""Tables for docs/benchmarks/emulated.md from a runner's results.json.

    bazel run //hil:bench_report -- --icount-shift 10 bench-results/results.json

bench cases give ticks per operation (min / mean / max, timer overhead
removed); with the emulated board's -icount shift the ticks convert to
instructions: one instruction is 2^shift ns of virtual time, one tick
1e9 / timestamp_hz ns. At shift 10 (25.6 ticks per instruction) rounding
gives exact counts; at shift 6 (1.6 ticks) they are +-1 estimates.
heap_stress cases give the heap figures and mean/max ticks per call.
"""

import argparse
import json
import sys

from hil.default_paths import user_path


def ticks_per_instruction(results, shift):
    hz = results.get("agent", {}).get("timestamp_hz") or 0
    if shift is None or not hz:
        return None
    return (2 ** shift) * hz / 1e9


def fmt_instr(ticks, tpi, exact):
    if tpi is None:
        return "-"
    value = ticks / tpi
    return "%d" % round(value) if exact else "%.1f" % value


def bench_table(cases, tpi, exact):
    lines = ["| op | iterations | ticks min / mean / max | instructions min / mean / max | overhead (ticks) |",
             "|---|---:|---:|---:|---:|"]
    for case in cases:
        m = case["metrics"]
        mean = m["mean"]
        instr = " / ".join([fmt_instr(m["min"], tpi, exact), "%.1f" % (mean / tpi) if tpi else "-",
                            fmt_instr(m["max"], tpi, exact)])
        lines.append("| %s | %d | %d / %.2f / %d | %s | %d |" % (
            case["args"]["op"], m["iterations"], m["min"], mean, m["max"], instr, m["overhead"]))
    return lines


def heap_table(cases, tpi):
    lines = ["| case | heap | ops | max_size | allocs | failed | peak used | free at end | largest free "
             "| alloc mean / max (ticks) | free mean / max (ticks) | alloc / free mean (instr) | check errors |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for case in cases:
        m = case["metrics"]
        instr = "-"
        if tpi:
            instr = "%.1f / %.1f" % (m["alloc_mean"] / tpi, m["free_mean"] / tpi)
        lines.append("| %s | %s | %d | %d | %d | %d | %d | %d | %d | %.1f / %d | %.1f / %d | %s | %d |" % (
            case["name"], case["args"]["heap"], m["ops"], case["args"]["max_size"], m["allocs"],
            m["failed_allocs"], m["peak_used"], m["free_total"], m["largest_free"],
            m["alloc_mean"], m["alloc_max"], m["free_mean"], m["free_max"], instr, m["check_errors"]))
    return lines


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("results", help="results.json written by //hil:suite")
    p.add_argument("--icount-shift", type=int, help="the emulated board's -icount shift (none: ticks only)")
    args = p.parse_args(argv)
    with open(user_path(args.results), encoding="utf-8") as f:
        results = json.load(f)
    tpi = ticks_per_instruction(results, args.icount_shift)
    exact = tpi is not None and tpi >= 8
    ok = [c for c in results["cases"] if c["status"] == "OK"]
    print("board %s, timestamp_hz %s, icount shift %s%s" % (
        results["board"], results.get("agent", {}).get("timestamp_hz"), args.icount_shift,
        ", %.2f ticks per instruction" % tpi if tpi else ""))
    print()
    bench = [c for c in ok if c["command"] == "bench"]
    if bench:
        print("\n".join(bench_table(bench, tpi, exact)))
        print()
    heap = [c for c in ok if c["command"] == "heap_stress"]
    if heap:
        print("\n".join(heap_table(heap, tpi)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
