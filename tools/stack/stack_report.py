"""Renders a stack_bound.Analysis as text (for people) and a dict (JSON)."""

from dataclasses import asdict
from typing import List

from tools.stack.stack_bound import DISABLED, Analysis, Root


def chain(root: Root) -> str:
    return " > ".join(s.function for s in root.path)


def _path_lines(root: Root) -> List[str]:
    lines = ["    %7s %7s  %-34s %s" % ("bytes", "depth", "function", "location / note")]
    total = 0
    for s in root.path:
        total += s.frame
        where = s.location + (("  (" + s.note + ")") if s.note else "")
        lines.append("    %7d %7d  %-34s %s" % (s.frame, total, s.function, where))
    return lines


def render(a: Analysis, title: str, stack_usable: int, stack_note: str, max_bytes: int) -> str:
    out = ["Stack analysis: " + title, ""]
    out.append("Stack reservation: %s" % stack_note)
    if max_bytes:
        out.append("Budget (max_bytes): %d B" % max_bytes)
    out.append("Exception frame per preemption level: %d B (%s) + 4 B alignment padding = %d B"
               % (a.exception_frame - 4, "FP context" if a.fp_context else "no FP context", a.exception_frame))
    out.append("")
    out.append("Roots (vector table; same handler and priority grouped)")
    groups = []
    for r in a.roots:
        key = (r.function, str(r.priority))
        if groups and groups[-1][0] == key:
            groups[-1][1].append(r)
        else:
            groups.append((key, [r]))
    for (function, prio), rs in groups:
        depth = "%6d B" % rs[0].depth if prio != DISABLED else "       -"
        names = rs[0].exception if len(rs) == 1 else "%s..%s (%d)" % (rs[0].exception, rs[-1].exception, len(rs))
        out.append("  %-24s %-10s %-34s %s" % (names, prio, function, depth))
    out.append("")
    out.append("Worst path per root")
    shown = set()
    for r in a.roots:
        if r.priority == DISABLED or r.function in shown:
            continue
        shown.add(r.function)
        out.append("  %s [%s]: %d B" % (r.function, r.priority, r.depth))
        out.extend(_path_lines(r))
    out.append("")
    out.append("Main stack, worst case (preemption nesting)")
    out.append("  %-8s %-34s %8s %8s %8s" % ("level", "worst root", "stack", "frame", "total"))
    if a.thread:
        out.append("  %-8s %-34s %8d %8s %8d" % ("thread", a.thread.function, a.thread.depth, "-", a.thread.depth))
    for lv in a.levels:
        out.append("  %-8d %-34s %8d %8d %8d" % (lv.priority, lv.root.function, lv.root.depth, lv.frame, lv.total))
    out.append("  %-8s %-34s %8s %8s %8d" % ("bound", "", "", "", a.bound))
    out.append("")
    out.append("Findings")
    if not a.findings:
        out.append("  none")
    for f in a.findings:
        tag = "assumed" if f.annotated else "UNBOUNDED"
        out.append("  [%s] %s in %s (%s): %s" % (tag, f.kind, f.function, f.location, f.detail))
        if f.annotated:
            out.append("      assumption: " + f.assumption)
            if f.not_assumed:
                out.append("      candidates not assumed: " + ", ".join(f.not_assumed))
        elif f.candidates:
            out.append("      candidates (confirm in indirect_calls): " + ", ".join(f.candidates))
        if f.reached_from:
            out.append("      reached by: " + " > ".join(f.reached_from))
    out.append("")
    out.append("Frames estimated from the prologue (no .su: assembly or library code)")
    out.append("  " + (", ".join("%s %d B" % e for e in a.estimated) if a.estimated else "none"))
    out.append("")
    out.append("Assumptions")
    out.extend(["  - " + s for s in a.assumptions] or ["  none"])
    out.append("")
    out.append("Functions (frame, worst depth from it, flags, callees), deepest first")
    for name, row in sorted(a.functions.items(), key=lambda kv: (-kv[1]["depth"], kv[0])):
        out.append("  %-32s %6d %6d  %-22s %s" % (name, row["frame"], row["depth"],
                                                  ",".join(row["flags"]) or "-", " ".join(row["callees"])))
    if a.unused_annotations:
        out.append("")
        out.append("Annotations that matched nothing (stale?): " + ", ".join(a.unused_annotations))
    return "\n".join(out) + "\n"


def to_dict(a: Analysis) -> dict:
    return {
        "bound": a.bound,
        "exception_frame": a.exception_frame,
        "fp_context": a.fp_context,
        "roots": [asdict(r) for r in a.roots],
        "levels": [{"priority": lv.priority, "function": lv.root.function, "stack": lv.root.depth,
                    "frame": lv.frame, "total": lv.total} for lv in a.levels],
        "thread": asdict(a.thread) if a.thread else None,
        "findings": [asdict(f) for f in a.findings],
        "estimated_frames": dict(a.estimated),
        "assumptions": a.assumptions,
        "unused_annotations": a.unused_annotations,
        "functions": a.functions,
    }
