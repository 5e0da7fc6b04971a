"""results.json, JUnit XML and the HTML report are written and parse back:
counts, outcomes, failure vs error, plots embedded as real PNGs (the stack
plot with its static-bound marker), the stack cross-check side by side."""

import base64
import html.parser
import json
import os
import tempfile
import unittest
import xml.etree.ElementTree as ET

from hil.limits import evaluate, parse_limits
from hil.report_html import write_html
from hil.report_json import write_json
from hil.report_junit import write_junit
from hil.results import ERROR, FAILED, PASSED, CaseResult, RunResult
from hil.results_table import format_table


def sample_run():
    run = RunResult("demo", "emulated", "emulated", "requested", "/fw/agent.elf", "ab" * 32,
                    started_at="2026-01-01T00:00:00+00:00", duration_s=1.5,
                    uart_log="boot\x00\x1b[0m ok\n")
    adc = CaseResult("adc", "adc_burst", {"count": 100}, PASSED, status="OK", duration_s=0.2, attempts=1)
    adc.metrics = {"received": 100, "latency_min": 3, "latency_max": 40, "latency_mean": 9.5,
                   "hist_bucket_width": 4, "queue_capacity": 64}
    adc.details = {"hist": [0, 5, 60, 20, 10, 5] + [0] * 10, "queue_level": [0, 3, 9, 2] * 4}
    adc.checks = evaluate(parse_limits({"received": 100}), adc.metrics)
    stack = CaseResult("stacks", "stack_report", {}, FAILED, "max_use_ratio < 0.8 (got 0.9)", "OK", 0.1, 1)
    stack.details = {"stacks": [{"tag": "MSP", "size": 1024, "high_water": 922, "use_ratio": 0.9},
                                {"tag": "ISR", "size": 512, "high_water": 100, "use_ratio": 0.2}]}
    stack.metrics = {"max_use_ratio": 0.9, "stack.MSP.static_bound": 1172}
    stack.checks = evaluate(parse_limits({"max_use_ratio": {"lt": 0.8}}), stack.metrics)
    stack.stack_check = {"stack": "MSP", "static_bound": 1172, "measured": 922, "reserved": 1024,
                         "source": "/b/agent.stack.json", "ok": True, "message": ""}
    run.stack_bound = {"bound": 1172, "source": "/b/agent.stack.json", "stack_usable": 1024, "elf": ""}
    pkt = CaseResult("packets", "packet_burst", {}, PASSED, status="OK", attempts=1)
    pkt.details = {"pool_free_level": [32, 20, 5, 1] * 4}
    pkt.metrics = {"pool_blocks": 32}
    dead = CaseResult("dead", "ping", {}, ERROR, "infrastructure: QEMU died <&>", attempts=2)
    run.cases = [adc, stack, pkt, dead]
    return run


class ImageCollector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs)["src"])


