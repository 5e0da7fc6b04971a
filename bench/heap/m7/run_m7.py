#!/usr/bin/env python3
"""Runs a heap replay firmware on QEMU mps2-an500 under -icount and turns
its tick counts into instructions per call.

    run_m7.py firmware.elf [--timeout=S]      (prints a table)

Conversion: -icount shift=7 makes every instruction take 2^7 = 128 ns of
virtual time; bsp_cycles() on mps2-an500 is the 25 MHz CMSDK dual timer,
40 ns per tick. So a call of N instructions moves the timer by 3.2 N ticks
(+/- 1 from where the reads fall between ticks). The firmware also times an
empty call made the same way (timer reads, call through the same kind of
adapter); that cost is subtracted:
    instructions = (ticks - empty_ticks) / 3.2
For a mean, the per-call subtraction is applied to the sum. Maxima and p99
(exact, nearest rank, from the firmware's histogram) are rounded to the
nearest instruction. The arena factor is the smallest RAM, as a multiple of
the trace's peak live requested bytes, found by the firmware's scan
(bench/heap/m7/arena_scan.h) in steps of 1/scan_denom.
"""
import re
import sys

ICOUNT_SHIFT = 7
NS_PER_INSN = 2 ** ICOUNT_SHIFT
NS_PER_TICK = 1e9 / 25e6
TICKS_PER_INSN = NS_PER_INSN / NS_PER_TICK  # 3.2

LINE = re.compile(r"^heap=(\w+)((?: \w+=\w+)*)$", re.M)


def parse(uart):
    """{heap: {key: int or str}} from the firmware's report lines."""
    out = {}
    for m in LINE.finditer(uart):
        fields = dict(kv.split("=") for kv in m.group(2).split())
        out[m.group(1)] = {k: (int(v) if v.isdigit() else v) for k, v in fields.items()}
    return out


def to_insns(r, ticks):
    return round((ticks - r["empty"]) / TICKS_PER_INSN)


def instructions(r, op):
    """(mean, max) instructions of `op` (alloc/aligned/free/realloc) for one heap."""
    n, total, peak, empty = r[op + "_n"], r[op + "_sum"], r[op + "_max"], r["empty"]
    if n == 0:
        return None, None
    mean = (total - n * empty) / n / TICKS_PER_INSN
    return mean, to_insns(r, peak)


def p99(r, op):
    """(p99 instructions, exact) of `op`, or (None, True) when it had no calls."""
    if r[op + "_n"] == 0:
        return None, True
    return to_insns(r, r[op + "_p99"]), bool(r[op + "_exact"])


def factor(r):
    """Smallest clean arena factor, or None when the scan found none."""
    step = r.get("scan_step", 0)
    return step / r["scan_denom"] if step else None


def run(elf, timeout_s=600.0):
    from tools.qemu import qemu_run
    return qemu_run.run_firmware(elf, timeout_s=timeout_s, icount_shift=ICOUNT_SHIFT)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    timeout = 600.0
    for a in sys.argv[1:]:
        if a.startswith("--timeout="):
            timeout = float(a.split("=", 1)[1])
    elf = args[0]
    result = run(elf, timeout)
    reports = parse(result.uart)
    if result.timed_out or result.exit_code != 0 or not reports:
        sys.stdout.write(result.uart)
        raise SystemExit("run_m7: firmware failed (exit %s, timed out %s)" % (result.exit_code, result.timed_out))
    head = result.uart.splitlines()[0]
    print("%s  [%s]" % (elf.split("/")[-1], head))
    print("| heap | alloc mean | alloc p99 | alloc max | free mean | free p99 | free max "
          "| aligned mean | aligned p99 | aligned max | realloc mean | realloc p99 | realloc max "
          "| failed | min arena × peak | calls alloc/free/aligned/realloc |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for heap, r in reports.items():
        if r.get("unusable"):
            print("| %s | n/a (arena beyond the heap's limit) |" % heap)
            continue
        cells = []
        for op in ("alloc", "free", "aligned", "realloc"):
            mean, peak = instructions(r, op)
            q, exact = p99(r, op)
            cells += ["-"] * 3 if mean is None else ["%.1f" % mean, "%d%s" % (q, "" if exact else "+"),
                                                     "%d" % peak]
        f = factor(r)
        print("| %s | %s | %d | %s | %d/%d/%d/%d |" % (heap, " | ".join(cells), r["failed"],
                                                      "%.3f" % f if f else "> 4",
                                                      r["alloc_n"], r["free_n"], r["aligned_n"], r["realloc_n"]))


if __name__ == "__main__":
    main()
