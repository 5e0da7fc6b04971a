#!/usr/bin/env python3
"""Runs the side-by-side replay firmwares (bench/heap/peers, one per trace,
every heap in each) on QEMU mps2-an500 under -icount and prints markdown
tables: per trace, each heap's alloc / free / realloc mean, p99 and max
instructions and its smallest arena factor; then a summary across traces,
and code size, per-block cost and adapter instructions per heap.

    side_by_side.py [--out=FILE] [--versions=FILE] [--timeout=S] trace=firmware.elf ...

Counting is bench/heap/m7/run_m7.py's (the empty call subtracted). Code
size: the linker map's .text input sections of each heap's own object
file, without its integrity walk and reset (harness-only calls). Adapter
instructions: each adapter function's instructions (objdump) minus those
of the empty call's adapter; what remains is counted in that heap's costs.
"""
import os
import re
import subprocess
import sys
import time

# Run as a script from side_by_side.sh: the workspace root is three up.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
from bench.heap.m7 import run_m7  # noqa: E402

# heap -> (object in the linker map, harness-only functions, adapter functions)
HEAPS = {
    "tlsf": ("mem/libtlsf.a(tlsf.o)", {"mem_tlsf_check"}, ("tlsf_alloc_v", "tlsf_free_v")),
    "llff": ("mem/libllff.a(llff.o)", {"mem_llff_check"}, ("llff_alloc_v", "llff_free_v")),
    "o1heap": ("heap_peers/libo1heap.a(o1heap.o)", {"o1heapDoInvariantsHold"}, ("o1_alloc", "o1_free")),
    "tlsf_mc": ("heap_peers/libtlsf.a(tlsf.o)", {"tlsf_check"}, ("mc_alloc", "mc_free")),
    "heap_4": ("heap_peers/libheap_4.a(heap_4.o)", {"vPortHeapResetState"}, ("h4_alloc", "h4_free")),
    "umm_malloc": ("heap_peers/libumm_malloc.a(umm_malloc.o)", set(), ("umm_alloc_v", "umm_free_v")),
}
EMPTY_ADAPTER = "empty_alloc_v"
SECTION = re.compile(r"^ (\.text[.\w]*)\s*(?:\n\s+)?(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(\S+)$", re.M)


def text_sizes(map_path):
    """{heap: bytes of .text linked from its object, harness-only calls excluded}
    (0 for a heap the firmware does not link)."""
    with open(map_path) as f:
        text = f.read()
    text = text.split("Linker script and memory map", 1)[1]
    sizes = {h: 0 for h in HEAPS}
    for sec, _addr, size, obj in SECTION.findall(text):
        for heap, (suffix, skip, _) in HEAPS.items():
            if obj.endswith(suffix) and ("external/" in obj) == (suffix.startswith("heap_peers/")):
                if sec.split(".", 2)[-1] not in skip:
                    sizes[heap] += int(size, 16)
    return sizes


def instruction_count(elf, symbol):
    out = subprocess.run(["arm-none-eabi-objdump", "-d", "--disassemble=" + symbol, elf],
                         capture_output=True, text=True, check=True).stdout
    body = out.split("<%s>:" % symbol, 1)[-1]
    return len(re.findall(r"^\s+[0-9a-f]+:\s", body, re.M))


def adapter_extra(elf, heaps):
    """{heap: (alloc, free) instructions of adapter beyond the empty call's}."""
    base = instruction_count(elf, EMPTY_ADAPTER)
    return {h: tuple(instruction_count(elf, f) - base for f in HEAPS[h][2]) for h in heaps}


def fmt_mean(v):
    return "-" if v is None else ("%.0f" % v if v >= 100 else "%.1f" % v)


def op_cells(r, op):
    mean, peak = run_m7.instructions(r, op)
    if mean is None:
        return "-"
    q, exact = run_m7.p99(r, op)
    return "%s / %d%s / %d" % (fmt_mean(mean), q, "" if exact else "+", peak)


def factor_cell(r, peak):
    """min× as text; "> x" when no RAM up to the scan's limit x (4 × peak, or
    what the heap or the 16 MiB PSRAM allows) replayed cleanly."""
    if r.get("unusable"):
        return "n/a"
    f = run_m7.factor(r)
    if f:
        return "%.3f" % f
    return "> %.2f" % min(4.0, r["ram"] / peak)


