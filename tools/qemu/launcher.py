"""The one place that builds a QEMU command line for a board.

The machine comes from the board registry (//boards); the rest is how
tidemark runs firmware on it: no display or monitor, UART0 in a file, no
network, semihosting on (firmware ends the run with an exit code), and
optionally deterministic time (-icount shift=N,sleep=off), a halted start
with the gdb stub on a loopback port, and raw images loaded before reset.
Who starts, watches and reaps the process is the caller's job
(tools/qemu/qemu_run.py for app tests, hil/qemu_process.py for the rig).
"""

import shutil

from boards import board_registry

QEMU = "qemu-system-arm"


def qemu_binary(missing_error):
    """Path of qemu-system-arm; raises `missing_error(message)` when absent."""
    path = shutil.which(QEMU)
    if path is None:
        raise missing_error("qemu-system-arm not found: install the Debian package "
                            "qemu-system-arm (or run ./rig test)")
    return path


def ram_span(board):
    """(start, size) covering `board`'s RAM regions (every region but flash)."""
    regions = [r for name, r in board_registry.memory_map(board).items() if name != "flash"]
    start = min(origin for origin, _ in regions)
    end = max(origin + length for origin, length in regions)
    return start, end - start


def command(qemu, board, elf, uart_log, icount_shift=None, gdb_port=None,
            raw_loads=(), extra_args=()):
    """The argv running `elf` on `board`'s QEMU machine with UART0 written to
    `uart_log`. `icount_shift` None leaves icount off; a `gdb_port` starts
    the machine halted (-S) with its gdb stub on 127.0.0.1:gdb_port;
    `raw_loads` are (file, address) pairs loaded raw before reset.
    ValueError when `board` has no QEMU machine, KeyError for an unknown one."""
    argv = [
        qemu, "-M", board_registry.qemu_machine(board), "-nographic", "-monitor", "none",
        "-serial", "file:" + uart_log, "-net", "none",
        "-semihosting-config", "enable=on,target=native",
    ]
    if gdb_port is not None:
        argv += ["-S", "-gdb", "tcp:127.0.0.1:%d" % gdb_port]
    if icount_shift is not None:
        argv += ["-icount", "shift=%d,sleep=off" % icount_shift]
    for path, address in raw_loads:
        argv += ["-device", "loader,file=%s,addr=0x%x,force-raw=on" % (path, address)]
    return argv + list(extra_args) + ["-kernel", elf]
