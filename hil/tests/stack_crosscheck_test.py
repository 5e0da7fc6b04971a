"""The stack cross-check (hil/static_bound.py): which bound file applies, how
the stack_report case is judged, and the runner end to end on the emulated
board with the fixture agent: a generous bound passes and shows static
bound, measured and reserved side by side in the table, results.json, JUnit
and HTML; a tiny fake bound FAILS the case with a clear message; a bound for
another image (different reservation) fails too; bad bound files are usage
errors before any board is touched."""

import json
import os
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

from hil.errors import UsageError
from hil.tests.runner_process import run_runner
from hil.static_bound import StackBound, cross_check, describe, load_bound, resolve_bound

ARGS = sys.argv[1:]
del sys.argv[1:]
AGENT = next((p for p in ARGS if p.endswith("fixture_agent_mps2_an500.elf")), None)
FIXTURE_RESERVED = 8064  # the fixture agent reports the usable main stack: 8192 - 128 B guard

SUITE = """name: crosscheck
timeout_s: 5
ready_timeout_s: 3
cases:
  - name: ping_first
    command: ping
    args: {a0: 1}
    limits: {echo_ok: 1}
  - name: stack_report_checked
    command: stack_report
    limits:
      count: 1
"""


def write(directory, name, text):
    path = os.path.join(directory, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def write_json(directory, name, data):
    return write(directory, name, json.dumps(data))


class LoadAndResolve(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def test_stack_budget_json_and_minimal_file(self):
        full = write_json(self.dir, "a.stack.json", {"bound": 1172, "stack_usable": 8064,
                                                     "elf": "bazel-out/x/bin/apps/a/agent_a.elf",
                                                     "roots": [], "verdict": "PASS"})
        self.assertEqual(load_bound(full), StackBound(1172, full, 8064, "bazel-out/x/bin/apps/a/agent_a.elf"))
        tiny = write_json(self.dir, "tiny.json", {"bound": 16})
        self.assertEqual(load_bound(tiny), StackBound(16, tiny, 0, ""))

    def test_bad_files_are_usage_errors(self):
        cases = {
            "missing": os.path.join(self.dir, "nope.json"),
            "not json": write(self.dir, "text.json", "bound: 12"),
            "no bound": write_json(self.dir, "none.json", {"stack_usable": 8064}),
            "zero bound": write_json(self.dir, "zero.json", {"bound": 0}),
            "string bound": write_json(self.dir, "str.json", {"bound": "100"}),
            "bool bound": write_json(self.dir, "bool.json", {"bound": True}),
            "bad usable": write_json(self.dir, "usable.json", {"bound": 10, "stack_usable": -1}),
            "list": write_json(self.dir, "list.json", [1, 2]),
        }
        for why, path in cases.items():
            with self.subTest(why=why), self.assertRaises(UsageError) as ctx:
                load_bound(path)
            self.assertIn(path, str(ctx.exception))

    def test_resolution(self):
        a = write_json(self.dir, "a.stack.json", {"bound": 100, "elf": "out/agent_a.elf"})
        b = write_json(self.dir, "b.stack.json", {"bound": 200, "elf": "out/agent_b.elf"})
        txt = write(self.dir, "a.stack.txt", "report")
        self.assertIsNone(resolve_bound([], "mps2_an500", "/fw/agent_a.elf"))
        self.assertIsNone(resolve_bound([txt, "x.sh"], "mps2_an500", "/fw/agent_a.elf"))
        # The only .json (the filegroup's .stack.txt is skipped).
        self.assertEqual(resolve_bound([txt, b], "mps2_an500", "/fw/agent_a.elf").bound, 200)
        # PLATFORM=FILE wins; other platforms' entries are ignored.
        self.assertEqual(resolve_bound(["stm32f769=" + a, "mps2_an500=" + b], "mps2_an500",
                                       "/fw/x.elf").bound, 200)
        # Several plain files: the one computed for the flashed ELF's name.
        self.assertEqual(resolve_bound([a, b], "mps2_an500", "/fw/agent_a.elf").bound, 100)
        with self.assertRaises(UsageError) as ctx:
            resolve_bound([a, b], "mps2_an500", "/fw/other.elf")
        self.assertIn("PLATFORM=FILE", str(ctx.exception))


class CrossCheck(unittest.TestCase):
    STACKS = [{"tag": "MSP", "size": 8064, "high_water": 400, "use_ratio": 400 / 8064}]

    def test_within_bound(self):
        r = cross_check(StackBound(1172, "b.json", 8064), self.STACKS)
        self.assertEqual((r["static_bound"], r["measured"], r["reserved"], r["ok"]), (1172, 400, 8064, True))
        self.assertEqual(describe(r), "stack MSP: static bound 1172 B, measured 400 B, reserved 8064 B")

    def test_equal_is_within(self):
        self.assertTrue(cross_check(StackBound(400, "b.json"), self.STACKS)["ok"])

    def test_measured_above_bound_fails(self):
        r = cross_check(StackBound(399, "b.json"), self.STACKS)
        self.assertFalse(r["ok"])
        self.assertIn("measured high-water 400 B exceeds the static bound 399 B (b.json)", r["message"])

    def test_other_image_fails(self):
        r = cross_check(StackBound(1172, "b.json", 4096), self.STACKS)
        self.assertFalse(r["ok"])
        self.assertIn("4096 B usable stack but the measured image reserves 8064 B", r["message"])

    def test_no_main_stack_fails(self):
        r = cross_check(StackBound(1172, "b.json"), [{"tag": "PSP", "size": 1024, "high_water": 10}])
        self.assertFalse(r["ok"])
        self.assertIn("no MSP stack", r["message"])
        self.assertEqual(describe(r), "stack MSP: static bound 1172 B, measured -, reserved -")


@unittest.skipIf(AGENT is None, "needs the fixture agent (bazel test //hil/tests:stack_crosscheck_test)")
class RunnerOnEmulatedBoard(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp()
        cls.suite = write(cls.dir, "suite.yaml", SUITE)

    def run_with(self, bound_data, name):
        out = os.path.join(self.dir, name)
        bound = write_json(self.dir, name + ".json", bound_data)
        proc = run_runner("--board", "emulated", "--suite", self.suite, "--firmware", AGENT,
                          "--stack-bounds", "mps2_an500=" + bound, "--out", out)
        with open(os.path.join(out, "results.json")) as f:
            results = json.load(f)
        return proc, results, out, bound

    def test_generous_bound_passes_and_reports_side_by_side(self):
        proc, results, out, bound = self.run_with({"bound": 4000, "stack_usable": FIXTURE_RESERVED}, "ok")
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        case = results["cases"][1]
        check = case["stack_check"]
        self.assertEqual((check["static_bound"], check["reserved"], check["ok"]), (4000, FIXTURE_RESERVED, True))
        self.assertGreater(check["measured"], 0)
        self.assertEqual(check["measured"], case["metrics"]["stack.MSP.high_water"])
        self.assertEqual(case["metrics"]["stack.MSP.static_bound"], 4000)
        self.assertEqual(results["stack_bound"]["bound"], 4000)
        self.assertEqual(results["cases"][0]["stack_check"], {})   # only stack_report is checked
        # Results table: one row, the three numbers side by side.
        self.assertIn("stack cross-check (bytes; static bound from ok.json)", proc.stdout)
        row = next(l for l in proc.stdout.splitlines() if l.startswith("stack_report_checked  MSP"))
        self.assertEqual(row.split()[2:], ["4000", str(check["measured"]), str(FIXTURE_RESERVED), "ok"])
        self.assertIn("stack cross-check: static bound 4000 B from " + bound, proc.stderr)
        # JUnit: properties and the line in system-out.
        tc = next(t for t in ET.parse(os.path.join(out, "junit.xml")).iter("testcase")
                  if t.get("name") == "stack_report_checked")
        props = {p.get("name"): p.get("value") for p in tc.find("properties")}
        self.assertEqual((props["stack.static_bound"], props["stack.reserved"], props["stack.ok"]),
                         ("4000", str(FIXTURE_RESERVED), "True"))
        self.assertIn("stack MSP: static bound 4000 B, measured %d B, reserved %d B"
                      % (check["measured"], FIXTURE_RESERVED), tc.find("system-out").text)
        with open(os.path.join(out, "report.html")) as f:
            page = f.read()
        self.assertIn("<th>static bound</th><th>measured (high-water)</th><th>reserved</th>", page)
        self.assertIn("<td>4000 B</td><td>%d B</td><td>%d B</td><td>ok</td>"
                      % (check["measured"], FIXTURE_RESERVED), page)

    def test_tiny_fake_bound_fails_the_case(self):
        proc, results, out, bound = self.run_with({"bound": 16}, "tiny")
        self.assertEqual(proc.returncode, 1, proc.stdout + proc.stderr)
        case = results["cases"][1]
        self.assertEqual((case["outcome"], case["status"]), ("failed", "OK"))
        self.assertFalse(case["stack_check"]["ok"])
        measured = case["stack_check"]["measured"]
        expected = "stack cross-check: measured high-water %d B exceeds the static bound 16 B (%s)" % (
            measured, bound)
        self.assertIn(expected, case["reason"])
        self.assertEqual(results["cases"][0]["outcome"], "passed")
        row = next(l for l in proc.stdout.splitlines() if l.startswith("stack_report_checked  MSP"))
        self.assertTrue(row.endswith("EXCEEDED"), row)
        self.assertIn("1 passed, 1 failed", proc.stdout)
        tc = next(t for t in ET.parse(os.path.join(out, "junit.xml")).iter("testcase")
                  if t.get("name") == "stack_report_checked")
        self.assertIn(expected, tc.find("failure").get("message"))
        self.assertIn(expected, tc.find("failure").text)

    def test_bound_for_another_image_fails(self):
        proc, results, _, _ = self.run_with({"bound": 4000, "stack_usable": 2048}, "other")
        self.assertEqual(proc.returncode, 1, proc.stdout + proc.stderr)
        self.assertIn("the bound is for another image", results["cases"][1]["reason"])
        self.assertIn("MISMATCH", proc.stdout)

    def test_bad_bound_file_is_usage_error(self):
        out = os.path.join(self.dir, "usage")
        for bound in (os.path.join(self.dir, "missing.json"), write_json(self.dir, "nobound.json", {"x": 1})):
            with self.subTest(bound=bound):
                proc = run_runner("--board", "emulated", "--suite", self.suite, "--firmware", AGENT,
                                  "--stack-bounds", bound, "--out", out)
                self.assertEqual(proc.returncode, 3, proc.stderr)
                self.assertIn("usage error: ", proc.stderr)
                self.assertIn(bound, proc.stderr)

    def test_no_bound_no_cross_check(self):
        out = os.path.join(self.dir, "none")
        proc = run_runner("--board", "emulated", "--suite", self.suite, "--firmware", AGENT, "--out", out)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertIn("stack cross-check: none", proc.stderr)
        self.assertNotIn("static bound", proc.stdout)


if __name__ == "__main__":
    unittest.main()
