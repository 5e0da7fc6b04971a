"""What the rig needs from a firmware ELF: symbols and loadable segments.

Read once with pyelftools (Debian: python3-pyelftools) and kept in memory, so
the file may change on disk afterwards without confusing a run.
"""

import dataclasses
import hashlib

from hil.errors import UsageError


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
        try:
            from elftools.elf.elffile import ELFFile
        except ImportError:
            raise UsageError("pyelftools missing: apt-get install -y python3-pyelftools") from None
        self.path = path
        try:
            with open(path, "rb") as f:
                raw = f.read()
                f.seek(0)
                elf = ELFFile(f)
                if elf["e_machine"] != "EM_ARM":
                    raise UsageError("%s is not an ARM ELF (%s)" % (path, elf["e_machine"]))
                self.entry = elf["e_entry"]
                self.symbols = {}
                symtab = elf.get_section_by_name(".symtab")
                if symtab is None:
                    raise UsageError("%s has no symbol table (stripped?)" % path)
                for sym in symtab.iter_symbols():
                    if sym.name and sym["st_info"]["type"] in ("STT_OBJECT", "STT_FUNC", "STT_NOTYPE"):
                        # Prefer the global definition when names repeat.
                        if sym.name not in self.symbols or sym["st_info"]["bind"] == "STB_GLOBAL":
                            self.symbols[sym.name] = Symbol(sym.name, sym["st_value"], sym["st_size"])
                self.segments = [
                    Segment(seg["p_paddr"], seg["p_vaddr"], seg.data(), seg["p_memsz"])
                    for seg in elf.iter_segments()
                    if seg["p_type"] == "PT_LOAD" and seg["p_filesz"] > 0
                ]
                self.functions = sorted(
                    (sym["st_value"] & ~1, sym["st_size"], sym.name) for sym in symtab.iter_symbols()
                    if sym.name and sym["st_info"]["type"] == "STT_FUNC")
                comment = elf.get_section_by_name(".comment")
                # NUL-separated tool strings ("GCC: (...) 12.2.1 ..."), for provenance.
                self.comment = ([t.decode("utf-8", "replace") for t in comment.data().split(b"\0") if t]
                                if comment is not None else [])
                note = elf.get_section_by_name(".note.gnu.build-id")
                self.gnu_build_id = next((n["n_desc"] for n in note.iter_notes()
                                          if n["n_type"] == "NT_GNU_BUILD_ID"), None) if note is not None else None
        except OSError as e:
            raise UsageError("cannot read firmware %s: %s" % (path, e)) from None
        except UsageError:
            raise
        except Exception as e:  # pyelftools raises its own types on garbage
            raise UsageError("%s is not a valid ELF: %s" % (path, e)) from None
        self.sha256 = hashlib.sha256(raw).hexdigest()

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
