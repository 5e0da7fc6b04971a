"""Killing QEMU in the middle of a case is an infrastructure error: the case
is retried once on a fresh emulator, then reported as "error" (not as a test
failure) with exit code 2, later cases are not run, and no QEMU is left.
A case whose retry got through is marked retried in table, JSON and JUnit,
and a later cumulative measurement (stack_report) sees the same board
history as in an undisturbed run (reset, earlier cases replayed)."""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import xml.etree.ElementTree as ET

from hil.tests.runner_process import RUNNER, qemu_children, runner_env

AGENT = next(p for p in sys.argv[1:] if p.endswith(".elf"))
del sys.argv[1:]

SUITE = """
name: infra
cases:
  - {name: hang, command: ping, args: {a0: 0x48414E47}, timeout_s: 15}
  - {name: after, command: ping}
"""


class KillQemuMidRun(unittest.TestCase):
    def test_killed_qemu_is_infrastructure_error(self):
        out = tempfile.mkdtemp()
        suite = os.path.join(out, "infra.yaml")
        with open(suite, "w") as f:
            f.write(SUITE)
        runner = subprocess.Popen(
            RUNNER + ["--board", "emulated", "--suite", suite,
                      "--firmware", AGENT, "--out", out], env=runner_env(), text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        killed = set()
        deadline = time.monotonic() + 40
        try:
            while runner.poll() is None and time.monotonic() < deadline:
                for pid in qemu_children(runner.pid):
                    if pid not in killed:
                        time.sleep(1.0)  # let it boot and take the command
                        os.kill(pid, signal.SIGKILL)
                        killed.add(pid)
                time.sleep(0.05)
            stdout, stderr = runner.communicate(timeout=30)
        finally:
            if runner.poll() is None:
                runner.kill()
        self.assertEqual(runner.returncode, 2, stderr + stdout)
        self.assertEqual(len(killed), 2, "one QEMU per attempt expected: %s" % killed)
        with open(os.path.join(out, "results.json")) as f:
            results = json.load(f)
        hang, after = results["cases"]
        self.assertEqual(hang["outcome"], "error")
        self.assertEqual(hang["attempts"], 2)
        self.assertIn("QEMU", hang["reason"])
        self.assertIn("died", hang["reason"])
        self.assertEqual(after["outcome"], "error")
        self.assertIn("not run", after["reason"])
        self.assertIn("INFRASTRUCTURE ERROR", stdout)
        self.assertEqual(qemu_children(runner.pid), [])


RETRY_SUITE = """
name: retry
cases:
  - {name: warm_up, command: ping, args: {a1: 1}, limits: {echo_ok: 1}}
  - {name: hang, command: ping, args: {a0: 0x48414E47}, timeout_s: 2}
  - {name: stacks, command: stack_report}
"""

UNDISTURBED_SUITE = """
name: undisturbed
cases:
  - {name: warm_up, command: ping, args: {a1: 1}, limits: {echo_ok: 1}}
  - {name: stacks, command: stack_report}
"""


def run_killing_first_qemu(suite_text, out, kill):
    """Runs the runner on `suite_text`; kills its first QEMU once (after it
    booted) when `kill`; returns (returncode, stdout, stderr)."""
    suite = os.path.join(out, "suite.yaml")
    with open(suite, "w") as f:
        f.write(suite_text)
    runner = subprocess.Popen(RUNNER + ["--board", "emulated", "--suite", suite, "--firmware", AGENT,
                                        "--out", out], env=runner_env(), text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 40
        while kill and runner.poll() is None and time.monotonic() < deadline:
            pids = qemu_children(runner.pid)
            if pids:
                time.sleep(1.0)  # warm_up done, hang taken
                os.kill(pids[0], signal.SIGKILL)
                break
            time.sleep(0.05)
        stdout, stderr = runner.communicate(timeout=60)
    finally:
        if runner.poll() is None:
            runner.kill()
    with open(os.path.join(out, "results.json")) as f:
        return runner.returncode, stdout, stderr, json.load(f)


class RetriedCase(unittest.TestCase):
    def test_retry_marked_and_cumulative_measurement_replays_history(self):
        out = tempfile.mkdtemp()
        code, stdout, stderr, results = run_killing_first_qemu(RETRY_SUITE, out, kill=True)
        self.assertEqual(code, 1, stderr + stdout)   # the hang's second attempt times out
        cases = {c["name"]: c for c in results["cases"]}
        self.assertEqual((cases["hang"]["attempts"], cases["hang"]["retried"], cases["hang"]["status"]),
                         (2, True, "TIMEOUT"))
        self.assertFalse(cases["warm_up"]["retried"])
        self.assertIn("FAILED (retried)", stdout)
        junit = ET.parse(os.path.join(out, "junit.xml")).getroot().find("testsuite")
        hang = next(tc for tc in junit.findall("testcase") if tc.get("name") == "hang")
        self.assertEqual({p.get("name"): p.get("value") for p in hang.find("properties")}["retried"], "true")
        self.assertIn("1 earlier case(s) replayed", cases["stacks"]["state_note"])
        undisturbed_out = tempfile.mkdtemp()
        code, _, stderr, undisturbed = run_killing_first_qemu(UNDISTURBED_SUITE, undisturbed_out, kill=False)
        self.assertEqual(code, 0, stderr)
        reference = {c["name"]: c for c in undisturbed["cases"]}["stacks"]
        self.assertEqual(cases["stacks"]["metrics"]["stack.MSP.high_water"],
                         reference["metrics"]["stack.MSP.high_water"])


if __name__ == "__main__":
    unittest.main()
