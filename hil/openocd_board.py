"""A real board behind an ST-LINK, through an OpenOCD the rig starts itself.

Backend `openocd` (Debian's openocd package only: no pip, no vendor tools).
flash() starts OpenOCD for exactly the configured probe (openocd_process),
connects to its GDB server and goes on as a gdb-remote board: flash through
vFlashErase/vFlashWrite/vFlashDone, `monitor reset halt`, the mailbox over
the same RSP client as the emulated board. When the link fails and OpenOCD
has exited, the error carries OpenOCD's own message. close() kills OpenOCD.
"""

import subprocess

from hil.errors import BoardGone, InfrastructureError
from hil.gdb_remote_board import GdbRemoteBoard
from hil.openocd_process import OpenocdProcess, error_lines

# OpenOCD needs a moment to open the probe and examine the target before its
# GDB port accepts.
OPENOCD_LINK_TIMEOUT_S = 10.0


class OpenocdBoard(GdbRemoteBoard):
    backend = "openocd"

    def __init__(self, spec):
        super().__init__(spec.name, "127.0.0.1", None, spec.platform,
                         link_timeout_s=OPENOCD_LINK_TIMEOUT_S)
        self.spec = spec
        self.openocd = None

    @property
    def pid(self):
        return self.openocd.pid if self.openocd else None

    def flash(self, elf_path, progress=None):
        self._stop_openocd()
        self.openocd = OpenocdProcess(self.spec.probe_serial, self.spec.openocd_config,
                                      self.spec.openocd_bin)
        self.port = self.openocd.gdb_port
        # A failed bring-up leaves no OpenOCD holding the probe, whoever
        # called (the error is explained first: it reads OpenOCD's log).
        try:
            self.connect(alive=self.openocd.alive)
        except InfrastructureError as e:
            error = self._explain(e)
            self._stop_openocd()
            raise error from None
        try:
            super().flash(elf_path, progress)
        except BaseException:
            self._stop_openocd()
            raise

    def close(self):
        self._stop_openocd()

    def _explain(self, error):
        if self.openocd is None:
            return error
        try:
            self.openocd.proc.wait(timeout=0.5)   # a dying OpenOCD: let it finish
        except subprocess.TimeoutExpired:  # still running: the link failed, OpenOCD did not
            return error
        said = error_lines(self.openocd.diagnostics()) or "nothing"
        hint = ""
        if "open failed" in said:
            hint = (" (no ST-LINK with serial %s is attached, or this user may not open it: "
                    "see ./rig hil --list-probes and the udev rules in docs/hil.md)" % self.spec.probe_serial)
        return BoardGone("OpenOCD (pid %d, probe %s) exited with status %s: %s; OpenOCD said: %s%s"
                         % (self.openocd.pid, self.spec.probe_serial, self.openocd.exit_status(),
                            error, said, hint))

    def _stop_openocd(self):
        self._close_link()
        if self.openocd is not None:
            self.openocd.close()
            self.openocd.remove_files()
            self.openocd = None
