"""A signal releases the board lock: the runner on a mapped pyocd board (the
stand-in pyOCD, hil/tests/fake_pyocd: no agent ever answers) holds the
probe's lock while it waits for the agent; SIGTERM, SIGINT or SIGHUP then
ends the run with exit 130, the stand-in session closed and the lock free
for the next run at once."""

import contextlib
import fcntl
import io
import os
import signal
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "fake_pyocd"))

import pyocd_standin  # noqa: E402

from hil.runner import main  # noqa: E402
from hil.tests.runner_process import write_text  # noqa: E402

AGENT = os.path.abspath(next(p for p in sys.argv[1:] if p.endswith(".elf")))
del sys.argv[1:]
UID = "0670FF505055877267154121"


def lock_is_free(path):
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


class LockReleasedOnSignal(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        os.environ["TIDEMARK_HIL_LOCK_DIR"] = self.dir
        self.lock = os.path.join(self.dir, "tidemark-hil-%s.lock" % UID)
        self.suite = write_text(self.dir, "suite.yaml", "ready_timeout_s: 60\ncases:\n"
                                "  - {name: p, command: ping, limits: {echo_ok: 1}}\n")
        self.map = write_text(self.dir, "boards.yaml", 'boards:\n  disco-1: {backend: pyocd, probe_uid: "%s", '
                              'platform: stm32f769}\n' % UID)

    def run_and_signal(self, number):
        """main() on disco-1, `number` sent to this process once the lock is
        held; (exit code, whether the lock was held before the signal)."""
        from pyocd.probe.stlink_probe import StlinkProbe
        pyocd_standin.attached.append(StlinkProbe(UID, board_id="0817"))
        seen_held = []

        def signal_when_locked():
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                if os.path.exists(self.lock) and not lock_is_free(self.lock):
                    seen_held.append(True)
                    time.sleep(0.3)   # well inside the wait for the agent
                    break
                time.sleep(0.02)
            os.kill(os.getpid(), number)

        threading.Thread(target=signal_when_locked, daemon=True).start()
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            code = main(["--map", self.map, "--board", "disco-1", "--suite", self.suite,
                         "--firmware", "stm32f769=" + AGENT, "--out", os.path.join(self.dir, "out"),
                         "--flash-timeout", "10"])
        return code, bool(seen_held)

    def test_each_signal_releases_the_lock(self):
        for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            with self.subTest(signal=number.name):
                pyocd_standin.load("0.40.0")
                old = signal.getsignal(number)
                try:
                    code, held = self.run_and_signal(number)
                finally:
                    signal.signal(number, old)
                self.assertTrue(held, "the run never held the lock")
                self.assertEqual(code, 130)
                self.assertTrue(lock_is_free(self.lock), "lock still held after %s" % number.name)
                names = pyocd_standin.names()
                # The session the run used is closed after the signal, the probe released.
                self.assertEqual(names[-3:], ["session.close", "probe.disconnect", "probe.close"])


if __name__ == "__main__":
    unittest.main()
