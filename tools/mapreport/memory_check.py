"""memory_check: RAM/flash map report of a firmware and its limits.

    memory_check.py --elf fw.elf --map fw.map [--limit flash=65536 ...]
                    [--baseline base.json] [--json-out r.json]
                    [--report-out r.txt] [--report-only]
                    [--write-baseline PATH] [--expect-failure TEXT ...]

Exit 1 when a region's used bytes exceed its limit (the message names the
region and its top symbols). --write-baseline saves used bytes and symbol
sizes per region for later comparison. --expect-failure inverts the result:
0 only if the check fails with one message containing every TEXT.
Arguments may come from @file (one per line).
"""

import argparse
import json
import sys

from tools.mapreport import linker_map
from tools.mapreport import memory_report
from tools.mapreport.elf_memory import MemoryImage


def _limit(text):
    name, _, value = text.partition("=")
    if not name or not value:
        raise argparse.ArgumentTypeError("--limit wants region=bytes, got %r" % text)
    return name, int(value, 0)


def main(argv=None):
    p = argparse.ArgumentParser(fromfile_prefix_chars="@", description=__doc__.split("\n")[0])
    p.add_argument("--elf", required=True)
    p.add_argument("--map", required=True)
    p.add_argument("--limit", type=_limit, action="append", default=[])
    p.add_argument("--baseline")
    p.add_argument("--name", default="")
    p.add_argument("--json-out")
    p.add_argument("--report-out")
    p.add_argument("--report-only", action="store_true")
    p.add_argument("--write-baseline")
    p.add_argument("--expect-failure", action="append")
    args = p.parse_args(argv)

    image = MemoryImage(args.elf)
    report = memory_report.build(image, linker_map.parse(args.map))
    limits = dict(args.limit)
    changes = None
    if args.baseline:
        with open(args.baseline, encoding="utf-8") as f:
            changes = memory_report.diff(report, json.load(f))
    text = memory_report.render(report, args.name or args.elf, limits, changes, args.baseline or "")
    msgs = memory_report.check_limits(report, limits)
    text += "\nVerdict: %s\n" % ("FAIL" if msgs else "PASS")
    text += "".join("FAIL: %s\n" % m for m in msgs)

    if args.write_baseline:
        with open(args.write_baseline, "w", encoding="utf-8") as f:
            json.dump(memory_report.baseline_of(report), f, indent=1, sort_keys=True)
            f.write("\n")
        print("wrote baseline " + args.write_baseline)
        return 0
    if args.report_out:
        with open(args.report_out, "w", encoding="utf-8") as f:
            f.write(text)
    if args.json_out:
        report["limits"] = limits
        report["failures"] = msgs
        with open(args.json_out, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=1, sort_keys=True)
            f.write("\n")
    if args.report_only:
        return 0
    sys.stdout.write(text)
    if args.expect_failure:
        if not msgs:
            print("EXPECTED FAILURE did not happen: every region is within its limit")
            return 1
        if not any(all(t in m for t in args.expect_failure) for m in msgs):
            print("EXPECTED FAILURE with %r, but no failure message contains all of it" % args.expect_failure)
            return 1
        print("OK: the check failed as expected with %r" % args.expect_failure)
        return 0
    return 1 if msgs else 0


if __name__ == "__main__":
    sys.exit(main())
