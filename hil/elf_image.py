"""What the rig needs from a firmware ELF: symbols and loadable segments.

Read once through tools/elf/image.py and kept in memory, so the file may
change on disk afterwards without confusing a run.
"""

import dataclasses

from hil.errors import UsageError
from tools.elf.image import ElfError, ElfFile


@dataclasses.dataclass(frozen=True)
class Symbol:
    name: str
    address: int
    size: int


@dataclasses.dataclass(frozen=True)
class Segment:
    """A PT_LOAD segment: `data` goes to the load address `paddr` (flash);
    the reset handler copies initialised RAM data from there."""
    paddr: int
    vaddr: int
    data: bytes
    memsz: int


class ElfImage:
    def __init__(self, path):
        self.path = path
        try:
            elf = ElfFile(path)
        except ElfError as e:
            raise UsageError(str(e)) from None
        if elf.machine != "EM_ARM":
            raise UsageError("%s is not an ARM ELF (%s)" % (path, elf.machine))
        self.entry = elf.entry
        self.symbols = {}
        for sym in elf.symbols:
            if sym.name and sym.kind in ("STT_OBJECT", "STT_FUNC", "STT_NOTYPE"):
                # Prefer the global definition when names repeat.
                if sym.name not in self.symbols or sym.bind == "STB_GLOBAL":
                    self.symbols[sym.name] = Symbol(sym.name, sym.value, sym.size)
        self.segments = [Segment(seg.paddr, seg.vaddr, seg.data, seg.memsz)
                         for seg in elf.segments if seg.kind == "PT_LOAD" and seg.filesz > 0]
        self.functions = sorted((sym.value & ~1, sym.size, sym.name) for sym in elf.symbols
                                if sym.name and sym.kind == "STT_FUNC")
        # NUL-separated tool strings ("GCC: (...) 12.2.1 ..."), for provenance.
        self.comment = elf.comment()
        self.gnu_build_id = elf.gnu_build_id
        self.sha256 = elf.sha256

    def describe_address(self, address):
        """`address` as "function+0xoffset" when it is inside a function of
        the image, else as hex."""
        address &= ~1
        for start, size, name in self.functions:
            if start <= address < start + max(size, 1):
                return "%s+0x%x" % (name, address - start)
        return "0x%08x" % address

    def symbol(self, name):
        """The Symbol `name`, or None."""
        return self.symbols.get(name)

    def address_of(self, name):
        sym = self.symbols.get(name)
        if sym is None:
            raise UsageError("symbol %s not found in %s" % (name, self.path))
        return sym.address

    def bytes_at(self, address, length):
        """`length` bytes of the image's flash contents at load address `address`."""
        for seg in self.segments:
            if seg.paddr <= address and address + length <= seg.paddr + len(seg.data):
                off = address - seg.paddr
                return seg.data[off:off + length]
        raise UsageError("0x%08x+%d is not in a loadable segment of %s" % (address, length, self.path))

    def vector_table(self, count=16):
        """The first `count` words of the vector table (initial SP, reset...)."""
        base = self.symbols["__vectors_start"].address if "__vectors_start" in self.symbols else 0
        data = self.bytes_at(base, 4 * count)
        return [int.from_bytes(data[i:i + 4], "little") for i in range(0, len(data), 4)]

    def flash_bytes(self):
        return sum(len(s.data) for s in self.segments)
