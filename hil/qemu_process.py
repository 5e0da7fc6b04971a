"""Starting and always killing one emulated board's QEMU process.

QEMU starts halted (-S) with its gdbstub on a free loopback port, the UART in
a log file, deterministic time (-icount shift=N,sleep=off) and semihosting
(so firmware can end the run with an exit code); the command line comes from
tools/qemu/launcher.py, the machine from the board registry. It is started through
hil/child_processes.py: its own process group, registered with the run's
child registry (reaped on every exit path, signals included) and killed by
the kernel if the runner itself is SIGKILLed (PR_SET_PDEATHSIG).
"""

import os
import shutil
import tempfile

from hil.child_processes import CHILDREN
from hil.errors import BackendUnavailable
from hil.owned_process import OwnedProcess, free_ports
from boards import board_registry
from tools.qemu import launcher

# The emulated board the rig runs unless told otherwise.
BOARD = board_registry.default_emulated()
# What the emulated board runs with: 64 ns of virtual time per instruction,
# and virtual time that never waits on the host (bit-identical runs).
ICOUNT_SHIFT = 6


class QemuProcess(OwnedProcess):
    """One emulator instance of `board` (a registry board with a QEMU
    machine). `icount_shift` None disables icount; `registry`: see OwnedProcess."""

    def __init__(self, elf_path, icount_shift=ICOUNT_SHIFT, board=BOARD, extra_args=(),
                 registry=CHILDREN):
        self.elf_path = elf_path
        self.workdir = tempfile.mkdtemp(prefix="tidemark-hil-qemu-")
        self.uart_log = os.path.join(self.workdir, "uart0.log")
        self.stderr_log = os.path.join(self.workdir, "qemu.stderr")
        self.port, = free_ports(1)
        command = launcher.command(launcher.qemu_binary(BackendUnavailable), board, elf_path,
                                   self.uart_log, icount_shift=icount_shift,
                                   gdb_port=self.port, extra_args=extra_args)
        super().__init__(command, self.stderr_log, "QEMU", registry)

    def read_uart(self):
        try:
            with open(self.uart_log, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def remove_files(self):
        shutil.rmtree(self.workdir, ignore_errors=True)
