"""Starting and always killing one OpenOCD (Debian's openocd 0.12) for one probe.

openocd_command() builds the command line (pure, tested argument by
argument): the ST-LINK is pinned by its serial BEFORE the board config is
sourced (the config opens "the" ST-LINK otherwise: with two boards attached,
possibly the wrong one), the GDB and TCL servers listen on free loopback
ports chosen by the rig (so runs on different boards do not clash), telnet is
off, and only 127.0.0.1 is served. OpenOCD runs in its own process group and
is killed on close, on errors and at interpreter exit (owned_process); its
log is kept, because OpenOCD's own "Error: ..." lines are the explanation a
user needs (no probe, no permission, target not responding).
"""

import os
import re
import shutil
import tempfile

from hil.errors import BackendUnavailable
from hil.owned_process import OwnedProcess, free_ports

DEFAULT_OPENOCD = "openocd"
DEFAULT_CONFIG = "board/stm32f769i-disco.cfg"   # shipped by Debian's openocd 0.12
INSTALL_HINT = "install Debian's OpenOCD: apt-get install -y openocd"


def openocd_command(openocd_bin, config, serial, gdb_port, tcl_port):
    """The argument list that starts OpenOCD for the probe `serial` with the
    board config `config` (a path, or a name under OpenOCD's scripts)."""
    return [
        openocd_bin,
        "-c", "adapter serial %s" % serial,
        "-c", "gdb_port %d" % gdb_port,
        "-c", "tcl_port %d" % tcl_port,
        "-c", "telnet_port disabled",
        "-c", "bindto 127.0.0.1",
        "-f", config,
    ]


def error_lines(log_text):
    """OpenOCD's 'Error: ...' lines, or the end of its log when it has none."""
    errors = [line.strip() for line in log_text.splitlines() if re.match(r"\s*Error\b", line)]
    return "; ".join(errors) if errors else log_text[-500:].strip()


def openocd_binary(name):
    path = shutil.which(name)
    if path is None:
        raise BackendUnavailable("OpenOCD (%s) not found: %s" % (name, INSTALL_HINT))
    return path


class OpenocdProcess(OwnedProcess):
    def __init__(self, serial, config=DEFAULT_CONFIG, openocd_bin=DEFAULT_OPENOCD):
        self.serial = serial
        self.workdir = tempfile.mkdtemp(prefix="tidemark-hil-openocd-")
        self.gdb_port, self.tcl_port = free_ports(2)
        command = openocd_command(openocd_binary(openocd_bin), config, serial,
                                  self.gdb_port, self.tcl_port)
        try:
            super().__init__(command, os.path.join(self.workdir, "openocd.log"), "OpenOCD")
        except BaseException:
            self.remove_files()
            raise

    def remove_files(self):
        shutil.rmtree(self.workdir, ignore_errors=True)
