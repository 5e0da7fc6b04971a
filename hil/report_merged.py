"""The merged reports of a many-board run (hil/multi_board.py), next to the
boards' own directories: results.json (every board's results, its wall
time, the merged verdict), junit.xml (one testsuite per board), report.html
and the table on stdout, both with the boards side by side: one column per
board, one row per case (outcome), and per case the metrics of every board.
"""

import dataclasses
import html
import json
import os
import xml.etree.ElementTree as ET

from hil.report_html import COLOURS, STYLE, show_value
from hil.result_dirs import write_atomically
from hil.results import ERROR, EXIT_INTERRUPTED, FAILED, NOT_RUN, PASSED

VERDICTS = {0: "PASS", 1: "FAIL", 2: "INFRASTRUCTURE ERROR", 3: "USAGE ERROR",
            EXIT_INTERRUPTED: "INTERRUPTED (partial results)"}


@dataclasses.dataclass
class BoardResult:
    board: str
    exit_code: int
    out: str
    log: str
    started: float
    ended: float
    results: dict = None   # the board's results.json, None if it wrote none

    def cases(self):
        return {c["name"]: c for c in (self.results or {}).get("cases", [])}

    def summary(self):
        return (self.results or {}).get("summary", {})


def load_board_results(runners):
    """BoardResult for each multi_board.BoardRunner that has finished."""
    out = []
    for runner in runners:
        code = runner.proc.poll()
        results = None
        try:
            with open(os.path.join(runner.out, "results.json"), encoding="utf-8") as f:
                results = json.load(f)
        except (OSError, ValueError):
            pass
        out.append(BoardResult(runner.name, 2 if code is None or code < 0 else code, runner.out,
                               runner.log_path, runner.started, runner.ended or runner.started, results))
    return out


def case_names(results):
    """Every case of every board, in the order they first appear."""
    names = []
    for board in results:
        for name in board.cases():
            if name not in names:
                names.append(name)
    return names


def board_line(board):
    s = board.summary()
    return "%s: %s, exit %d, %d passed, %d failed, %d infrastructure errors, %d not run, %.1f s" % (
        board.board, VERDICTS.get(board.exit_code, "?"), board.exit_code, s.get(PASSED, 0), s.get(FAILED, 0),
        s.get(ERROR, 0), s.get(NOT_RUN, 0), board.ended - board.started)


def format_merged_table(results, verdict, wall_s):
    rows = [["case"] + [b.board for b in results]]
    for name in case_names(results):
        rows.append([name] + [b.cases().get(name, {}).get("outcome", "-").upper() for b in results])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(r[i].ljust(widths[i]) for i in range(len(r))).rstrip() for r in rows]
    lines.insert(1, "-" * len(lines[0]))
    lines.append("")
    lines.extend(board_line(b) for b in results)
    lines.append("%d boards at once in %.1f s wall time: %s" % (len(results), wall_s, verdict))
    return "\n".join(lines)


def merged_record(results, verdict, exit_code, wall_s, interrupted):
    return {
        "boards": {b.board: {"exit_code": b.exit_code, "out": b.out, "progress_log": b.log,
                             "wall_s": round(b.ended - b.started, 3), "started_epoch": b.started,
                             "ended_epoch": b.ended, "results": b.results} for b in results},
        "exit_code": exit_code, "verdict": verdict, "wall_s": round(wall_s, 3), "interrupted": interrupted or "",
        "summary": {b.board: b.summary() for b in results},
    }


def build_junit(results):
    suites = ET.Element("testsuites")
    for board in results:
        path = os.path.join(board.out, "junit.xml")
        try:
            for suite in ET.parse(path).getroot().findall("testsuite"):
                suite.set("name", "%s@%s" % (suite.get("name"), board.board))
                suites.append(suite)
        except (OSError, ET.ParseError):
            suite = ET.SubElement(suites, "testsuite", {"name": "hil@%s" % board.board, "tests": "1",
                                                        "failures": "0", "errors": "1", "skipped": "0"})
            tc = ET.SubElement(suite, "testcase", {"classname": "hil.%s" % board.board, "name": "setup"})
            ET.SubElement(tc, "error", {"message": "board runner wrote no JUnit (exit %d); see %s"
                                        % (board.exit_code, board.log), "type": "infrastructure"})
    return ET.ElementTree(suites)


