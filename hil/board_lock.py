"""One run per board, system-wide: an fcntl lock file per physical board.

Lock files live in one directory for every user of the machine,
/run/lock/tidemark-hil/ (the FHS lock directory; $TIDEMARK_HIL_LOCK_DIR
overrides it, for tests), as tidemark-hil-<key>.lock keyed by the probe's
unique id, so two users, or two map entries for one probe, exclude each other.
The directory is created world-writable with the sticky bit (1777, like /tmp)
and each lock file 0666, so whoever comes second can open the first user's
file. The kernel drops the lock when the process dies, so a crashed run never
leaves a board locked. Emulated boards need no lock: every run starts its
own QEMU.

An existing lock file is opened without O_CREAT: in a sticky world-writable
directory Linux refuses O_CREAT on another user's file (fs.protected_regular).
Any error opening the lock names the path and is an infrastructure error.
"""

import errno
import fcntl
import os
import re
import time

from hil.errors import BoardBusy, InfrastructureError

SYSTEM_LOCK_DIR = "/run/lock/tidemark-hil"
LOCK_DIR_VARIABLE = "TIDEMARK_HIL_LOCK_DIR"


def lock_dir():
    return os.environ.get(LOCK_DIR_VARIABLE) or SYSTEM_LOCK_DIR


def _fix_command(directory):
    return "sudo install -d -m 1777 %s" % directory


def ensure_lock_dir(directory):
    """Creates `directory` 1777 if missing; InfrastructureError naming it if
    it cannot be created or is not a directory."""
    try:
        os.mkdir(directory)
        os.chmod(directory, 0o1777)   # mkdir's mode is cut by the umask
    except FileExistsError:
        if not os.path.isdir(directory):
            raise InfrastructureError("board lock directory %s is not a directory" % directory) from None
    except OSError as e:
        raise InfrastructureError("cannot create the board lock directory %s (%s): as root, run: %s"
                                  % (directory, e.strerror, _fix_command(directory))) from None


def _open_lock_file(path):
    """The lock file's descriptor, created 0666 if it does not exist yet."""
    while True:
        try:
            return os.open(path, os.O_RDWR)
        except FileNotFoundError:
            pass
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue   # another run created it between the two opens
        os.fchmod(fd, 0o666)   # the umask cut the mode
        return fd


class BoardLock:
    def __init__(self, key, directory=None):
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", key)
        self.directory = directory or lock_dir()
        self.path = os.path.join(self.directory, "tidemark-hil-%s.lock" % safe)
        self._fd = None

    def acquire(self, timeout_s=0.0, poll_s=0.2):
        """Takes the lock, waiting up to `timeout_s`; raises BoardBusy
        naming the holder's pid when it stays taken, InfrastructureError
        naming the path when the lock file cannot be opened."""
        ensure_lock_dir(self.directory)
        try:
            fd = _open_lock_file(self.path)
        except OSError as e:
            hint = (": the directory must be 1777 and the file 0666 (%s; sudo chmod 0666 %s)"
                    % (_fix_command(self.directory), self.path)) if e.errno in (errno.EACCES, errno.EPERM) else ""
            raise InfrastructureError("cannot open board lock %s: %s%s" % (self.path, e.strerror, hint)) from None
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
                    os.close(fd)
                    raise BoardBusy("board is in use by another run (lock %s, holder %s)"
                                    % (self.path, holder or "pid ?")) from None
                time.sleep(poll_s)
            except BaseException:
                os.close(fd)
                raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, b"pid %d uid %d\n" % (os.getpid(), os.getuid()), 0)
        self._fd = fd
        return self

    def release(self):
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def close(self):
        """release(), under the name the child registry calls."""
        self.release()

    def __enter__(self):
        return self if self._fd is not None else self.acquire()

    def __exit__(self, *exc):
        self.release()
        return False
