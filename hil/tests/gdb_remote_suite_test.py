"""The acceptance suite (hil/suites/default.yaml) with the real agent on a
board served over gdb-remote: QEMU's gdbstub on loopback, started by this
test the way a lab host would run it (halted, same icount settings as the
emulated board, the agent as its kernel), and a hardware map pointing at it.
Every case must pass; QEMU is killed at the end whatever happens."""

import json
import os
import sys
import tempfile
import unittest

from hil.child_processes import ChildRegistry
from hil.gdb_remote_board import GdbRemoteBoard
from hil.qemu_process import ICOUNT_SHIFT, QemuProcess
from hil.runner import main

ARGS = sys.argv[1:]
del sys.argv[1:]
FIRMWARE = next(p for p in ARGS if p.endswith("hil_agent_mps2_an500.elf"))
SUITE = next(p for p in ARGS if p.endswith("default.yaml"))


class DefaultSuiteOverGdbRemote(unittest.TestCase):
    def setUp(self):
        # The "lab host": its QEMU is not the run's child, so the runner's
        # reaping of its own children must leave it alone.
        self.lab = QemuProcess(FIRMWARE, icount_shift=ICOUNT_SHIFT, registry=ChildRegistry())
        self.addCleanup(self.lab.remove_files)
        self.addCleanup(self.lab.close)
        self.out = tempfile.mkdtemp()
        self.map = os.path.join(self.out, "lab.yaml")
        with open(self.map, "w") as f:
            f.write("boards:\n  lab-qemu:\n    backend: gdb-remote\n    platform: mps2_an500\n"
                    "    gdb_remote: \"127.0.0.1:%d\"\n" % self.lab.port)
        os.environ["TIDEMARK_HIL_LOCK_DIR"] = self.out   # the board lock (key host:port) goes here

    def test_every_case_passes(self):
        code = main(["--map", self.map, "--board", "lab-qemu", "--suite", SUITE,
                     "--firmware", "mps2_an500=" + FIRMWARE, "--out", self.out, "--quiet"])
        with open(os.path.join(self.out, "results.json")) as f:
            results = json.load(f)
        failed = {c["name"]: c["reason"] for c in results["cases"] if c["outcome"] != "passed"}
        self.assertEqual(failed, {})
        self.assertEqual(code, 0)
        self.assertEqual((results["board"], results["backend"]), ("lab-qemu", "gdb-remote"))
        self.assertEqual(results["summary"]["passed"], 22)
        self.assertEqual(results["uart_log"], "")   # no console over the protocol
        self.assertTrue(self.lab.alive(), "the lab's QEMU must outlive the run")
        self.assertTrue(os.path.exists(os.path.join(self.out, "tidemark-hil-127.0.0.1_%d.lock"
                                                    % self.lab.port)))

    def test_reset_is_qemus_and_restarts_the_image(self):
        board = GdbRemoteBoard("lab-qemu", "127.0.0.1", self.lab.port, "mps2_an500")
        self.addCleanup(board.close)
        board.flash(FIRMWARE)
        vectors = board.image.vector_table(2)
        self.assertEqual(board.read_pc(), vectors[1] & ~1)
        self.assertEqual(board.reset_method, "qemu system_reset, image reloaded")
        board.resume()
        self.assertFalse(board.is_halted())
        board.reset(halt=True)
        self.assertTrue(board.is_halted())
        self.assertEqual(board.read_pc(), vectors[1] & ~1)
        self.assertEqual(board.read_register(13), vectors[0])


if __name__ == "__main__":
    unittest.main()
