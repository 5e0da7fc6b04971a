"""Killing QEMU in the middle of a case is an infrastructure error: the case
is retried once on a fresh emulator, then reported as "error" (not as a test
failure) with exit code 2, later cases are not run, and no QEMU is left."""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

from runner_process import RUNNER, qemu_children, runner_env

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


if __name__ == "__main__":
    unittest.main()
