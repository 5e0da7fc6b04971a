"""One HTML page per firmware from a stack analysis: functions (frame, worst
depth, flags, callers, callees) with every root's worst path highlighted, the
findings with what was assumed and which indirect-call targets are only
candidates, and the functions grouped per source file."""

import html
from typing import Dict, List

from tools.stack.stack_bound import Analysis


def _row(name: str, row: dict, callers: List[str], hot: bool, anchor: bool) -> str:
    """One table row; anchor gives it id=name (only once per page)."""
    cells = [name, str(row["frame"]), str(row["depth"]), ",".join(row["flags"]),
             " ".join(callers), " ".join(row["callees"])]
    tds = "".join("<td>%s</td>" % html.escape(c) for c in cells)
    attrs = (' class="worst"' if hot else "") + (' id="%s"' % html.escape(name) if anchor else "")
    return "<tr%s>%s</tr>" % (attrs, tds)


def _findings(a: Analysis) -> List[str]:
    """Each finding with what was assumed for it and, for an indirect call,
    the candidate targets that are only candidates."""
    out = ["<h2>Findings</h2><ul>"]
    for f in a.findings:
        tag = "assumed" if f.annotated else "unbounded"
        out.append('<li class="%s">[%s] %s in %s (%s): %s' % (
            tag, tag, html.escape(f.kind), html.escape(f.function), html.escape(f.location), html.escape(f.detail)))
        if f.annotated:
            out.append('<br>assumed: <span class="assumption">%s</span>' % html.escape(f.assumption))
        only = f.not_assumed if f.annotated else f.candidates
        if only:
            out.append("<br>only candidates: " + ", ".join('<span class="candidate">%s</span>' % html.escape(c)
                                                         for c in only))
        out.append("</li>")
    out.append("</ul>")
    return out


def to_html(a: Analysis, title: str) -> str:
    callers: Dict[str, List[str]] = {}
    for name, row in a.functions.items():
        for c in row["callees"]:
            callers.setdefault(c, []).append(name)
    hot = {s.function for r in a.roots for s in r.path}
    head = "<tr><th>function</th><th>frame B</th><th>depth B</th><th>flags</th><th>callers</th><th>callees</th></tr>"
    order = sorted(a.functions.items(), key=lambda kv: (-kv[1]["depth"], kv[0]))
    out = ["<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s</title>" % html.escape(title),
           "<style>table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;"
           "font-family:monospace}tr.worst{background:#fdd}</style></head><body>",
           "<h1>Stack: %s</h1><p>bound %d B (worst-path functions highlighted)</p>" % (html.escape(title), a.bound),
           "<h2>Functions</h2><table>", head]
    out += [_row(n, r, sorted(callers.get(n, [])), n.rpartition(":")[2] in hot, True) for n, r in order]
    out.append("</table>")
    out += _findings(a)
    out.append("<h2>Per file</h2>")
    files: Dict[str, List[str]] = {}
    for n, r in a.functions.items():
        files.setdefault(r.get("file") or "(no .su)", []).append(n)
    for f in sorted(files):
        out.append("<h3>%s</h3><table>%s" % (html.escape(f), head))
        out += [_row(n, a.functions[n], sorted(callers.get(n, [])), n.rpartition(":")[2] in hot, False)
                for n in sorted(files[f])]
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
