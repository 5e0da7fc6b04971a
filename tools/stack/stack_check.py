"""stack_check: worst-case main-stack bound of a firmware ELF against its budget.

    stack_check.py --elf fw.elf --su a.su ... --ci a.ci ... --priorities p.json
                   [--annotations a.json] [--max-bytes N] [--objdump PATH]
                   [--json-out r.json] [--report-out r.txt] [--report-only]
                   [--expect-failure TEXT]

Exit 0 when the bound fits the usable stack (_stack_size - _stack_guard_size
from the ELF) and max_bytes and every finding is annotated; else 1 with
messages naming the paths. --report-only always exits 0. With
--expect-failure TEXT (repeatable) the exit status is inverted: 0 only if
the check fails and one failure message contains every TEXT. Arguments may come from @file (one per line).
"""

import argparse
import json
import shutil
import sys

from tools.stack import stack_bound
from tools.stack import stack_inputs
from tools.stack import stack_dot
from tools.stack import stack_html
from tools.stack import stack_report


def _load_json(path):
    if not path:
        return {}
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def stack_reservation(image):
    """(usable bytes, description) from _stack_size / _stack_guard_size."""
    size = image.symbols.get("_stack_size")
    if size is None:
        return None, "no _stack_size symbol in the ELF"
    guard = image.symbols.get("_stack_guard_size", 0)
    return size - guard, "_stack_size %d B - _stack_guard_size %d B = %d B usable" % (size, guard, size - guard)


def failures(a, usable, max_bytes):
    msgs = []

    def breakdown():
        parts = []
        if a.thread:
            parts.append("  thread %d B: %s" % (a.thread.depth, stack_report.chain(a.thread)))
        for lv in a.levels:
            parts.append("  + priority %d: %d B + %d B exception frame: %s"
                         % (lv.priority, lv.root.depth, lv.frame, stack_report.chain(lv.root)))
        return "\n".join(parts)

    if usable is None:
        msgs.append("the ELF has no _stack_size symbol: cannot check the reservation")
    elif a.bound > usable:
        msgs.append("worst-case main stack %d B exceeds the usable stack %d B (_stack_size - guard):\n%s"
                    % (a.bound, usable, breakdown()))
    if max_bytes and a.bound > max_bytes:
        msgs.append("worst-case main stack %d B exceeds max_bytes %d B:\n%s" % (a.bound, max_bytes, breakdown()))
    for f in a.unbounded:
        route = (" (reached by " + " > ".join(f.reached_from) + ")") if f.reached_from else ""
        fix = "give it a priority or \"disabled\" in the priorities file" if f.kind == "no_priority" \
            else "bound it in the annotations file"
        msgs.append("unbounded %s in %s at %s: %s%s; %s" % (f.kind, f.function, f.location, f.detail, route, fix))
    return msgs


def main(argv=None):
    p = argparse.ArgumentParser(fromfile_prefix_chars="@", description=__doc__.split("\n")[0])
    p.add_argument("--elf", required=True)
    p.add_argument("--su", action="append", default=[])
    p.add_argument("--ci", action="append", default=[])
    p.add_argument("--priorities", required=True)
    p.add_argument("--annotations")
    p.add_argument("--max-bytes", type=int, default=0)
    p.add_argument("--objdump", default=shutil.which("arm-none-eabi-objdump") or "arm-none-eabi-objdump")
    p.add_argument("--name", default="")
    p.add_argument("--json-out")
    p.add_argument("--dot-out")
    p.add_argument("--html-out")
    p.add_argument("--report-out")
    p.add_argument("--report-only", action="store_true")
    p.add_argument("--expect-failure", action="append")
    args = p.parse_args(argv)

    frames = stack_inputs.load_units(args.su, args.ci)
    analysis, image = stack_bound.analyze(args.elf, args.objdump, frames,
                                          _load_json(args.priorities), _load_json(args.annotations))
    usable, note = stack_reservation(image)
    text = stack_report.render(analysis, args.name or args.elf, usable, note, args.max_bytes)
    msgs = failures(analysis, usable, args.max_bytes)
    verdict = "FAIL" if msgs else "PASS"
    limit = min(x for x in (usable, args.max_bytes or None) if x) if usable or args.max_bytes else 0
    text += "\nVerdict: %s (bound %d B, limit %d B)\n" % (verdict, analysis.bound, limit)
    for m in msgs:
        text += "FAIL: " + m + "\n"

    if args.report_out:
        with open(args.report_out, "w", encoding="utf-8") as f:
            f.write(text)
    if args.html_out:
        with open(args.html_out, "w", encoding="utf-8") as f:
            f.write(stack_html.to_html(analysis, args.elf))
    if args.dot_out:
        with open(args.dot_out, "w", encoding="utf-8") as f:
            f.write(stack_dot.to_dot(analysis))
    if args.json_out:
        d = stack_report.to_dict(analysis)
        d.update({"elf": args.elf, "stack_usable": usable, "max_bytes": args.max_bytes,
                  "verdict": verdict, "failures": msgs})
        with open(args.json_out, "w", encoding="utf-8") as f:
            json.dump(d, f, indent=2, sort_keys=True)
            f.write("\n")
    if args.report_only:
        return 0
    sys.stdout.write(text)
    if args.expect_failure is not None:
        if not msgs:
            print("EXPECTED FAILURE did not happen: the check passed")
            return 1
        if not any(all(t in m for t in args.expect_failure) for m in msgs):
            print("EXPECTED FAILURE with %r, but no failure message contains all of it" % args.expect_failure)
            return 1
        print("OK: the check failed as expected with %r" % args.expect_failure)
        return 0
    return 1 if msgs else 0


if __name__ == "__main__":
    sys.exit(main())
