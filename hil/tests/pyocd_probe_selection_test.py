"""The runner with no --board and one attached probe that is not in the
hardware map, against the stand-in pyOCD (hil/tests/fake_pyocd) of both API
generations: a probe on an STM32F769 board is flashed with the stm32f769
firmware; a probe on another board, or on a board pyOCD does not know, is
refused as a usage error (exit 3) before any session is made, so nothing is
flashed. The stand-in's record shows what the runner did to the probe."""

import contextlib
import io
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "fake_pyocd"))

import pyocd_standin  # noqa: E402

from hil.results import EXIT_TEST_FAILURE, EXIT_USAGE  # noqa: E402
from hil.runner import main  # noqa: E402

AGENT = os.path.abspath(next(p for p in sys.argv[1:] if p.endswith(".elf")))
del sys.argv[1:]
UID = "0670FF505055877267154121"
RELEASES = ("0.36.0", "0.40.0")


class UnmappedProbe(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        os.environ["TIDEMARK_HIL_LOCK_DIR"] = self.dir   # board locks
        self.suite = os.path.join(self.dir, "suite.yaml")
        with open(self.suite, "w") as f:
            f.write("ready_timeout_s: 0.2\ncases:\n  - {name: p, command: ping, limits: {echo_ok: 1}}\n")
        self.map = os.path.join(self.dir, "boards.yaml")
        with open(self.map, "w") as f:
            f.write("boards: {}\n")

    def run_without_board(self, board_id):
        """runner.main() with no --board and one stand-in probe on board
        `board_id`; (exit code, stderr)."""
        from pyocd.probe.stlink_probe import StlinkProbe
        pyocd_standin.attached.append(StlinkProbe(UID, board_id=board_id))
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
            code = main(["--suite", self.suite, "--map", self.map, "--firmware", "stm32f769=" + AGENT,
                         "--out", os.path.join(self.dir, "out"), "--flash-timeout", "10"])
        return code, stderr.getvalue()

    def test_f769_board_is_used_and_flashed(self):
        for release in RELEASES:
            with self.subTest(pyocd=release):
                pyocd_standin.load(release)
                code, stderr = self.run_without_board("0817")
                # The stand-in has no agent to answer: the case times out.
                self.assertEqual(code, EXIT_TEST_FAILURE, stderr)
                self.assertIn("board probe-%s (pyocd): the one attached probe %s on a DISCO-F769NI "
                              "(board id 0817, target stm32f769nihx)" % (UID, UID), stderr)
                sessions = [a for name, a in pyocd_standin.calls if name == "Session"]
                self.assertTrue(sessions)
                self.assertTrue(all(s["probe"] is pyocd_standin.attached[0] for s in sessions))
                programs = [a for name, a in pyocd_standin.calls if name == "FileProgrammer.program"]
                self.assertEqual(programs[0], {"file_or_path": AGENT, "file_format": "elf"})

    def test_probe_on_another_board_is_refused_before_any_session(self):
        for release in RELEASES:
            with self.subTest(pyocd=release):
                pyocd_standin.load(release)
                code, stderr = self.run_without_board("0720")
                self.assertEqual(code, EXIT_USAGE)
                self.assertIn("NUCLEO-F401RE (board id 0720, target stm32f401retx), not an "
                              "STM32F76x/F77x board: refusing to flash it", stderr)
                self.assertNotIn("Traceback", stderr)
                self.assertEqual(pyocd_standin.names(), ["ConnectHelper.get_all_connected_probes"])

    def test_probe_on_unknown_board_is_refused_with_map_advice(self):
        for release in RELEASES:
            with self.subTest(pyocd=release):
                pyocd_standin.load(release)
                code, stderr = self.run_without_board(None)
                self.assertEqual(code, EXIT_USAGE)
                self.assertIn("hil: usage error: the one attached probe %s is on a board pyOCD "
                              "does not know" % UID, stderr)
                self.assertIn("add the probe to the hardware map", stderr)
                self.assertIn("--board NAME", stderr)
                self.assertNotIn("Traceback", stderr)
                self.assertEqual(pyocd_standin.names(), ["ConnectHelper.get_all_connected_probes"])


if __name__ == "__main__":
    unittest.main()
