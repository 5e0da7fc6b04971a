"""The plain-text results table printed at the end of a run, with the
stack cross-check (static bound, measured, reserved) below it."""

import os

from hil.drift import format_drift
from hil.results import ERROR, FAILED, NOT_RUN, PASSED


def format_table(run):
    rows = [("case", "command", "outcome", "status", "time", "reason")]
    for c in run.cases:
        rows.append((c.name, c.command, outcome_label(c), c.status or "-",
                     "%.2fs" % c.duration_s, "; ".join(text for text in (c.reason, c.state_note) if text)))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = []
    for i, r in enumerate(rows):
        lines.append("  ".join(r[j].ljust(widths[j]) for j in range(5)) + "  " + r[5])
        if i == 0:
            lines.append("-" * (sum(widths) + 10 + len("reason")))
    lines.extend(format_stack_checks(run))
    lines.extend(format_drift(run.drift))
    lines.append(summary_line(run))
    if run.interrupted:
        lines.append("interrupted by %s: the results above are partial" % run.interrupted)
    if run.infrastructure_error:
        lines.append("infrastructure error: %s" % run.infrastructure_error)
    return "\n".join(lines)


def outcome_label(case):
    """PASSED, FAILED, ERROR or NOT_RUN, with " (retried)" after a second attempt."""
    return case.outcome.upper() + (" (retried)" if case.retried else "")


def summary_line(run):
    retried = sum(1 for c in run.cases if c.retried)
    return "%d passed, %d failed, %d infrastructure errors%s%s on %s (%s): %s" % (
        run.count(PASSED), run.count(FAILED), run.count(ERROR),
        ", %d not run" % run.count(NOT_RUN) if run.count(NOT_RUN) else "",
        ", %d retried" % retried if retried else "", run.board, run.backend, run.verdict)


def _bytes(value):
    return "-" if value is None else str(value)


def _verdict(check):
    if check["ok"]:
        return "ok"
    if check["measured"] is not None and check["measured"] > check["static_bound"]:
        return "EXCEEDED"
    return "MISMATCH"   # no main stack reported, or a bound for another image


def format_stack_checks(run):
    """Lines of the stack cross-check table (bytes), [] when no case has one."""
    checked = [c for c in run.cases if c.stack_check]
    if not checked:
        return []
    rows = [("case", "stack", "static bound", "measured", "reserved", "verdict")]
    for c in checked:
        s = c.stack_check
        rows.append((c.name, s["stack"], _bytes(s["static_bound"]), _bytes(s["measured"]),
                     _bytes(s["reserved"]), _verdict(s)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    source = os.path.basename(run.stack_bound.get("source", "")) or "?"
    lines = ["", "stack cross-check (bytes; static bound from %s)" % source]
    for r in rows:
        lines.append("  ".join(r[i].ljust(widths[i]) if i < 2 else r[i].rjust(widths[i])
                               for i in range(len(r))).rstrip())
    lines.append("")
    return lines