def main(argv=None):
    out_path, versions, timeout = None, None, 7200.0
    runs = []
    for a in (sys.argv[1:] if argv is None else argv):
        if a.startswith("--out="):
            out_path = a.split("=", 1)[1]
        elif a.startswith("--versions="):
            versions = a.split("=", 1)[1]
        elif a.startswith("--timeout="):
            timeout = float(a.split("=", 1)[1])
        else:
            runs.append(a.split("=", 1))
    lines = []
    results, heads, peaks = {}, {}, {}
    first_elf = None
    for trace, elf in runs:
        first_elf = first_elf or elf
        t0 = time.time()
        res = run_m7.run(elf, timeout)
        reports = run_m7.parse(res.uart)
        if res.timed_out or res.exit_code != 0 or not reports:
            sys.stdout.write(res.uart)
            raise SystemExit("side_by_side: %s failed (exit %s, timed out %s)" % (trace, res.exit_code, res.timed_out))
        results[trace] = reports
        heads[trace] = res.uart.splitlines()[0].replace("heap replay: ", "")
        peaks[trace] = int(re.search(r"peak live (\d+)", heads[trace]).group(1))
        print("side_by_side: %s ran in %.0f s" % (trace, time.time() - t0), file=sys.stderr)
    heaps = list(next(iter(results.values())))
    if versions:
        with open(versions) as f:
            lines += [f.read().rstrip(), ""]
    lines += ["Instructions per call on the emulated Cortex-M7 (QEMU mps2-an500, -icount shift=7), "
              "all heaps -Os, one firmware per trace; cells are mean / p99 / max; min× is the smallest "
              "RAM (arena + state kept outside it) as a multiple of the trace's peak live requested "
              "bytes with no failed allocation, scanned upward in steps of 1/64. Every block is "
              "pattern-checked; no heap had a damaged block or a failed integrity walk. The timed run "
              "gets 2 × peak + 64 KiB (at most 16 MiB, or the heap's limit); its failed allocations "
              "are listed. "
              "o1heap and heap_4 have no realloc: the trace's reallocs are replayed as alloc + copy "
              "+ free and counted in those columns.", ""]
    for trace, reports in results.items():
        lines += ["### %s (%s)" % (trace, heads[trace]), "",
                  "| heap | alloc | free | realloc | failed in the timed run | min× |", "|---|---|---|---|---|---|"]
        for h in heaps:
            r = reports[h]
            if r.get("unusable"):
                lines.append("| %s | n/a (the peak is beyond its largest arena) | | | | n/a |" % h)
                continue
            lines.append("| %s | %s | %s | %s | %d | %s |" % (h, op_cells(r, "alloc"), op_cells(r, "free"),
                                                             op_cells(r, "realloc"), r["failed"], factor_cell(r, peaks[trace])))
        lines.append("")
    traces = list(results)
    lines += ["### Smallest arena factor (min×) per trace", "",
              "| heap | " + " | ".join(traces) + " |", "|---" * (len(traces) + 1) + "|"]
    for h in heaps:
        lines.append("| %s | %s |" % (h, " | ".join(factor_cell(results[t][h], peaks[t]) for t in traces)))
    lines += ["", "### Worst case and means across traces (instructions)", "",
              "| heap | alloc max | free max | alloc mean, per trace | free mean, per trace |", "|---|---|---|---|---|"]
    for h in heaps:
        amax, fmax, ameans, fmeans = 0, 0, [], []
        for t in traces:
            r = results[t][h]
            if r.get("unusable"):
                ameans.append("n/a")
                fmeans.append("n/a")
                continue
            am, ax = run_m7.instructions(r, "alloc")
            fm, fx = run_m7.instructions(r, "free")
            amax, fmax = max(amax, ax), max(fmax, fx)
            ameans.append(fmt_mean(am))
            fmeans.append(fmt_mean(fm))
        lines.append("| %s | %d | %d | %s | %s |" % (h, amax, fmax, ", ".join(ameans), ", ".join(fmeans)))
    lines += ["", "(per-trace order: %s)" % ", ".join(traces), ""]
    sizes = text_sizes(first_elf[:-len(".elf")] + ".map")
    extra = adapter_extra(first_elf, heaps)
    usable = {h: next((results[t][h] for t in traces if not results[t][h].get("unusable")), {})
              for h in heaps}
    lines += ["### Code size, per-block cost, adapter", "",
              "| heap | .text linked (bytes) | arena bytes per 1-byte block | per 100-byte block "
              "| adapter instructions in alloc / free counts |", "|---|---|---|---|---|"]
    for h in heaps:
        r = usable[h]
        lines.append("| %s | %d | %s | %s | %d / %d |" % (h, sizes[h], r.get("block1", "n/a"),
                                                          r.get("block100", "n/a"), extra[h][0], extra[h][1]))
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if out_path:
        with open(out_path, "w") as f:
            f.write(text)
    return text


if __name__ == "__main__":
    main()
