"""Every child process and open session a run owns, in one registry, so that
every way out of the runner (normal end, exception, SIGINT/SIGTERM/SIGHUP)
reaps them all.

Backends start their helper processes (QEMU today; OpenOCD, gdb servers
later) with spawn(), which registers them, and may register any other object
with a close() method (a probe session) with CHILDREN.register(). The runner
calls CHILDREN.close_all() on its way out; anything registered after that
(a board still coming up in a helper thread) is closed at once.

Surviving a SIGKILLed runner: spawn() sets PR_SET_PDEATHSIG=SIGKILL in the
child (prctl through ctypes, in preexec_fn), so the kernel kills the child
when its parent dies, whatever killed it. The kernel ties that signal to the
parent *thread*, not the process, and boards are brought up in short-lived
helper threads (board_session.call_with_timeout); so every spawn goes
through one long-lived spawner thread, which ends only with the process.
"""

import ctypes
import os
import queue
import signal
import subprocess
import threading

PR_SET_PDEATHSIG = 1

try:
    _PRCTL = ctypes.CDLL(None, use_errno=True).prctl
except (OSError, AttributeError):   # not Linux: no parent-death signal
    _PRCTL = None


def _die_with_parent(parent_pid):
    """preexec_fn: SIGKILL this child when its parent (thread) dies; exit at
    once if the parent already died between fork and here."""
    def preexec():
        if _PRCTL is not None:
            _PRCTL(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent_pid:
            os._exit(1)
    return preexec


class ProcessGroup:
    """A spawned child in its own process group, as a closable: close()
    kills the whole group (QEMU and anything it started) and reaps it.
    With a `stop_signal`, close() first sends that to the group and gives it
    `grace_s` to finish (a child runner writing its partial reports)."""

    def __init__(self, proc, name, stop_signal=None, grace_s=0.0):
        self.proc = proc
        self.name = name
        self.stop_signal = stop_signal
        self.grace_s = grace_s

    def close(self):
        if self.stop_signal is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, self.stop_signal)
                self.proc.wait(timeout=self.grace_s)
            except (ProcessLookupError, PermissionError, subprocess.TimeoutExpired):
                pass
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)


class ChildRegistry:
    def __init__(self):
        self._lock = threading.Lock()
        self._items = []
        self._closed = False

    def open(self):
        """Starts a run: registrations are kept again until close_all(). (A
        process may run several times, as tests call runner.main() in-process.)"""
        with self._lock:
            self._closed = False

    def register(self, closable):
        """Adds `closable`; closes it at once when the run is already shutting down."""
        with self._lock:
            if not self._closed:
                self._items.append(closable)
                return closable
        _close_quietly(closable)
        return closable

    def unregister(self, closable):
        with self._lock:
            if closable in self._items:
                self._items.remove(closable)

    def close_all(self):
        """Closes everything registered, newest first; idempotent. Later
        registrations are closed as they arrive."""
        with self._lock:
            self._closed = True
            items, self._items = self._items[::-1], []
        for item in items:
            _close_quietly(item)

    def registered(self):
        with self._lock:
            return list(self._items)


def _close_quietly(closable):
    try:
        closable.close()
    except Exception:  # reaping must go on with the next child
        pass


CHILDREN = ChildRegistry()


class _Spawner:
    """The one thread that forks children (see the module docstring)."""

    def __init__(self):
        self._requests = queue.Queue()
        self._start_lock = threading.Lock()
        self._thread = None

    def popen(self, argv, name, registry, closer, **kwargs):
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._serve, name="child-spawner", daemon=True)
                self._thread.start()
        answer = queue.Queue(maxsize=1)
        self._requests.put((argv, name, registry, closer, kwargs, answer))
        ok, value = answer.get()
        if not ok:
            raise value
        return value

    def _serve(self):
        while True:
            argv, name, registry, closer, kwargs, answer = self._requests.get()
            try:
                proc = subprocess.Popen(argv, start_new_session=True,
                                        preexec_fn=_die_with_parent(os.getpid()), **kwargs)
            except BaseException as e:  # handed to the caller's thread
                answer.put((False, e))
                continue
            # Registered here, not by the caller: a caller interrupted while
            # waiting must not leave the child unregistered.
            registry.register(closer(proc, name))
            answer.put((True, proc))


_SPAWNER = _Spawner()


def spawn(argv, name, registry=CHILDREN, closer=ProcessGroup, **popen_kwargs):
    """subprocess.Popen(argv, **popen_kwargs) in a new session, killed with
    its parent, registered in `registry` as closer(proc, name) (reaped by
    close_all()). Returns the Popen; release it with release()."""
    return _SPAWNER.popen(list(argv), name, registry, closer, **popen_kwargs)


def release(proc, registry=CHILDREN):
    """Kills and reaps `proc` (a spawn() result) and forgets it."""
    for item in registry.registered():
        if isinstance(item, ProcessGroup) and item.proc is proc:
            registry.unregister(item)
            item.close()
            return
    ProcessGroup(proc, "").close()
