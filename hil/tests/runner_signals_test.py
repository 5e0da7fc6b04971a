"""SIGINT, SIGTERM and SIGHUP in the middle of a case: the runner exits with
the interrupted code (130), no QEMU survives (neither its pid nor its
process group), and a partial report marked interrupted is written (JSON,
JUnit, HTML). A SIGKILLed runner takes its QEMU with it (parent-death
signal)."""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import xml.etree.ElementTree as ET

from hil.tests.runner_process import RUNNER, process_gone, qemu_children, runner_env

AGENT = next(p for p in sys.argv[1:] if p.endswith(".elf"))
del sys.argv[1:]

# "HANG" in a0 makes the fixture agent take the command and never answer.
SUITE = """
name: signals
cases:
  - {name: first, command: ping, limits: {echo_ok: 1}}
  - {name: hang, command: ping, args: {a0: 0x48414E47}, timeout_s: 60}
  - {name: never, command: ping}
"""


def group_alive(pgid):
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False


class RunnerMidCase:
    """Starts the runner on SUITE and waits until the hang case runs."""

    def __init__(self, test):
        self.dir = tempfile.mkdtemp()
        suite = os.path.join(self.dir, "signals.yaml")
        with open(suite, "w") as f:
            f.write(SUITE)
        self.out = os.path.join(self.dir, "out")
        self.stderr_path = os.path.join(self.dir, "stderr")
        self.stderr = open(self.stderr_path, "w")
        self.proc = subprocess.Popen(
            RUNNER + ["--board", "emulated", "--suite", suite, "--firmware", AGENT, "--out", self.out],
            env=runner_env(), stdout=subprocess.PIPE, stderr=self.stderr, text=True)
        test.addCleanup(self.cleanup)
        deadline = time.monotonic() + 30
        while "case 2/3 hang" not in self.read_stderr():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                test.fail("runner did not reach the hang case: %s" % self.read_stderr())
            time.sleep(0.05)
        time.sleep(0.3)   # the agent has taken the command
        self.qemu = qemu_children(self.proc.pid)
        test.assertEqual(len(self.qemu), 1, "one QEMU expected")

    def read_stderr(self):
        with open(self.stderr_path) as f:
            return f.read()

    def cleanup(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()
        for pid in self.qemu if hasattr(self, "qemu") else []:
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.stderr.close()


class SignalsMidRun(unittest.TestCase):
    def check_signal(self, number, name):
        run = RunnerMidCase(self)
        qemu = run.qemu[0]
        os.kill(run.proc.pid, number)
        stdout, _ = run.proc.communicate(timeout=30)
        stderr = run.read_stderr()
        self.assertEqual(run.proc.returncode, 130, stderr)
        self.assertNotIn("Traceback", stderr)
        # No child survives: neither the QEMU process nor anything in its group.
        self.assertTrue(process_gone(qemu), "QEMU %d survived %s" % (qemu, name))
        self.assertFalse(group_alive(qemu), "QEMU's process group survived %s" % name)
        # The partial report, marked interrupted, in every format.
        with open(os.path.join(run.out, "results.json")) as f:
            results = json.load(f)
        self.assertEqual(results["interrupted"], name)
        self.assertEqual(results["exit_code"], 130)
        self.assertEqual([c["outcome"] for c in results["cases"]], ["passed", "not_run", "not_run"])
        self.assertIn("interrupted by %s" % name, results["cases"][1]["reason"])
        suite = ET.parse(os.path.join(run.out, "junit.xml")).getroot().find("testsuite")
        self.assertEqual((suite.get("tests"), suite.get("skipped")), ("3", "2"))
        with open(os.path.join(run.out, "report.html")) as f:
            self.assertIn("Interrupted by %s" % name, f.read())
        self.assertIn("interrupted by %s" % name, stdout)

    def test_sigint(self):
        self.check_signal(signal.SIGINT, "SIGINT")

    def test_sigterm(self):
        self.check_signal(signal.SIGTERM, "SIGTERM")

    def test_sighup(self):
        self.check_signal(signal.SIGHUP, "SIGHUP")

    def test_sigkill_takes_qemu_along(self):
        run = RunnerMidCase(self)
        qemu = run.qemu[0]
        run.proc.kill()
        run.proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        while not process_gone(qemu) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertTrue(process_gone(qemu), "QEMU %d outlived its SIGKILLed runner" % qemu)


if __name__ == "__main__":
    unittest.main()
