"""report.html: one self-contained page (plots embedded as base64 PNG)."""

import html

from hil.drift import format_drift
from hil.plots import plots_for
from hil.provenance_text import flat_provenance
from hil.results import ERROR, FAILED, NOT_RUN, PASSED
from hil.results_table import outcome_label, summary_line

COLOURS = {PASSED: "#2e7d32", FAILED: "#c62828", ERROR: "#ef6c00", NOT_RUN: "#777"}

STYLE = """
body{font-family:sans-serif;margin:2em;max-width:70em}
table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
.outcome{color:#fff;font-weight:bold}
pre{background:#f6f6f6;padding:.6em;overflow:auto;max-height:25em}
"""


def _e(x):
    return html.escape(str(x))


# Registers and addresses: shown in hex (fault record, timeout diagnostics).
HEX_VALUES = {"cfsr", "hfsr", "mmfar", "bfar", "pc", "lr", "xpsr", "sp", "exc_return", "flags",
              "doorbell", "build_id", "capabilities"}


def show_value(key, value):
    if key in HEX_VALUES and isinstance(value, int) and not isinstance(value, bool):
        return "0x%08x" % value
    return repr(value)


def _badge(case):
    return '<td class="outcome" style="background:%s">%s</td>' % (COLOURS.get(case.outcome, "#777"),
                                                                  _e(outcome_label(case)))


def _stack_check_table(record):
    """Static bound, measured and reserved side by side (bytes)."""
    def cell(v):
        return "-" if v is None else "%d B" % v
    verdict = "ok" if record["ok"] else "<b>%s</b>" % _e(record["message"])
    return ("<table><tr><th>stack</th><th>static bound</th><th>measured (high-water)</th>"
            "<th>reserved</th><th>cross-check</th></tr><tr><td>%s</td><td>%s</td><td>%s</td>"
            "<td>%s</td><td>%s</td></tr></table>" % (
                _e(record["stack"]), cell(record["static_bound"]), cell(record["measured"]),
                cell(record["reserved"]), verdict))


def build_html(run):
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>HIL %s on %s</title>"
             "<style>%s</style></head><body>" % (_e(run.suite), _e(run.board), STYLE)]
    parts.append("<h1>HIL suite %s: %s</h1>" % (_e(run.suite), _e(run.verdict)))
    parts.append("<p><b>%s</b></p>" % _e(summary_line(run)))
    if run.interrupted:
        parts.append("<p><b>Interrupted by %s: partial results; cases marked NOT_RUN did not run "
                     "to the end.</b></p>" % _e(run.interrupted))
    parts.append("<table>")
    for label, value in (("board", "%s (%s)" % (run.board, run.backend)), ("selected because", run.selection),
                         ("firmware", run.firmware), ("sha256", run.firmware_sha256),
                         ("agent", ", ".join("%s %s" % (k, show_value(k, v)) for k, v in sorted(run.agent.items()))),
                         ("started", run.started_at),
                         ("duration", "%.2f s" % run.duration_s), ("exit code", run.exit_code)):
        parts.append("<tr><th>%s</th><td>%s</td></tr>" % (_e(label), _e(value)))
    if run.stack_bound:
        parts.append("<tr><th>static stack bound</th><td>%d B (%s)</td></tr>" % (
            run.stack_bound["bound"], _e(run.stack_bound["source"])))
    for key, value in flat_provenance(run.provenance):
        parts.append("<tr><th>%s</th><td>%s</td></tr>" % (_e(key.split(".", 1)[1]), _e(value)))
    if run.infrastructure_error:
        parts.append("<tr><th>infrastructure error</th><td>%s</td></tr>" % _e(run.infrastructure_error))
    parts.append("</table><h2>Cases</h2><table><tr><th>case</th><th>command</th><th>outcome</th>"
                 "<th>status</th><th>time</th><th>reason</th></tr>")
    for c in run.cases:
        parts.append("<tr><td><a href='#%s'>%s</a></td><td>%s</td>%s<td>%s</td><td>%.2f s</td><td>%s</td></tr>" % (
            _e(c.name), _e(c.name), _e(c.command), _badge(c), _e(c.status), c.duration_s,
            _e("; ".join(text for text in (c.reason, c.state_note) if text))))
    parts.append("</table>")
    if run.drift:
        parts.append("<h2>Drift across %d repeats</h2><pre>%s</pre>" % (
            run.drift["repeats"], _e("\n".join(format_drift(run.drift)[2:]) or "nothing moved")))
    for c in run.cases:
        parts.append("<h2 id='%s'>%s</h2><p>%s %s, %d attempt(s)</p>" % (
            _e(c.name), _e(c.name), _e(c.command), _e(c.args), c.attempts))
        if c.checks:
            parts.append("<table><tr><th>limit</th><th>value</th><th>ok</th></tr>")
            for chk in c.checks:
                parts.append("<tr><td>%s</td><td>%s</td><td>%s</td></tr>" % (
                    _e(chk.limit.describe()), _e(show_value(chk.limit.metric, chk.value)),
                    "yes" if chk.ok else "<b>NO</b>"))
            parts.append("</table>")
        if c.stack_check:
            parts.append(_stack_check_table(c.stack_check))
        if c.metrics:
            parts.append("<details><summary>metrics</summary><pre>%s</pre></details>" % _e(
                "\n".join("%s = %s" % (k, show_value(k, v)) for k, v in sorted(c.metrics.items()))))
        named = {k: v for k, v in c.details.items() if k.endswith("_at") or k == "exception_name"}
        if named:
            parts.append("<p>%s</p>" % _e(", ".join("%s %s" % kv for kv in sorted(named.items()))))
        if c.diagnostics:
            parts.append("<p>diagnostics: <code>%s</code></p>" % _e(", ".join(
                "%s=%s" % (k, show_value(k, v)) for k, v in sorted(c.diagnostics.items()))))
        for title, png in plots_for(c, run.agent.get("timestamp_hz")):
            parts.append("<figure><img alt='%s' src='data:image/png;base64,%s'><figcaption>%s</figcaption></figure>"
                         % (_e(title), png, _e(title)))
    parts.append("<h2>Console log</h2><pre>%s</pre></body></html>" % _e(run.uart_log[-20000:]))
    return "\n".join(parts)


def write_html(run, path):
    with open(path, "w", encoding="utf-8") as f:
        f.write(build_html(run))
