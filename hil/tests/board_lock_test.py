"""One run per board: the second taker of a board lock is refused (naming the
holder), waits when asked to, and gets it once the first releases."""

import os
import tempfile
import threading
import time
import unittest

from hil.board_lock import BoardLock, lock_dir
from hil.errors import BoardBusy


class BoardLockTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def test_second_taker_refused_then_succeeds(self):
        first = BoardLock("066D/FF 48", self.dir).acquire()
        self.assertTrue(os.path.basename(first.path).startswith("tidemark-hil-066D_FF_48"))
        with self.assertRaises(BoardBusy) as ctx:
            BoardLock("066D/FF 48", self.dir).acquire(timeout_s=0.2, poll_s=0.05)
        self.assertIn("holder pid %d" % os.getpid(), str(ctx.exception))
        first.release()
        with BoardLock("066D/FF 48", self.dir):
            pass

    def test_other_board_not_blocked(self):
        with BoardLock("A", self.dir):
            with BoardLock("B", self.dir):
                pass

    def test_waits_for_release(self):
        first = BoardLock("W", self.dir).acquire()
        threading.Timer(0.2, first.release).start()
        start = time.monotonic()
        with BoardLock("W", self.dir).acquire(timeout_s=5, poll_s=0.02):
            pass
        self.assertGreaterEqual(time.monotonic() - start, 0.15)

    def test_default_dir(self):
        old = os.environ.get("XDG_RUNTIME_DIR")
        os.environ["XDG_RUNTIME_DIR"] = self.dir
        try:
            self.assertEqual(lock_dir(), self.dir)
            self.assertTrue(BoardLock("X").path.startswith(self.dir))
        finally:
            if old is None:
                del os.environ["XDG_RUNTIME_DIR"]
            else:
                os.environ["XDG_RUNTIME_DIR"] = old


if __name__ == "__main__":
    unittest.main()
