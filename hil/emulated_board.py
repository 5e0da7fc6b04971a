"""The emulated board: QEMU mps2-an500 driven over the GDB remote protocol.

flash() (re)starts QEMU with the ELF as its kernel image, halted at the
reset vector; reset() is QEMU's system_reset (cores and peripherals; RAM
keeps its contents, like a real reset, so a .noinit fault record survives).
QEMU's gdbstub cannot touch memory while the core runs, so memory access
while running halts, accesses and resumes; with -icount the firmware's
virtual time does not move while halted, so this does not disturb it.
Any failure of the emulator or the link raises an InfrastructureError.
Memory, registers and run control are rsp_board.RspBoard's, shared with the
boards behind OpenOCD and other gdb servers.
"""

import time

from hil.errors import BoardGone, InfrastructureError, ProtocolError
from hil.qemu_process import BOARD, QemuProcess
from hil.rsp_board import PC_REGISTER, RspBoard  # noqa: F401 (PC_REGISTER: tests use it from here)
from hil.rsp_client import RspClient


class EmulatedBoard(RspBoard):
    backend = "emulated"

    def __init__(self, name="emulated", icount_shift=6, link_timeout_s=5.0, platform=BOARD):
        super().__init__(name, link_timeout_s)
        self.icount_shift = icount_shift
        self.platform = platform    # the //boards record QEMU emulates
        self.qemu = None
        self._uart_before = ""

    # ---- life cycle ------------------------------------------------------
    def flash(self, elf_path, progress=None):
        self._stop_qemu()
        if progress:
            progress(0.0)
        self.qemu = QemuProcess(elf_path, icount_shift=self.icount_shift, board=self.platform)
        try:
            self.rsp = RspClient.connect("127.0.0.1", self.qemu.port,
                                         timeout_s=self.link_timeout_s, alive=self.qemu.alive)
            if progress:
                progress(0.5)
            stop = self.rsp.handshake()
            if stop.exited:
                raise BoardGone("QEMU reports the target exited at start: %s" % stop.raw)
            self.rsp.target_xml()
        except InfrastructureError as e:
            raise self._explain(e) from None
        if progress:
            progress(1.0)

    def reset(self, halt=False):
        with self._link():
            self.rsp.interrupt()
            self.rsp.monitor("system_reset")
            if not halt:
                self.rsp.cont()

    def run_to(self, address, timeout_s):
        """Runs until the core reaches `address` (a breakpoint there); returns
        the stop reply. The breakpoint is removed again, so a later resume()
        does not fire it at once (QEMU re-hits a breakpoint at the PC)."""
        with self._link():
            self.rsp.interrupt()
            self.rsp.insert_breakpoint(address & ~1)
            self.rsp.cont()
            stop = self.rsp.wait_stop(timeout_s)
            if stop is None:
                self.rsp.interrupt()
            if not (stop is not None and stop.exited):
                self.rsp.remove_breakpoint(address & ~1)
            return stop

    def wait_exit(self, timeout_s):
        """Lets the firmware run to its semihosting exit; returns the exit
        code, or None when it still runs after `timeout_s` (left running)."""
        with self._link():
            self.rsp.cont()
            stop = self.rsp.wait_stop(timeout_s)
            if stop is None:
                return None
            if not stop.exited:
                raise ProtocolError("target stopped (%s) instead of exiting" % stop.raw)
            self.qemu.proc.wait(timeout=5)
            return stop.code

    def close(self):
        self._stop_qemu()

    # ---- console ---------------------------------------------------------
    def read_log(self):
        if self.qemu is None:
            return self._uart_before
        return self.qemu.read_uart()

    # ---- internals -------------------------------------------------------
    @property
    def pid(self):
        return self.qemu.pid if self.qemu else None

    def _require(self):
        if self.rsp is None or self.qemu is None:
            raise BoardGone("emulated board %s has no firmware loaded" % self.name)

    def _explain(self, error):
        if self.rsp is not None and self.rsp.exited is not None:
            return BoardGone("firmware ended the emulation (%s): %s" % (self.rsp.exited.raw, error))
        if self.qemu is not None:
            # Give a killed process a moment to be reaped before asking.
            for _ in range(10):
                if not self.qemu.alive():
                    break
                time.sleep(0.01)
            if not self.qemu.alive():
                diag = self.qemu.diagnostics()
                return BoardGone("QEMU (pid %d) died with status %s: %s%s" % (
                    self.qemu.pid, self.qemu.exit_status(), error,
                    ("; QEMU said: " + diag) if diag else ""))   # whole: the cause is often early
        return error

    def _stop_qemu(self):
        self._close_link()
        if self.qemu is not None:
            self._uart_before = self.qemu.read_uart()
            self.qemu.close()
            self.qemu.remove_files()
            self.qemu = None
