"""The one interface every board backend implements.

A Board is a debug connection to one target: it puts firmware on it, resets
it, stops and starts the core, reads and writes memory, and captures the
console log. Backends: emulated_board.EmulatedBoard (QEMU mps2-an500 over the
GDB remote protocol), pyocd_board.PyocdBoard (a real board behind a debug
probe), gdb_remote_board.GdbRemoteBoard (any board behind a GDB server at
host:port) and openocd_board.OpenocdBoard (a real board through an OpenOCD
the rig starts). Everything above this layer (mailbox client, runner) sees
only this.

Memory access works whether the core runs or not. A backend that can only
reach memory while the core is halted (every GDB server: QEMU's gdbstub,
OpenOCD) halts, accesses and resumes transparently; with icount that does
not perturb the emulated firmware's time.
"""

import abc
import struct


class Board(abc.ABC):
    """A target under test. Use as a context manager: close() always runs."""

    #: Short name for progress and reports, e.g. "emulated" or "disco-1".
    name = "board"
    #: Backend name: "emulated", "pyocd", "gdb-remote" or "openocd".
    backend = "?"

    # ---- life cycle ------------------------------------------------------
    @abc.abstractmethod
    def flash(self, elf_path, progress=None):
        """Puts the ELF's loadable segments on the target and leaves the core
        halted at its reset vector. `progress(fraction)` is called with values
        in [0, 1] while it works. Raises InfrastructureError on failure."""

    @abc.abstractmethod
    def reset(self, halt=False):
        """Resets the whole target (core and peripherals). The core runs
        afterwards unless `halt` is true."""

    @abc.abstractmethod
    def halt(self):
        """Stops the core (no-op when it is already stopped)."""

    @abc.abstractmethod
    def resume(self):
        """Lets the core run (no-op when it already runs)."""

    @abc.abstractmethod
    def is_halted(self):
        """True while the core is stopped."""

    @abc.abstractmethod
    def read_pc(self):
        """The core's program counter; halts first if needed (diagnostics)."""

    @abc.abstractmethod
    def close(self):
        """Releases the target: kills the emulator or closes the probe."""

    # ---- memory ----------------------------------------------------------
    @abc.abstractmethod
    def read_memory(self, address, length):
        """`length` bytes from `address`, as bytes."""

    @abc.abstractmethod
    def write_memory(self, address, data):
        """Writes the bytes `data` at `address`."""

    def read_u32(self, address):
        return struct.unpack("<I", self.read_memory(address, 4))[0]

    def write_u32(self, address, value):
        self.write_memory(address, struct.pack("<I", value & 0xFFFFFFFF))

    def read_block32(self, address, count):
        """`count` consecutive little-endian u32 words from `address`."""
        data = self.read_memory(address, 4 * count)
        return list(struct.unpack("<%dI" % count, data))

    def write_block32(self, address, words):
        self.write_memory(address, struct.pack("<%dI" % len(words),
                                               *[w & 0xFFFFFFFF for w in words]))

    # ---- console ---------------------------------------------------------
    @abc.abstractmethod
    def read_log(self):
        """Everything the firmware wrote to its console UART since the last
        flash(), as text (empty when the backend captures no UART)."""

    # ---- context manager -------------------------------------------------
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close()
        return False
