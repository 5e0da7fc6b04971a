"""One read of an ELF file: the only place in the tree that opens one
(pyelftools, Debian: python3-pyelftools). Header fields, symbols, sections,
segments, ARM build attributes, the .comment strings and GNU build-id are
read once and kept in memory, so the file may change on disk afterwards;
DWARF is parsed on first use.

Users keep their own job: tools/stack/elf_code.py (functions, code),
tools/mapreport/elf_memory.py (regions), hil/elf_image.py (what the rig
flashes and names).
"""

import hashlib
import io
from dataclasses import dataclass
from typing import Dict, List, Optional, Union

SHF_WRITE, SHF_ALLOC, SHF_EXECINSTR = 0x1, 0x2, 0x4


class ElfError(ValueError):
    """The file cannot be read, is no ELF, or lacks what was asked for."""


@dataclass(frozen=True)
class Symbol:
    name: str
    value: int                 # as in the table (Thumb bit kept)
    size: int
    kind: str                  # STT_FUNC, STT_OBJECT, STT_NOTYPE, STT_FILE, ...
    bind: str                  # STB_LOCAL, STB_GLOBAL, STB_WEAK
    shndx: Union[int, str]     # section index, or SHN_UNDEF / SHN_ABS / ...
    unit: Optional[str]        # for STB_LOCAL: the STT_FILE before it ("main.c")


@dataclass(frozen=True)
class Section:
    index: int
    name: str
    kind: str                  # sh_type: SHT_PROGBITS, SHT_NOBITS, ...
    flags: int                 # sh_flags (SHF_* above)
    addr: int
    offset: int
    size: int
    data: bytes                # b"" for SHT_NOBITS

    @property
    def alloc(self) -> bool:
        return bool(self.flags & SHF_ALLOC)

    @property
    def executable(self) -> bool:
        return bool(self.flags & SHF_EXECINSTR)

    @property
    def writable(self) -> bool:
        return bool(self.flags & SHF_WRITE)


@dataclass(frozen=True)
class Segment:
    kind: str                  # p_type: PT_LOAD, ...
    offset: int
    vaddr: int
    paddr: int
    filesz: int
    memsz: int
    data: bytes


class ElfFile:
    """Raises ElfError when the file is unreadable, not an ELF, or has no
    symbol table."""

    def __init__(self, path: str):
        try:
            from elftools.elf.elffile import ELFFile
        except ImportError:
            raise ElfError("pyelftools missing: apt-get install -y python3-pyelftools") from None
        self.path = path
        try:
            with open(path, "rb") as f:
                self.raw = f.read()
        except OSError as e:
            raise ElfError("cannot read %s: %s" % (path, e)) from None
        self.sha256 = hashlib.sha256(self.raw).hexdigest()
        try:
            elf = ELFFile(io.BytesIO(self.raw))
            self._read(elf)
        except ElfError:
            raise
        except Exception as e:  # pyelftools raises its own types on garbage
            raise ElfError("%s is not a valid ELF: %s" % (path, e)) from None
        self._dwarf = None

    def _read(self, elf):
        self.machine = elf["e_machine"]
        self.entry = elf["e_entry"]
        self.flags = elf["e_flags"]              # e_flags (EABI version, float ABI on ARM)
        self.elfclass = elf.elfclass             # 32 or 64
        self.little_endian = elf.little_endian
        # .ARM.attributes build attributes, tag -> value ("TAG_CPU_ARCH": 13, ...).
        self.arm_attributes: Dict[str, object] = {}
        attrs = elf.get_section_by_name(".ARM.attributes")
        if attrs is not None and hasattr(attrs, "iter_subsections"):
            for sub in attrs.iter_subsections():
                for subsub in sub.iter_subsubsections():
                    for attr in subsub.iter_attributes():
                        self.arm_attributes[attr.tag] = attr.value
        self.sections: List[Section] = [
            Section(i, s.name, s["sh_type"], s["sh_flags"], s["sh_addr"], s["sh_offset"], s["sh_size"],
                    b"" if s["sh_type"] == "SHT_NOBITS" else s.data())
            for i, s in enumerate(elf.iter_sections())]
        self.segments: List[Segment] = [
            Segment(g["p_type"], g["p_offset"], g["p_vaddr"], g["p_paddr"], g["p_filesz"], g["p_memsz"], g.data())
            for g in elf.iter_segments()]
        symtab = elf.get_section_by_name(".symtab")
        if symtab is None:
            raise ElfError("%s has no symbol table (stripped?)" % self.path)
        self.symbols: List[Symbol] = []
        unit = None
        for sym in symtab.iter_symbols():
            kind, bind = sym["st_info"]["type"], sym["st_info"]["bind"]
            if kind == "STT_FILE":
                unit = sym.name
            self.symbols.append(Symbol(sym.name, sym["st_value"], sym["st_size"], kind, bind, sym["st_shndx"],
                                       unit if bind == "STB_LOCAL" else None))
        note = elf.get_section_by_name(".note.gnu.build-id")
        self.gnu_build_id: Optional[str] = next((n["n_desc"] for n in note.iter_notes()
                                                 if n["n_type"] == "NT_GNU_BUILD_ID"), None) if note is not None else None
        self._by_name: Dict[str, Section] = {}
        for s in self.sections:
            self._by_name.setdefault(s.name, s)

    def section(self, name: str) -> Optional[Section]:
        return self._by_name.get(name)

    def section_at_index(self, shndx) -> Optional[Section]:
        """The section a symbol's shndx names, None for SHN_* specials."""
        return self.sections[shndx] if isinstance(shndx, int) and 0 <= shndx < len(self.sections) else None

    def comment(self) -> List[str]:
        """.comment's NUL-separated tool strings ("GCC: (...) 12.2.1 ...")."""
        s = self.section(".comment")
        return [t.decode("utf-8", "replace") for t in s.data.split(b"\0") if t] if s is not None else []

    def dwarf(self):
        """pyelftools' DWARFInfo of the file (parsed on first use), or None
        without debug information."""
        if self._dwarf is None:
            from elftools.elf.elffile import ELFFile
            elf = ELFFile(io.BytesIO(self.raw))
            self._dwarf = elf.get_dwarf_info() if elf.has_dwarf_info() else False
        return self._dwarf or None

    def call_site_targets(self) -> Dict[int, List[int]]:
        """Return address -> the addresses a DWARF DW_TAG_call_site's
        DW_AT_call_target expression names with DW_OP_addr (GCC's "the
        callee is loaded from table + i * 4"). Empty without DWARF."""
        dwarf = self.dwarf()
        out: Dict[int, List[int]] = {}
        if dwarf is None:
            return out
        from elftools.dwarf.dwarf_expr import DWARFExprParser
        for cu in dwarf.iter_CUs():
            parser = DWARFExprParser(cu.structs)
            for die in cu.iter_DIEs():
                if die.tag not in ("DW_TAG_call_site", "DW_TAG_GNU_call_site"):
                    continue
                target = die.attributes.get("DW_AT_call_target") or die.attributes.get("DW_AT_GNU_call_site_target")
                pc = die.attributes.get("DW_AT_call_return_pc") or die.attributes.get("DW_AT_low_pc")
                if target is None or pc is None or not isinstance(target.value, list):
                    continue
                addrs = [op.args[0] for op in parser.parse_expr(target.value) if op.op_name == "DW_OP_addr"]
                if addrs:
                    out[pc.value] = addrs
        return out
