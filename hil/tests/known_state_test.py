"""With the real agent: a case retried after QEMU was killed re-opens the
board, which would make the later stack_report measure only part of the
suite (issue 12: 336 B instead of 408 B). Here the ADC burst (ISR and queue:
the deepest stack) runs first, then a packet burst whose QEMU is killed and
which passes on its retry on a fresh board. The runner resets the board and
replays the earlier cases before stack_report, so the high-water mark equals
an undisturbed run's; and the comparison is not vacuous: measured after the
packet burst alone (what the retry's board had seen), it is lower."""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

from hil.tests.runner_process import RUNNER, qemu_children, runner_env

AGENT = next(p for p in sys.argv[1:] if p.endswith("/hil_agent_mps2_an500.elf"))
del sys.argv[1:]

PACKETS = ("  - {name: packets, command: packet_burst, args: {count: 10000, size_min: 16, size_max: 1500, "
           "interval_us: 500, seed: 1}, timeout_s: 30}\n")
BURST = "  - {name: burst, command: adc_burst, args: {count: 20000, rate_hz: 10000}, timeout_s: 30}\n"
STACKS = "  - {name: stacks, command: stack_report}\n"


def run(cases, kill_during=None):
    """Runs the runner on `cases`; when `kill_during` names a case, kills
    the first QEMU once while that case runs. The results.json."""
    out = tempfile.mkdtemp()
    suite = os.path.join(out, "suite.yaml")
    with open(suite, "w") as f:
        f.write("name: known-state\ncases:\n" + "".join(cases))
    stderr_path = os.path.join(out, "stderr")
    with open(stderr_path, "w") as stderr:
        runner = subprocess.Popen(RUNNER + ["--board", "emulated", "--suite", suite, "--firmware", AGENT,
                                            "--out", os.path.join(out, "r")],
                                  env=runner_env(), stdout=subprocess.DEVNULL, stderr=stderr)
        try:
            deadline = time.monotonic() + 30
            while kill_during and runner.poll() is None and time.monotonic() < deadline:
                with open(stderr_path) as f:
                    if " %s: packet_burst" % kill_during in f.read():
                        time.sleep(0.1)   # the burst is running
                        os.kill(qemu_children(runner.pid)[0], signal.SIGKILL)
                        break
                time.sleep(0.02)
            runner.wait(timeout=60)
        finally:
            if runner.poll() is None:
                runner.kill()
                runner.wait()
    with open(os.path.join(out, "r", "results.json")) as f:
        return {c["name"]: c for c in json.load(f)["cases"]}


def high_water(cases):
    return cases["stacks"]["metrics"]["stack.MSP.high_water"]


class CumulativeMeasurementAfterRetry(unittest.TestCase):
    def test_high_water_as_in_an_undisturbed_run(self):
        disturbed = run([BURST, PACKETS, STACKS], kill_during="packets")
        self.assertEqual((disturbed["packets"]["outcome"], disturbed["packets"]["retried"]), ("passed", True))
        self.assertIn("2 earlier case(s) replayed", disturbed["stacks"]["state_note"])
        undisturbed = run([BURST, PACKETS, STACKS])
        self.assertEqual(undisturbed["stacks"]["state_note"], "")
        packets_only = run([PACKETS, STACKS])
        self.assertEqual(high_water(disturbed), high_water(undisturbed))
        self.assertLess(high_water(packets_only), high_water(undisturbed))


if __name__ == "__main__":
    unittest.main()
