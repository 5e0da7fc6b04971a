"""Run a firmware ELF on QEMU mps2-an500 until it exits, capturing UART0.

The firmware ends the run with semihosting (bsp_exit): QEMU's exit status is
the firmware's verdict. A run that does not end within `timeout_s` is killed
and reported as timed out. Used by app tests; the HIL rig has its own
debugger-driven backend.
"""

import dataclasses
import os
import shutil
import subprocess
import tempfile

QEMU = "qemu-system-arm"
MACHINE = "mps2-an500"

# SRAM the mps2-an500 linker script uses (DTCM + SRAM1 + SRAM2 addresses).
RAM_START = 0x2000_0000
RAM_SIZE = 0x8_0000


class QemuMissing(RuntimeError):
    pass


@dataclasses.dataclass
class RunResult:
    exit_code: int
    uart: str
    timed_out: bool


def qemu_path():
    path = shutil.which(QEMU)
    if path is None:
        raise QemuMissing(
            "tidemark: qemu-system-arm not found: install the Debian package "
            "qemu-system-arm (or run ./rig test)")
    return path


def run_firmware(elf, timeout_s=20.0, ram_fill=None, icount_shift=None, extra_args=()):
    """Boots `elf`; `ram_fill` (a byte value) pre-fills SRAM before reset."""
    with tempfile.TemporaryDirectory(prefix="tidemark-qemu-") as tmp:
        uart_log = os.path.join(tmp, "uart0.log")
        cmd = [
            qemu_path(), "-M", MACHINE, "-nographic", "-monitor", "none",
            "-serial", "file:" + uart_log, "-net", "none",
            "-semihosting-config", "enable=on,target=native",
        ]
        if icount_shift is not None:
            cmd += ["-icount", "shift=%d,sleep=off" % icount_shift]
        if ram_fill is not None:
            fill = os.path.join(tmp, "ram_fill.bin")
            with open(fill, "wb") as f:
                f.write(bytes([ram_fill]) * RAM_SIZE)
            cmd += ["-device", "loader,file=%s,addr=0x%x,force-raw=on" % (fill, RAM_START)]
        cmd += list(extra_args) + ["-kernel", elf]
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
