"""Failure paths with the real agent (apps/hil_agent), not the fixture:

- a deliberately broken build (hil_agent_broken_mps2_an500: its ping hangs
  with interrupts off and the heartbeat frozen) fails that case with a
  timeout — the run neither hangs nor stops; the board is reset and the
  next case passes;
- the production agent busy with a command longer than the case allows
  (an adc_burst of 1000 s) is a timeout too, with status BUSY;
- killing QEMU while the production agent runs a command is an
  infrastructure error: retried once, then exit code 2, no QEMU left;
- command IDs the protocol does not define get UNKNOWN_COMMAND, and
  arguments out of range BAD_ARGS, with no results and the agent still
  answering."""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

from hil import mailbox_protocol as P
from hil.elf_image import ElfImage
from hil.emulated_board import EmulatedBoard
from hil.mailbox_client import MailboxClient
from hil.tests.runner_process import RUNNER, qemu_children, runner_env

ARGS = sys.argv[1:]
del sys.argv[1:]
AGENT = next(p for p in ARGS if p.endswith("/hil_agent_mps2_an500.elf"))
BROKEN = next(p for p in ARGS if p.endswith("/hil_agent_broken_mps2_an500.elf"))

TIMEOUT_SUITE = """
name: real-agent-timeouts
timeout_s: 5
ready_timeout_s: 3
cases:
  - {name: stuck_ping, command: ping, args: {a0: 1}, timeout_s: 1}
  - {name: stack_after_reset, command: stack_report, limits: {count: 1}}
  - {name: burst_too_long, command: adc_burst, args: {count: 1000000, rate_hz: 1000}, timeout_s: 1}
  - {name: bench_after_reset, command: bench, args: {op: tlsf_alloc, iterations: 100},
     limits: {iterations: 100}}
"""

KILL_SUITE = """
name: real-agent-infra
cases:
  - {name: long_burst, command: adc_burst, args: {count: 1000000, rate_hz: 1000}, timeout_s: 15}
  - {name: after, command: ping}
"""


def write_suite(text):
    out = tempfile.mkdtemp()
    path = os.path.join(out, "suite.yaml")
    with open(path, "w") as f:
        f.write(text)
    return out, path


def runner_command(suite, firmware, out):
    return RUNNER + ["--board", "emulated", "--suite", suite, "--firmware", firmware, "--out", out]


class BrokenAgentTimesOut(unittest.TestCase):
    def test_stuck_and_slow_commands_are_timeouts(self):
        out, suite = write_suite(TIMEOUT_SUITE)
        start = time.monotonic()
        proc = subprocess.run(runner_command(suite, BROKEN, out), env=runner_env(), text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        elapsed = time.monotonic() - start
        self.assertEqual(proc.returncode, 1, proc.stderr + proc.stdout)
        self.assertLess(elapsed, 30)
        with open(os.path.join(out, "results.json")) as f:
            cases = {c["name"]: c for c in json.load(f)["cases"]}
        self.assertEqual({n: c["outcome"] for n, c in cases.items()}, {
            "stuck_ping": "failed", "stack_after_reset": "passed",
            "burst_too_long": "failed", "bench_after_reset": "passed"})

        stuck = cases["stuck_ping"]
        self.assertEqual(stuck["status"], "TIMEOUT")
        self.assertLess(stuck["duration_s"], 5)
        self.assertEqual(stuck["diagnostics"]["status"], 1)  # BUSY: the doorbell was taken
        ping = ElfImage(BROKEN).symbol("cmd_ping")
        self.assertTrue(ping.address & ~1 <= stuck["diagnostics"]["pc"] < (ping.address & ~1) + ping.size,
                        "PC 0x%x not in cmd_ping" % stuck["diagnostics"]["pc"])

        slow = cases["burst_too_long"]
        self.assertEqual(slow["status"], "TIMEOUT")
        self.assertEqual(slow["diagnostics"]["status"], 1)
        self.assertLess(slow["duration_s"], 5)


class KillQemuUnderRealAgent(unittest.TestCase):
    def test_killed_qemu_is_infrastructure_error(self):
        out, suite = write_suite(KILL_SUITE)
        runner = subprocess.Popen(runner_command(suite, AGENT, out), env=runner_env(), text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        killed = set()
        deadline = time.monotonic() + 40
        try:
            while runner.poll() is None and time.monotonic() < deadline:
                for pid in qemu_children(runner.pid):
                    if pid not in killed:
                        time.sleep(1.0)  # boot, take the burst, run it for a while
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
            burst, after = json.load(f)["cases"]
        self.assertEqual((burst["outcome"], burst["attempts"]), ("error", 2))
        self.assertIn("QEMU", burst["reason"])
        self.assertIn("died", burst["reason"])
        self.assertEqual(after["outcome"], "error")
        self.assertIn("not run", after["reason"])
        self.assertIn("INFRASTRUCTURE ERROR", stdout)
        self.assertEqual(qemu_children(runner.pid), [])


class RawCommands(unittest.TestCase):
    """Requests the suite loader would refuse, written straight into the mailbox."""

    def setUp(self):
        self.board = EmulatedBoard()
        self.addCleanup(self.board.close)
        self.board.flash(AGENT)
        self.client = MailboxClient(self.board, ElfImage(AGENT))
        self.board.reset(halt=True)
        self.client.invalidate()
        self.board.resume()
        self.client.wait_ready(5.0)
        self.seq = 0

    def ring(self, command, args=()):
        """Writes command + args, seq, doorbell; returns (status, layout, words)."""
        base, off = self.client.address, P.MAILBOX_OFFSETS
        words = list(args) + [0] * (P.ARG_WORDS - len(args))
        self.seq += 1
        self.board.write_block32(base + off["command"], [command] + words)
        self.board.write_u32(base + off["seq"], self.seq)
        self.board.write_u32(base + off["doorbell"], P.DOORBELL_RING)
        deadline = time.monotonic() + 5
        while self.board.read_u32(base + off["ack_seq"]) != self.seq:
            self.assertLess(time.monotonic(), deadline, "no answer to command %d" % command)
            time.sleep(0.002)
        head = self.client.header()
        return head["status"], head["result_layout"], head["result_words"]

    def test_unknown_commands_and_bad_arguments(self):
        none = P.LAYOUT_IDS.get("none", 0)
        for command in (0, 8, 0xFFFFFFFF):
            with self.subTest(command=command):
                self.assertEqual(self.ring(command), (3, none, 0))  # UNKNOWN_COMMAND
        bad = {
            "adc_burst": [[0, 1000], [10, 0], [10, 20001]],
            "packet_burst": [[10, 11, 64, 500, 1], [10, 64, 1501, 500, 1], [10, 65, 64, 500, 1],
                             [10, 16, 64, 99, 1], [0, 16, 64, 500, 1]],
            "heap_stress": [[3, 10, 1, 64], [1, 0, 1, 64], [2, 10, 1, 0], [2, 10, 1, 32769]],
            "bench": [[0, 10], [9, 10], [1, 0], [1, 100001]],
            "fault": [[0], [5]],
        }
        for name, cases in bad.items():
            for args in cases:
                with self.subTest(command=name, args=args):
                    self.assertEqual(self.ring(P.command_id(name), args), (4, none, 0))  # BAD_ARGS
        status, layout, words = self.ring(P.command_id("ping"), [7])
        self.assertEqual((status, layout, words), (2, P.LAYOUT_IDS["ping"], 8))
        self.assertEqual(self.client.info.capabilities, 0xFE)


if __name__ == "__main__":
    unittest.main()
