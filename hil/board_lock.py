"""One run per board: an fcntl lock file per physical board.

Lock files live in $XDG_RUNTIME_DIR (else /tmp) as tidemark-hil-<key>.lock,
keyed by the probe's unique id, so two map entries for one probe still
exclude each other. The kernel drops the lock when the process dies, so a
crashed run never leaves a board locked. Emulated boards need no lock: every
run starts its own QEMU.
"""

import fcntl
import os
import re
import time

from hil.errors import BoardBusy


def lock_dir():
    return os.environ.get("XDG_RUNTIME_DIR") or "/tmp"


class BoardLock:
    def __init__(self, key, directory=None):
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", key)
        self.path = os.path.join(directory or lock_dir(), "tidemark-hil-%s.lock" % safe)
        self._fd = None

    def acquire(self, timeout_s=0.0, poll_s=0.2):
        """Takes the lock, waiting up to `timeout_s`; raises BoardBusy
        naming the holder's pid when it stays taken."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
                    os.close(fd)
                    raise BoardBusy("board is in use by another run (lock %s, holder pid %s)"
                                    % (self.path, holder or "?")) from None
                time.sleep(poll_s)
        os.ftruncate(fd, 0)
        os.pwrite(fd, b"%d\n" % os.getpid(), 0)
        self._fd = fd
        return self

    def release(self):
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self):
        return self if self._fd is not None else self.acquire()

    def __exit__(self, *exc):
        self.release()
        return False
