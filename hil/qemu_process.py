"""Starting and always killing one QEMU mps2-an500 process.

QEMU starts halted (-S) with its gdbstub on a free loopback port, the UART in
a log file, deterministic time (-icount shift=N,sleep=off) and semihosting
(so firmware can end the run with an exit code). It runs in its own process
group; close() kills the group and is also registered with atexit, so an
aborted runner never leaves an emulator behind waiting on a dead socket.
"""

import atexit
import os
import shutil
import signal
import socket
import subprocess
import tempfile

from hil.errors import BackendUnavailable, BoardGone

QEMU = "qemu-system-arm"
MACHINE = "mps2-an500"


def qemu_binary():
    path = shutil.which(QEMU)
    if path is None:
        raise BackendUnavailable(
            "qemu-system-arm not found: install the Debian package qemu-system-arm")
    return path


def free_port():
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class QemuProcess:
    """One emulator instance. `icount_shift` None disables icount."""

    def __init__(self, elf_path, icount_shift=6, machine=MACHINE, extra_args=()):
        self.elf_path = elf_path
        self.workdir = tempfile.mkdtemp(prefix="tidemark-hil-qemu-")
        self.uart_log = os.path.join(self.workdir, "uart0.log")
        self.stderr_log = os.path.join(self.workdir, "qemu.stderr")
        self.port = free_port()
        self.command = [
            qemu_binary(), "-M", machine, "-nographic", "-monitor", "none",
            "-serial", "file:" + self.uart_log, "-net", "none", "-S",
            "-gdb", "tcp:127.0.0.1:%d" % self.port,
            "-semihosting-config", "enable=on,target=native",
        ]
        if icount_shift is not None:
            self.command += ["-icount", "shift=%d,sleep=off" % icount_shift]
        self.command += list(extra_args) + ["-kernel", elf_path]
        self._stderr = open(self.stderr_log, "wb")
        try:
            self.proc = subprocess.Popen(
                self.command, stdin=subprocess.DEVNULL, stdout=self._stderr,
                stderr=subprocess.STDOUT, start_new_session=True)
        except OSError as e:
            self._stderr.close()
            raise BoardGone("cannot start QEMU: %s" % e) from None
        atexit.register(self.close)

    @property
    def pid(self):
        return self.proc.pid

    def alive(self):
        return self.proc.poll() is None

    def exit_status(self):
        return self.proc.poll()

    def diagnostics(self):
        """QEMU's own output (errors such as a port clash or a bad ELF)."""
        try:
            with open(self.stderr_log, "rb") as f:
                return f.read().decode("utf-8", "replace").strip()
        except OSError:
            return ""

    def read_uart(self):
        try:
            with open(self.uart_log, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def close(self):
        """Kills the process group and waits for it; idempotent."""
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
        if not self._stderr.closed:
            self._stderr.close()
        atexit.unregister(self.close)

    def remove_files(self):
        shutil.rmtree(self.workdir, ignore_errors=True)