class Reports(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.run = sample_run()

    def test_exit_code_and_table(self):
        self.assertEqual(self.run.exit_code, 2)
        table = format_table(self.run)
        self.assertIn("1 failed, 1 infrastructure errors", table)
        self.assertIn("stack cross-check (bytes; static bound from agent.stack.json)", table)
        self.assertIn("stacks  MSP            1172       922      1024       ok", table)
        self.run.cases.pop()
        self.assertEqual(self.run.exit_code, 1)
        self.run.cases.pop(1)
        self.assertEqual(self.run.exit_code, 0)

    def test_json(self):
        path = os.path.join(self.dir, "results.json")
        write_json(self.run, path)
        with open(path) as f:
            data = json.load(f)
        self.assertEqual(data["exit_code"], 2)
        self.assertEqual(data["summary"], {"passed": 2, "failed": 1, "error": 1, "not_run": 0})
        self.assertEqual(data["cases"][1]["checks"][0], {"metric": "max_use_ratio", "op": "lt", "limit": 0.8,
                                                         "value": 0.9, "ok": False})

    def test_junit(self):
        path = os.path.join(self.dir, "junit.xml")
        write_junit(self.run, path)
        suite = ET.parse(path).getroot().find("testsuite")
        self.assertEqual((suite.get("tests"), suite.get("failures"), suite.get("errors")), ("4", "1", "1"))
        cases = {tc.get("name"): tc for tc in suite.findall("testcase")}
        self.assertIsNone(cases["adc"].find("failure"))
        self.assertIn("max_use_ratio", cases["stacks"].find("failure").text)
        self.assertEqual(cases["dead"].find("error").get("type"), "infrastructure")
        props = {p.get("name"): p.get("value") for p in cases["stacks"].find("properties")}
        self.assertEqual((props["stack.static_bound"], props["stack.measured"], props["stack.reserved"]),
                         ("1172", "922", "1024"))
        self.assertIn("stack MSP: static bound 1172 B, measured 922 B, reserved 1024 B",
                      cases["stacks"].find("system-out").text)
        adc_props = {p.get("name"): p.get("value") for p in cases["adc"].find("properties")}
        self.assertEqual(adc_props, {"attempts": "1", "retried": "false"})
        dead_props = {p.get("name"): p.get("value") for p in cases["dead"].find("properties")}
        self.assertEqual(dead_props["retried"], "true")
        self.assertIn("retried after an infrastructure error", cases["dead"].find("system-out").text)
        self.assertIn("boot", suite.find("system-out").text)  # NUL/ESC sanitised, file parsed

    def test_junit_for_setup_failure(self):
        self.run.cases = []
        self.run.infrastructure_error = "board busy"
        path = os.path.join(self.dir, "junit.xml")
        write_junit(self.run, path)
        suite = ET.parse(path).getroot().find("testsuite")
        self.assertEqual(suite.get("errors"), "1")
        self.assertEqual(suite.get("tests"), str(len(suite.findall("testcase"))))
        self.assertEqual(suite.get("tests"), "1")

    def test_counts_equal_testcases_on_every_path(self):
        """board busy before any case, a mid-run infrastructure error, an
        interrupted run: tests= is always the number of testcase elements."""
        from hil.results import NOT_RUN
        variants = []
        busy = sample_run()
        busy.infrastructure_error = "board busy"
        busy.cases = [CaseResult(c.name, c.command, {}, ERROR, "not run: board busy") for c in busy.cases]
        variants.append(busy)
        interrupted = sample_run()
        interrupted.interrupted = "SIGTERM"
        interrupted.cases[3] = CaseResult("dead", "ping", {}, NOT_RUN, "not run: interrupted by SIGTERM")
        variants.append(interrupted)
        for run in variants:
            path = os.path.join(self.dir, "junit.xml")
            write_junit(run, path)
            suite = ET.parse(path).getroot().find("testsuite")
            testcases = suite.findall("testcase")
            self.assertEqual(suite.get("tests"), str(len(testcases)))
            self.assertEqual(suite.get("errors"), str(sum(tc.find("error") is not None for tc in testcases)))
        self.assertEqual(suite.get("skipped"), "1")
        self.assertEqual(interrupted.exit_code, 130)
        self.assertIn("interrupted by SIGTERM", format_table(interrupted))

    def test_drift_across_repeats(self):
        from hil.drift import drift
        run = sample_run()
        first = CaseResult("b#1", "bench", {}, PASSED, metrics={"mean": 10.0, "iterations": 5})
        second = CaseResult("b#2", "bench", {}, FAILED, metrics={"mean": 12.0, "iterations": 5})
        run.cases = [first, second]
        run.drift = drift(run.cases)
        self.assertEqual(run.drift["repeats"], 2)
        self.assertEqual([(m["case"], m["metric"], m["spread"]) for m in run.drift["moved"]], [("b", "mean", 2.0)])
        self.assertEqual(run.drift["flaky"], [{"case": "b", "outcomes": ["passed", "failed"]}])
        table = format_table(run)
        self.assertIn("drift across 2 repeats: 1 metric(s) moved, 1 case(s) changed outcome", table)
        self.assertIn("b mean: 10 .. 12 (spread 2, 20.0 %)", table)
        path = os.path.join(self.dir, "report.html")
        write_html(run, path)
        with open(path, encoding="utf-8") as f:
            self.assertIn("Drift across 2 repeats", f.read())

    def test_retried_case_marked_in_table_and_json(self):
        run = sample_run()
        run.cases[0].attempts = 2
        self.assertIn("PASSED (retried)", format_table(run))
        self.assertIn("2 retried", format_table(run))   # and "dead"
        self.assertTrue(run.to_dict()["cases"][0]["retried"])
        self.assertFalse(run.to_dict()["cases"][2]["retried"])

    def test_html_with_plots(self):
        path = os.path.join(self.dir, "report.html")
        write_html(self.run, path)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        collector = ImageCollector()
        collector.feed(text)
        # adc: latency histogram + queue levels; stacks: use; packets: pool levels
        self.assertEqual(len(collector.images), 4)
        for src in collector.images:
            self.assertTrue(src.startswith("data:image/png;base64,"))
            self.assertEqual(base64.b64decode(src.split(",", 1)[1])[:8], b"\x89PNG\r\n\x1a\n")
        self.assertIn("QEMU died &lt;&amp;&gt;", text)
        self.assertIn("INFRASTRUCTURE ERROR", text)
        self.assertIn("<td>1172 B</td><td>922 B</td><td>1024 B</td><td>ok</td>", text)
        self.assertIn("1172 B (/b/agent.stack.json)", text)


if __name__ == "__main__":
    unittest.main()
