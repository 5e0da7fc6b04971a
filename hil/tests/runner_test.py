"""The runner end to end on the emulated board with the fixture agent: pass,
broken limit, wrong status, timeout (the runner neither hangs nor stops: the
board is reset and the next case passes), reports, exit codes, usage errors."""

import json
import os
import sys
import tempfile
import time
import unittest
import xml.etree.ElementTree as ET

from hil.tests.runner_process import run_runner

ARGS = sys.argv[1:]
del sys.argv[1:]
AGENT = next(p for p in ARGS if p.endswith(".elf") and "fixture_agent_mps2_an500" in p)
HELLO = next(p for p in ARGS if p.endswith(".elf") and "hello_mps2_an500" in p)
HERE = os.path.dirname(os.path.abspath(__file__))
SUITE = os.path.join(HERE, "fixture_suite.yaml")


def run_timed(*args, env_extra=None):
    """run_runner(*args) and its wall time in seconds."""
    start = time.monotonic()
    proc = run_runner(*args, env_extra=env_extra)
    return proc, time.monotonic() - start


class RunnerOnEmulatedBoard(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.out = tempfile.mkdtemp()
        cls.xml = os.path.join(cls.out, "bazel-test.xml")
        cls.proc, cls.elapsed = run_timed(
            "--board", "emulated", "--suite", SUITE, "--firmware", AGENT,
            "--firmware", AGENT.replace(".elf", ".map"), "--out", cls.out,
            env_extra={"XML_OUTPUT_FILE": cls.xml})
        with open(os.path.join(cls.out, "results.json")) as f:
            cls.results = json.load(f)
        cls.cases = {c["name"]: c for c in cls.results["cases"]}

    def test_exit_code_is_test_failure(self):
        self.assertEqual(self.proc.returncode, 1, self.proc.stderr)
        self.assertEqual(self.results["summary"], {"passed": 6, "failed": 2, "error": 0, "not_run": 0})

    def test_outcomes(self):
        outcome = {n: c["outcome"] for n, c in self.cases.items()}
        self.assertEqual(outcome, {
            "ping_echoes": "passed", "stack_within_limit": "passed", "stack_limit_broken": "failed",
            "bench_unsupported": "passed", "hang_times_out": "failed", "ping_after_reset": "passed",
            "stack_overflow_caught": "passed", "ping_after_fault": "passed"})
        self.assertEqual(self.cases["stack_within_limit"]["metrics"]["stack.MSP.size"], 8064)
        self.assertEqual(self.results["agent"]["build_id"], 0xF1C70001)

    def test_timeout_fails_case_without_hanging(self):
        case = self.cases["hang_times_out"]
        self.assertEqual(case["status"], "TIMEOUT")
        self.assertIn("within 1.0s", case["reason"])
        self.assertLess(case["duration_s"], 5)
        diag = case["diagnostics"]
        self.assertEqual(diag["status"], 1)          # BUSY: the agent took the command
        self.assertGreater(diag["heartbeat"], 0)
        self.assertIn("pc", diag)
        self.assertLess(self.elapsed, 40)

    def test_fault_record_after_reboot(self):
        m = self.cases["stack_overflow_caught"]["metrics"]
        self.assertEqual((m["valid"], m["exception"], m["stack_overflow_flag"], m["rebooted"]), (1, 4, 1, 1))
        self.assertEqual(m["mmfar_in_stack_guard"], 1)
        self.assertEqual(m["cfsr"] & 0xFF, 0x92)  # MMARVALID | MSTKERR
        self.assertIn("fault: MemManage", self.results["uart_log"])  # the BSP's own report

    def test_progress_and_table(self):
        self.assertIn("board emulated (emulated): ", self.proc.stderr)
        self.assertIn("flash 100%", self.proc.stderr)
        self.assertIn("reset emulated", self.proc.stderr)
        self.assertIn("6 passed, 2 failed, 0 infrastructure errors", self.proc.stdout)

    def test_reports(self):
        for path in (self.xml, os.path.join(self.out, "junit.xml")):
            suite = ET.parse(path).getroot().find("testsuite")
            self.assertEqual((suite.get("tests"), suite.get("failures"), suite.get("errors")), ("8", "2", "0"))
        with open(os.path.join(self.out, "report.html")) as f:
            page = f.read()
        self.assertIn("data:image/png;base64,", page)   # stack use plot
        self.assertIn("hil fixture agent ready", page)  # UART log


class RunnerUsage(unittest.TestCase):
    def test_all_pass_exit_zero(self):
        out = tempfile.mkdtemp()
        suite = os.path.join(out, "ok.yaml")
        with open(suite, "w") as f:
            f.write("cases:\n  - {name: p, command: ping, args: {a3: 3}, limits: {echo_ok: 1}}\n")
        proc = run_runner("--board", "emulated", "--suite", suite,
                             "--firmware", "mps2_an500=" + AGENT, "--out", out, "--quiet")
        self.assertEqual(proc.returncode, 0, proc.stderr + proc.stdout)
        self.assertEqual(proc.stderr, "")

    def test_case_selection_and_repeat(self):
        out = tempfile.mkdtemp()
        proc = run_runner("--board", "emulated", "--suite", SUITE, "--firmware", AGENT, "--out", out,
                          "--quiet", "--case", "ping_echoes", "-k", "stack_within*", "--repeat", "2")
        self.assertEqual(proc.returncode, 0, proc.stderr + proc.stdout)
        with open(os.path.join(out, "results.json")) as f:
            results = json.load(f)
        self.assertEqual([c["name"] for c in results["cases"]],
                         ["ping_echoes#1", "stack_within_limit#1", "ping_echoes#2", "stack_within_limit#2"])
        self.assertEqual(results["drift"]["repeats"], 2)
        self.assertIn("drift across 2 repeats", proc.stdout)

    def test_usage_errors_exit_3(self):
        out = tempfile.mkdtemp()
        cases = [
            ["--board", "emulated", "--suite", "/nonexistent.yaml", "--firmware", AGENT],
            ["--board", "emulated", "--suite", SUITE],                               # no firmware
            ["--board", "emulated", "--suite", SUITE, "--firmware", HELLO],          # not an agent
            ["--board", "nosuch", "--suite", SUITE, "--firmware", AGENT],
            ["--board", "emulated", "--suite", SUITE, "--firmware", "stm32f769=" + AGENT],
        ]
        for args in cases:
            with self.subTest(args=args):
                proc = run_runner(*args, "--out", out)
                self.assertEqual(proc.returncode, 3, proc.stderr)
                self.assertIn("usage error", proc.stderr)
        proc = run_runner("--board", "emulated", "--suite", SUITE, "--firmware", HELLO, "--out", out)
        self.assertIn("no hil_mailbox symbol", proc.stderr)
        proc = run_runner("--suite")
        self.assertNotEqual(proc.returncode, 0)


if __name__ == "__main__":
    unittest.main()
