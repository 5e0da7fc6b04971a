"""Run a firmware ELF on an emulated board until it exits, capturing UART0.

The firmware ends the run with semihosting (bsp_exit): QEMU's exit status is
the firmware's verdict. A run that does not end within `timeout_s` is killed
and reported as timed out. Used by app tests; the HIL rig drives its own
emulator through hil/qemu_process.py. Both build the command line with
tools/qemu/launcher.py.
"""

import dataclasses
import os
import subprocess
import tempfile

from boards import board_registry
from tools.qemu import launcher

# The board app tests run on unless told otherwise.
BOARD = board_registry.default_emulated()


class QemuMissing(RuntimeError):
    pass


@dataclasses.dataclass
class RunResult:
    exit_code: int
    uart: str
    timed_out: bool


def run_firmware(elf, timeout_s=20.0, ram_fill=None, icount_shift=None, extra_args=(),
                 board=BOARD):
    """Boots `elf` on `board`; `ram_fill` (a byte value) pre-fills its RAM before reset."""
    with tempfile.TemporaryDirectory(prefix="tidemark-qemu-") as tmp:
        uart_log = os.path.join(tmp, "uart0.log")
        raw_loads = []
        if ram_fill is not None:
            ram_start, ram_size = launcher.ram_span(board)
            fill = os.path.join(tmp, "ram_fill.bin")
            with open(fill, "wb") as f:
                f.write(bytes([ram_fill]) * ram_size)
            raw_loads.append((fill, ram_start))
        cmd = launcher.command(launcher.qemu_binary(QemuMissing), board, elf, uart_log,
                               icount_shift=icount_shift, raw_loads=raw_loads,
                               extra_args=extra_args)
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        timed_out = False
        try:
            out, _ = proc.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            timed_out = True
            proc.kill()
            out, _ = proc.communicate()
        uart = ""
        if os.path.exists(uart_log):
            with open(uart_log, "rb") as f:
                uart = f.read().decode("utf-8", "replace")
        if out.strip() and not timed_out and proc.returncode not in (0, 1):
            uart += "\n[qemu] " + out.decode("utf-8", "replace")
        return RunResult(exit_code=proc.returncode, uart=uart, timed_out=timed_out)


def find_file(paths, suffix):
    """The one path in `paths` ending in `suffix` (firmware targets give .elf/.bin/.hex/.map)."""
    matches = [p for p in paths if p.endswith(suffix)]
    if len(matches) != 1:
        raise ValueError("expected exactly one %s file in %r" % (suffix, paths))
    return matches[0]
