"""A helper program the rig starts and must never leave behind (QEMU, OpenOCD).

The child runs in its own process group with its output in a log file (kept
for error messages: what QEMU or OpenOCD said before dying is usually the
whole explanation). It is started through hil/child_processes.py, so the
run's child registry reaps it on every way out of the runner (signals
included) and the kernel kills it if the runner is SIGKILLed. close() kills
the whole group and waits for it; it is registered with atexit too, for
users of a board outside the runner. free_ports() picks loopback ports for
its servers.
"""

import atexit
import socket
import subprocess

from hil.child_processes import CHILDREN, release, spawn
from hil.errors import BoardGone


def free_ports(count=1):
    """`count` distinct TCP ports on 127.0.0.1 nobody listens on right now
    (all sockets are held open together, so they differ)."""
    socks = []
    try:
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            socks.append(s)
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


class OwnedProcess:
    """One child process; `what` names it in errors ("QEMU", "OpenOCD").
    `registry`: the child registry that reaps it (the run's by default; a
    test that plays a lab host keeps its server out of the run's)."""

    def __init__(self, command, log_path, what, registry=CHILDREN):
        self.command = list(command)
        self.log_path = log_path
        self.what = what
        self.registry = registry
        self._log = open(log_path, "wb")
        try:
            self.proc = spawn(self.command, what, registry, stdin=subprocess.DEVNULL,
                              stdout=self._log, stderr=subprocess.STDOUT)
        except OSError as e:
            self._log.close()
            raise BoardGone("cannot start %s (%s): %s" % (what, self.command[0], e)) from None
        atexit.register(self.close)

    @property
    def pid(self):
        return self.proc.pid

    def alive(self):
        return self.proc.poll() is None

    def exit_status(self):
        return self.proc.poll()

    def diagnostics(self):
        """The child's own output (errors such as a port clash or no probe)."""
        try:
            with open(self.log_path, "rb") as f:
                return f.read().decode("utf-8", "replace").strip()
        except OSError:
            return ""

    def close(self):
        """Kills the process group and waits for it; idempotent."""
        release(self.proc, self.registry)
        if not self._log.closed:
            self._log.close()
        atexit.unregister(self.close)
