"""A board with the firmware on it and the agent answering: open, keep, recover.

open() makes the backend, flashes within the flash timeout, resets into the
firmware and waits for the agent's mailbox. After a case timed out the board
is reset before the next case; after an infrastructure error it is closed and
opened afresh (new QEMU, or a new probe session and flash).
"""

import threading

from hil.child_processes import CHILDREN
from hil.errors import InfrastructureError, LinkTimeout
from hil.mailbox_client import MailboxClient


def make_board(spec):
    """The backend for a hardware_map.BoardSpec (pyOCD imported only here)."""
    if spec.backend == "emulated":
        from hil.emulated_board import EmulatedBoard
        return EmulatedBoard(name=spec.name, icount_shift=spec.icount_shift, platform=spec.platform)
    if spec.backend == "openocd":
        from hil.openocd_board import OpenocdBoard
        return OpenocdBoard(spec)
    if spec.backend == "gdb-remote":
        from hil.gdb_remote_board import GdbRemoteBoard
        return GdbRemoteBoard.from_spec(spec)
    from hil.pyocd_board import PyocdBoard
    return PyocdBoard(spec)


def call_with_timeout(fn, timeout_s, what):
    """Runs fn() in a helper thread; LinkTimeout if it takes longer than
    `timeout_s` (the thread is abandoned: a hung probe call cannot be killed,
    the runner reports and exits instead of hanging)."""
    outcome = {}

    def body():
        try:
            outcome["value"] = fn()
        except BaseException as e:  # handed to the caller's thread
            outcome["error"] = e

    thread = threading.Thread(target=body, name=what, daemon=True)
    thread.start()
    thread.join(timeout_s)
    if thread.is_alive():
        raise LinkTimeout("%s did not finish within %.0fs" % (what, timeout_s))
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


class BoardSession:
    def __init__(self, spec, elf, progress, flash_timeout_s=120.0, ready_timeout_s=5.0,
                 board_factory=make_board):
        self.spec = spec
        self.elf = elf
        self.progress = progress
        self.flash_timeout_s = flash_timeout_s
        self.ready_timeout_s = ready_timeout_s
        self.board_factory = board_factory
        self.board = None
        self.mailbox = None
        self.needs_reset = False
        self.restarts = 0      # resets into the firmware the rig did (known_state.py)
        self.log_before = ""   # console output of boards closed earlier in the run

    def open(self):
        self.close()
        holder = {}

        def bring_up():
            # Registered as soon as it exists: a signal reaps its session too.
            holder["board"] = CHILDREN.register(self.board_factory(self.spec))
            self.progress.step("flash %s onto %s (%d bytes)" % (
                self.elf.path, self.spec.name, self.elf.flash_bytes()))
            holder["board"].flash(self.elf.path, progress=self.progress.flash)

        try:
            call_with_timeout(bring_up, self.flash_timeout_s, "connect and flash")
        except BaseException:
            if "board" in holder:
                CHILDREN.unregister(holder["board"])
                try:
                    holder["board"].close()
                except Exception:
                    pass
            raise
        self.board = holder["board"]
        self.mailbox = MailboxClient(self.board, self.elf)
        self.restart()

    def restart(self):
        """Resets into the firmware with the mailbox's magic cleared first."""
        self.board.reset(halt=True)
        self.mailbox.invalidate()
        self.board.resume()
        self.needs_reset = False
        self.restarts += 1

    def ready(self):
        """The board, reset if needed, with the agent answering; returns
        its mailbox client. CaseTimeout when the agent stays silent."""
        if self.board is None:
            self.open()
        elif self.needs_reset:
            self.progress.step("reset %s" % self.spec.name)
            self.restart()
        self.mailbox.wait_ready(self.ready_timeout_s)
        return self.mailbox

    def log(self):
        current = ""
        if self.board is not None:
            try:
                current = self.board.read_log()
            except InfrastructureError:
                current = ""
        return self.log_before + current

    def close(self):
        if self.board is not None:
            try:
                self.log_before += self.board.read_log()
            except Exception:
                pass
            CHILDREN.unregister(self.board)
            try:
                self.board.close()
            finally:
                self.board = None
                self.mailbox = None
