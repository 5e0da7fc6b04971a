"""--all with a map of three emulated boards: three runner processes (three
QEMUs) at once, a result directory per board, one merged results.json,
JUnit, table and report with the boards side by side; a bad board name is a
usage error before anything runs; SIGTERM to the parent stops every board,
leaves no QEMU, and both the boards' and the merged reports say interrupted."""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import xml.etree.ElementTree as ET

from hil.tests.runner_process import RUNNER, find_processes, process_gone, qemu_children, run_runner, runner_env, \
    write_text

AGENT = os.path.abspath(next(p for p in sys.argv[1:] if p.endswith(".elf")))
del sys.argv[1:]

BOARDS = ("emu-a", "emu-b", "emu-c")
MAP = "boards:\n" + "".join("  %s: {backend: emulated, platform: mps2_an500}\n" % b for b in BOARDS)
SUITE = """
name: multi
cases:
  - {name: ping, command: ping, args: {a2: 2}, limits: {echo_ok: 1}}
  - {name: stacks, command: stack_report, limits: {max_use_ratio: {lt: 0.8}}}
"""
HANG_SUITE = """
name: multi-hang
cases:
  - {name: ping, command: ping, limits: {echo_ok: 1}}
  - {name: hang, command: ping, args: {a0: 0x48414E47}, timeout_s: 60}
"""


def board_emulators(parent):
    """The QEMUs of the board runners the many-board runner `parent` started."""
    runners = find_processes(lambda ppid, comm, cmdline: ppid == parent)
    return {qemu for runner in runners for qemu in qemu_children(runner)}


class ManyBoards(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.map = write_text(self.dir, "three.yaml", MAP)

    def suite(self, text):
        return write_text(self.dir, "suite.yaml", text)

    def test_all_boards_at_once_with_merged_reports(self):
        out = os.path.join(self.dir, "out")
        proc = run_runner("--all", "--map", self.map, "--suite", self.suite(SUITE), "--firmware", AGENT,
                          "--out", out)
        self.assertEqual(proc.returncode, 0, proc.stderr + proc.stdout)
        with open(os.path.join(out, "results.json")) as f:
            merged = json.load(f)
        self.assertEqual(sorted(merged["boards"]), list(BOARDS))
        boards = merged["boards"].values()
        # Concurrent: every board started before any finished.
        self.assertLess(max(b["started_epoch"] for b in boards), min(b["ended_epoch"] for b in boards))
        for name in BOARDS:
            board = merged["boards"][name]
            self.assertEqual(board["results"]["board"], name)
            self.assertEqual(board["results"]["summary"]["passed"], 2)
            self.assertEqual(sorted(os.listdir(os.path.join(out, name))),
                             ["junit.xml", "report.html", "results.json"])
        junit = ET.parse(os.path.join(out, "junit.xml")).getroot()
        self.assertEqual(sorted(s.get("name") for s in junit.findall("testsuite")),
                         ["hil.multi@%s" % b for b in BOARDS])
        self.assertIn("case    emu-a   emu-b   emu-c", proc.stdout)
        self.assertIn("3 boards at once in", proc.stdout)
        with open(os.path.join(out, "report.html")) as f:
            page = f.read()
        self.assertIn("<th>emu-a</th><th>emu-b</th><th>emu-c</th>", page)
        self.assertIn("stack.MSP.high_water", page)

    def test_unknown_board_is_usage_error_before_anything_runs(self):
        out = os.path.join(self.dir, "out")
        proc = run_runner("--board", "emu-a,nosuch", "--map", self.map, "--suite", self.suite(SUITE),
                          "--firmware", AGENT, "--out", out)
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertIn("unknown board 'nosuch'", proc.stderr)
        self.assertFalse(os.path.exists(out))

    def test_sigterm_stops_every_board(self):
        out = os.path.join(self.dir, "out")
        parent = subprocess.Popen(RUNNER + ["--all", "--map", self.map, "--suite", self.suite(HANG_SUITE),
                                            "--firmware", AGENT, "--out", out],
                                  env=runner_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 30
            while len(board_emulators(parent.pid)) < 3 and time.monotonic() < deadline:
                time.sleep(0.05)
            ours = board_emulators(parent.pid)
            self.assertEqual(len(ours), 3, "three QEMUs expected")
            time.sleep(1.0)   # every board reached the hang case
            parent.send_signal(signal.SIGTERM)
            stdout, stderr = parent.communicate(timeout=60)
        finally:
            if parent.poll() is None:
                parent.kill()
                parent.communicate()
        self.assertEqual(parent.returncode, 130, stderr)
        self.assertEqual([pid for pid in ours if not process_gone(pid)], [])
        with open(os.path.join(out, "results.json")) as f:
            merged = json.load(f)
        self.assertEqual(merged["interrupted"], "SIGTERM")
        for name in BOARDS:
            self.assertEqual(merged["boards"][name]["results"]["interrupted"], "SIGTERM")
        self.assertIn("INTERRUPTED", stdout)


if __name__ == "__main__":
    unittest.main()
