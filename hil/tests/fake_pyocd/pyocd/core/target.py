"""Stand-in for pyocd.core.target: Target's enums as the imitated release has
them, and the methods the rig calls, recorded. Memory is a byte store so
reads return what was written."""

from enum import Enum

import pyocd_standin

if pyocd_standin.version < (0, 40):
    class _ResetType(Enum):
        HW = 1
        SW = 2
        SW_SYSTEM = 3
        SW_SYSRESETREQ = SW_SYSTEM
        SW_CORE = 4
        SW_VECTRESET = SW_CORE
        SW_EMULATED = 5
else:
    class _ResetType(Enum):
        DEFAULT = 1
        HARDWARE = 2
        SYSTEM = 3
        CORE = 4
        NSRST = 5
        SYSRESETREQ = 6
        VECTRESET = 7
        EMULATED = 8


class Target:
    class State(Enum):
        RUNNING = 1
        HALTED = 2
        RESET = 3
        SLEEPING = 4
        LOCKUP = 5

    ResetType = _ResetType

    def __init__(self):
        self._state = Target.State.RUNNING
        self._memory = {}

    def init(self):
        pyocd_standin.record("target.init")

    def halt(self):
        pyocd_standin.record("target.halt")
        self._state = Target.State.HALTED

    def resume(self):
        pyocd_standin.record("target.resume")
        self._state = Target.State.RUNNING

    def reset_and_halt(self, reset_type=None):
        # A member of another release's enum (or a bare name) is a bug in
        # the caller: the real pyOCD would not recognise it either.
        if reset_type is not None and not isinstance(reset_type, Target.ResetType):
            raise TypeError("reset_type %r is not a Target.ResetType" % (reset_type,))
        pyocd_standin.record("target.reset_and_halt",
                             reset_type=reset_type.name if reset_type else None)
        self._state = Target.State.HALTED

    def get_state(self):
        pyocd_standin.record("target.get_state")
        return self._state

    def read_core_register(self, id):  # pylint: disable=redefined-builtin
        pyocd_standin.record("target.read_core_register", id=id)
        return 0x08000100

    def _read_bytes(self, addr, size):
        return [self._memory.get(addr + i, 0) for i in range(size)]

    def _write_bytes(self, addr, data):
        for i, byte in enumerate(data):
            self._memory[addr + i] = byte & 0xFF

    def read32(self, addr, now=True):
        pyocd_standin.record("target.read32", addr=addr)
        return int.from_bytes(bytes(self._read_bytes(addr, 4)), "little")

    def write32(self, addr, value):
        pyocd_standin.record("target.write32", addr=addr, value=value)
        self._write_bytes(addr, value.to_bytes(4, "little"))

    def read_memory_block8(self, addr, size):
        pyocd_standin.record("target.read_memory_block8", addr=addr, size=size)
        return self._read_bytes(addr, size)

    def write_memory_block8(self, addr, data):
        pyocd_standin.record("target.write_memory_block8", addr=addr, data=list(data))
        self._write_bytes(addr, data)

    def read_memory_block32(self, addr, size):
        pyocd_standin.record("target.read_memory_block32", addr=addr, size=size)
        raw = bytes(self._read_bytes(addr, 4 * size))
        return [int.from_bytes(raw[i:i + 4], "little") for i in range(0, len(raw), 4)]

    def write_memory_block32(self, addr, data):
        pyocd_standin.record("target.write_memory_block32", addr=addr, data=list(data))
        self._write_bytes(addr, b"".join(w.to_bytes(4, "little") for w in data))
