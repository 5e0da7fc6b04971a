"""The plain-text results table printed at the end of a run."""

from hil.results import ERROR, FAILED, PASSED


def format_table(run):
    rows = [("case", "command", "outcome", "status", "time", "reason")]
    for c in run.cases:
        rows.append((c.name, c.command, c.outcome.upper(), c.status or "-",
                     "%.2fs" % c.duration_s, c.reason or ""))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = []
    for i, r in enumerate(rows):
        lines.append("  ".join(r[j].ljust(widths[j]) for j in range(5)) + "  " + r[5])
        if i == 0:
            lines.append("-" * (sum(widths) + 10 + len("reason")))
    lines.append("%d passed, %d failed, %d infrastructure errors on %s (%s): %s" % (
        run.count(PASSED), run.count(FAILED), run.count(ERROR), run.board, run.backend, run.verdict))
    if run.infrastructure_error:
        lines.append("infrastructure error: %s" % run.infrastructure_error)
    return "\n".join(lines)
