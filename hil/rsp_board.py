"""The part of a board that is the same for every GDB remote protocol server.

QEMU's gdbstub, OpenOCD and a probe server someone else runs all give the
rig the same packets; RspBoard holds what the rig does with them: memory
access (halting the core around it when it runs, since QEMU's gdbstub cannot
reach memory otherwise and an all-stop server must not be sent packets while
the core runs), halt/resume, run state, registers. Subclasses connect
`self.rsp` (an RspClient) in flash() and say in _explain() whether their
server is still there when the link fails.
"""

import contextlib

from hil.board import Board
from hil.errors import BoardGone, InfrastructureError

PC_REGISTER = 15
SP_REGISTER = 13


class RspBoard(Board):
    def __init__(self, name, link_timeout_s=5.0):
        self.name = name
        self.link_timeout_s = link_timeout_s
        self.rsp = None

    # ---- run control -----------------------------------------------------
    def halt(self):
        with self._link():
            self.rsp.interrupt()

    def resume(self):
        with self._link():
            self.rsp.cont()

    def is_halted(self):
        self._require()
        if self.rsp.running:
            # The target may have stopped on its own (breakpoint, exit).
            with self._link():
                self.rsp.wait_stop(0.01)
        return not self.rsp.running

    def read_pc(self):
        return self.read_register(PC_REGISTER)

    def read_register(self, number):
        with self._paused():
            return self.rsp.read_register(number)

    def write_register(self, number, value):
        with self._paused():
            self.rsp.write_register(number, value)

    # ---- memory ----------------------------------------------------------
    def read_memory(self, address, length):
        with self._paused():
            return self.rsp.read_memory(address, length)

    def write_memory(self, address, data):
        with self._paused():
            self.rsp.write_memory(address, data)

    # ---- for subclasses --------------------------------------------------
    def _require(self):
        if self.rsp is None:
            raise BoardGone("%s board %s is not connected (no firmware loaded)" % (self.backend, self.name))

    def _explain(self, error):
        """`error` (a link failure) made more precise: a subclass that owns
        the server process says whether it died and what it printed."""
        return error

    @contextlib.contextmanager
    def _link(self):
        """Turns link failures into errors that say whether the server died."""
        self._require()
        try:
            yield
        except InfrastructureError as e:
            raise self._explain(e) from None

    @contextlib.contextmanager
    def _paused(self):
        with self._link():
            was_running = self.rsp.running
            if was_running:
                self.rsp.interrupt()
            yield
            if was_running:
                self.rsp.cont()

    def _close_link(self):
        if self.rsp is not None:
            self.rsp.close()
            self.rsp = None
