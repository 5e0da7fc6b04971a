"""One run per board: the second taker of a board lock is refused (naming the
holder), waits when asked to, and gets it once the first releases."""

import os
import stat
import tempfile
import threading
import time
import unittest

from hil.board_lock import BoardLock, lock_dir
from hil.errors import BoardBusy, InfrastructureError


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

    def test_default_dir_is_system_wide(self):
        old = os.environ.pop("TIDEMARK_HIL_LOCK_DIR", None)
        os.environ["XDG_RUNTIME_DIR"] = self.dir   # per-user: must not matter
        try:
            self.assertEqual(lock_dir(), "/run/lock/tidemark-hil")
            os.environ["TIDEMARK_HIL_LOCK_DIR"] = self.dir
            self.assertTrue(BoardLock("X").path.startswith(self.dir))
        finally:
            os.environ.pop("TIDEMARK_HIL_LOCK_DIR", None)
            if old is not None:
                os.environ["TIDEMARK_HIL_LOCK_DIR"] = old

    def test_directory_1777_and_files_0666_for_every_user(self):
        directory = os.path.join(self.dir, "locks")
        old_umask = os.umask(0o077)
        try:
            with BoardLock("U", directory) as lock:
                self.assertEqual(stat.S_IMODE(os.stat(directory).st_mode), 0o1777)
                self.assertEqual(stat.S_IMODE(os.stat(lock.path).st_mode), 0o666)
        finally:
            os.umask(old_umask)

    def test_unusable_lock_path_is_infrastructure_error_naming_it(self):
        not_a_dir = os.path.join(self.dir, "file")
        open(not_a_dir, "w").close()
        with self.assertRaises(InfrastructureError) as ctx:
            BoardLock("P", not_a_dir).acquire()
        self.assertIn(not_a_dir, str(ctx.exception))
        os.mkdir(os.path.join(self.dir, "tidemark-hil-Q.lock"))   # a directory where the file goes
        with self.assertRaises(InfrastructureError) as ctx:
            BoardLock("Q", self.dir).acquire()
        self.assertIn(os.path.join(self.dir, "tidemark-hil-Q.lock"), str(ctx.exception))


if __name__ == "__main__":
    unittest.main()