def _e(x):
    return html.escape(str(x))


def build_html(results, verdict, wall_s, interrupted):
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>HIL on %d boards</title>"
             "<style>%s</style></head><body>" % (len(results), STYLE),
             "<h1>HIL on %d boards: %s</h1>" % (len(results), _e(verdict))]
    if interrupted:
        parts.append("<p><b>Interrupted by %s: partial results.</b></p>" % _e(interrupted))
    parts.append("<ul>%s</ul><p>wall time %.1f s (boards run concurrently)</p>" % (
        "".join("<li><a href='%s/report.html'>%s</a></li>" % (_e(b.board), _e(board_line(b))) for b in results),
        wall_s))
    parts.append("<h2>Cases side by side</h2><table><tr><th>case</th>%s</tr>" % "".join(
        "<th>%s</th>" % _e(b.board) for b in results))
    names = case_names(results)
    for name in names:
        cells = []
        for board in results:
            outcome = board.cases().get(name, {}).get("outcome", "-")
            cells.append('<td class="outcome" style="background:%s">%s</td>' % (
                COLOURS.get(outcome, "#777"), _e(outcome.upper())))
        parts.append("<tr><td><a href='#%s'>%s</a></td>%s</tr>" % (_e(name), _e(name), "".join(cells)))
    parts.append("</table>")
    for name in names:
        per_board = [b.cases().get(name, {}) for b in results]
        metrics = sorted({m for c in per_board for m in c.get("metrics", {})})
        parts.append("<h2 id='%s'>%s</h2>" % (_e(name), _e(name)))
        if not metrics:
            continue
        parts.append("<table><tr><th>metric</th>%s</tr>" % "".join("<th>%s</th>" % _e(b.board) for b in results))
        for metric in metrics:
            values = [c.get("metrics", {}).get(metric) for c in per_board]
            differs = len({json.dumps(v) for v in values}) > 1
            parts.append("<tr><td>%s%s</td>%s</tr>" % (_e(metric), " *" if differs else "", "".join(
                "<td>%s</td>" % ("-" if v is None else _e(show_value(metric, v))) for v in values)))
        parts.append("</table>")
    parts.append("<p>* the boards differ.</p></body></html>")
    return "\n".join(parts)


def _write_text(text, path):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def write_merged_reports(results, out_dir, interrupted, progress, exit_code):
    """The merged results.json, junit.xml, report.html and summary.txt in
    `out_dir` (result_dirs.OutDir); prints the table."""
    wall_s = (max(b.ended for b in results) - min(b.started for b in results)) if results else 0.0
    verdict = VERDICTS.get(exit_code, "?")
    table = format_merged_table(results, verdict, wall_s)

    def write_json(path):
        _write_text(json.dumps(merged_record(results, verdict, exit_code, wall_s, interrupted),
                               indent=2, sort_keys=True, default=str) + "\n", path)

    def write_junit(path):
        tree = build_junit(results)
        ET.indent(tree)
        tree.write(path, encoding="utf-8", xml_declaration=True)

    write_atomically(out_dir.file("results.json"), write_json)
    write_atomically(out_dir.file("junit.xml"), write_junit)
    write_atomically(out_dir.file("report.html"), _write_text, build_html(results, verdict, wall_s, interrupted))
    write_atomically(out_dir.file("summary.txt"), _write_text, table + "\n")
    out_dir.mark_latest()
    progress.step("merged reports in %s (results.json, junit.xml, report.html, summary.txt)" % out_dir.path)
    print(table)
