"""The linked image's code: functions, vector table and instructions.

Functions and symbols come from the ELF symbol table (tools/elf/image.py); calls,
branches and stack-pointer arithmetic from `objdump -d` of the image, so
assembly and library code (newlib's memcpy, naked handlers) are seen too.
"""

import bisect
import re
import subprocess
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from tools.elf.image import ElfFile


@dataclass
class Function:
    addr: int                      # Thumb bit cleared
    size: int
    names: List[str]               # every symbol at addr; names[0] is preferred
    is_local: bool                 # names[0] is STB_LOCAL
    unit: Optional[str]            # STT_FILE before a local symbol, e.g. "main.c"
    weak_names: List[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.names[0]


@dataclass
class Insn:
    addr: int
    mnemonic: str
    operands: str


@dataclass
class StoredAddress:
    """A data word holding a function's address (Thumb bit set)."""
    where: int                     # address of the word
    section: str                   # e.g. ".rodata"
    holder: str                    # "symbol+0xoff" of the object holding it, or hex
    function: Function
    holder_range: Tuple[int, int]  # [start, end) of that object (the word alone if none)


class Image:
    """Functions, symbols, the vector table of one ELF, and the function
    addresses stored in its data."""

    def __init__(self, path: str):
        self.path = path
        self.symbols: Dict[str, int] = {}
        self.functions: List[Function] = []
        self.vectors: List[int] = []
        elf = ElfFile(path)
        self._read_symbols(elf)
        self._read_vectors(elf)
        self.functions.sort(key=lambda fn: fn.addr)
        self.by_name: Dict[str, Function] = {}
        for fn in self.functions:
            for n in fn.names:
                self.by_name.setdefault(n, fn)
        self._starts = [fn.addr for fn in self.functions]
        self.stored = self._stored_addresses(elf)
        self.call_targets = elf.call_site_targets()

    def _stored_addresses(self, elf: ElfFile) -> List[StoredAddress]:
        """Every aligned word of an allocated, non-executable PROGBITS
        section other than the vector table (.rodata, .data, ...) that equals
        a function's start address with the Thumb bit set: the function
        pointer tables and callbacks an indirect call may go through. Found
        by value, not by relocation, so the firmware link needs no
        --emit-relocs; a constant that happens to equal such an address
        gives a spurious candidate, never a missed one among stored tables."""
        objects = sorted((sym.value, sym.size, sym.name) for sym in elf.symbols
                         if sym.name and sym.kind == "STT_OBJECT")
        found = []
        for sec in elf.sections:
            if (sec.kind != "SHT_PROGBITS" or not sec.alloc or sec.executable
                    or sec.name in (".vectors", ".isr_vector")):
                continue
            data, base = sec.data, sec.addr
            for off in range(-base % 4, len(data) - 3, 4):
                word = int.from_bytes(data[off:off + 4], "little")
                fn = self.function_at(word) if word & 1 else None
                if fn is None or fn.addr != word & ~1:
                    continue
                where = base + off
                obj = next(((a, size, n) for a, size, n in objects if a <= where < a + max(size, 1)), None)
                if obj is None:
                    found.append(StoredAddress(where, sec.name, "%#x" % where, fn, (where, where + 4)))
                else:
                    found.append(StoredAddress(where, sec.name, "%s+%#x" % (obj[2], where - obj[0]), fn,
                                               (obj[0], obj[0] + obj[1])))
        return found

    def _read_symbols(self, elf: ElfFile):
        by_addr: Dict[int, Function] = {}
        unsized = []
        for sym in elf.symbols:
            if sym.kind == "STT_FILE":
                continue
            if sym.name and sym.kind in ("STT_NOTYPE", "STT_OBJECT", "STT_FUNC") and sym.shndx != "SHN_UNDEF":
                self.symbols.setdefault(sym.name, sym.value)
            if sym.kind != "STT_FUNC" or not sym.name:
                continue
            if sym.size == 0:
                # Hand-written assembly without .size (libgcc's
                # __aeabi_uldivmod, ...): sized later, up to the next symbol.
                unsized.append((sym.value & ~1, sym.name, sym.shndx))
                continue
            addr = sym.value & ~1
            fn = by_addr.get(addr)
            if fn is None:
                fn = Function(addr, sym.size, [], sym.bind == "STB_LOCAL", sym.unit)
                by_addr[addr] = fn
            if sym.bind == "STB_WEAK":
                fn.weak_names.append(sym.name)
            fn.names.append(sym.name)
        for fn in by_addr.values():
            # Prefer a strong name: "cortex_m7_default_handler" over its weak aliases.
            fn.names.sort(key=lambda n: (n in fn.weak_names, n))
        self._add_unsized(elf, by_addr, unsized)
        self.functions = list(by_addr.values())

    @staticmethod
    def _add_unsized(elf: ElfFile, by_addr, unsized):
        """Gives each size-0 function symbol the bytes up to the next function
        start (or its section's end), unless a sized function covers it."""
        starts = sorted({a for a in by_addr} | {a for a, _, _ in unsized})
        for addr, name, shndx in unsized:
            if addr in by_addr:
                by_addr[addr].names.append(name)
                continue
            if any(fn.addr <= addr < fn.addr + fn.size for fn in by_addr.values()):
                continue
            section = elf.section_at_index(shndx)
            end = section.addr + section.size if section is not None else addr
            later = [a for a in starts if a > addr]
            if later:
                end = min(end, later[0])
            if end > addr:
                by_addr[addr] = Function(addr, end - addr, [name], False, None)

    def _read_vectors(self, elf: ElfFile):
        sec = elf.section(".vectors") or elf.section(".isr_vector")
        if sec is None:
            raise ValueError("%s has no .vectors section (vector table)" % self.path)
        data = sec.data
        self.vectors = [int.from_bytes(data[i:i + 4], "little") for i in range(0, len(data) - 3, 4)]

    def function_at(self, addr: int) -> Optional[Function]:
        """The function containing addr (Thumb bit ignored)."""
        addr &= ~1
        i = bisect.bisect_right(self._starts, addr) - 1
        if i >= 0:
            fn = self.functions[i]
            if fn.addr <= addr < fn.addr + fn.size:
                return fn
        return None


_LINE = re.compile(r"^\s*([0-9a-f]+):\t([a-z][\w.]*)\s*(.*?)\s*$")


def disassemble(objdump: str, elf_path: str) -> List[Insn]:
    """Every instruction of the image, sorted by address (literal pools,
    which objdump prints as .word, are dropped)."""
    out = subprocess.run([objdump, "-d", "--no-show-raw-insn", elf_path],
                         check=True, capture_output=True, text=True).stdout
    insns = []
    for line in out.splitlines():
        m = _LINE.match(line)
        if m and not m.group(2).startswith("."):
            ops = m.group(3).split("@")[0].split(";")[0].strip()
            insns.append(Insn(int(m.group(1), 16), m.group(2), ops))
    insns.sort(key=lambda i: i.addr)
    return insns


def instructions_of(insns: List[Insn], addrs: List[int], fn: Function) -> List[Insn]:
    """The instructions inside fn (addrs: the address of each of insns)."""
    lo = bisect.bisect_left(addrs, fn.addr)
    hi = bisect.bisect_left(addrs, fn.addr + fn.size)
    return insns[lo:hi]


# ---- instruction classes ------------------------------------------------------

_COND = r"(?:eq|ne|cs|cc|hs|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le|al)?"
_BRANCH = re.compile(r"^b" + _COND + r"(?:\.[nw])?$")
_CALL = re.compile(r"^blx?" + _COND + r"(?:\.[nw])?$")
_BX = re.compile(r"^bx" + _COND + r"(?:\.[nw])?$")
_TARGET = re.compile(r"^([0-9a-f]+)(?:\s+<([^>]+)>)?$")
_REG = re.compile(r"^(r\d+|ip|lr|sl|fp|sb)$")


def direct_target(insn: Insn):
    """(kind, address, objdump's label) for a direct call ("call") or branch
    ("branch"), else None."""
    if _CALL.match(insn.mnemonic):
        kind = "call"
    elif _BRANCH.match(insn.mnemonic) or insn.mnemonic in ("cbz", "cbnz"):
        kind = "branch"
    else:
        return None
    ops = insn.operands.split(",")[-1].strip()
    m = _TARGET.match(ops)
    if not m:
        return None
    return kind, int(m.group(1), 16), m.group(2)


def indirect_kind(insn: Insn) -> Optional[str]:
    """"call" for blx <reg>, "jump" for a computed branch that is not a
    return (bx <reg> other than lr, mov pc / ldr pc not popping the stack)."""
    ops = insn.operands.replace(" ", "")
    if _CALL.match(insn.mnemonic) and insn.mnemonic.startswith("blx") and _REG.match(ops):
        return "call"
    if _BX.match(insn.mnemonic) and _REG.match(ops) and ops != "lr":
        return "jump"
    if insn.mnemonic.startswith("mov") and ops.startswith("pc,"):
        return "jump"
    if insn.mnemonic.startswith("ldr") and ops.startswith("pc,") and not ops.startswith("pc,[sp]"):
        return "jump"
    return None


def _reg_count(reglist: str) -> Dict[str, int]:
    """{'core': n, 'd': n, 's': n} for "{r4, r5-r7, lr}" / "{d8-d15}"."""
    counts = {"core": 0, "d": 0, "s": 0}
    body = reglist.strip().strip("{}")
    for part in body.split(","):
        part = part.strip()
        if not part:
            continue
        m = re.match(r"^([ds])(\d+)(?:-[ds](\d+))?$", part)
        if m:
            lo = int(m.group(2))
            hi = int(m.group(3)) if m.group(3) else lo
            counts[m.group(1)] += hi - lo + 1
            continue
        m = re.match(r"^r(\d+)-r(\d+)$", part)
        if m:
            counts["core"] += int(m.group(2)) - int(m.group(1)) + 1
        else:
            counts["core"] += 1
    return counts


@dataclass
class PrologueEstimate:
    bytes: int
    unknown: List[str]   # instructions that move sp by an unknown amount


def estimate_frame(insns: List[Insn]) -> PrologueEstimate:
    """Upper bound of a function's frame without a .su entry: the sum of every
    instruction that lowers sp (push, stmdb sp!, vpush, str ...[sp, #-n]!,
    sub sp, #n), each counted once. An sp change by a register (alloca-like)
    or a write of sp/msp/psp is reported as unknown."""
    total = 0
    unknown = []
    for i in insns:
        mn, ops = i.mnemonic, i.operands.replace(" ", "").lower()
        if mn.startswith("push") or (mn.startswith("stmdb") and ops.startswith("sp!,")):
            c = _reg_count(ops.split(",", 1)[1] if ops.startswith("sp!,") else ops)
            total += 4 * c["core"]
        elif mn.startswith("vpush") or (mn.startswith("vstmdb") and ops.startswith("sp!,")):
            c = _reg_count(ops.split(",", 1)[1] if ops.startswith("sp!,") else ops)
            total += 8 * c["d"] + 4 * c["s"]
        elif re.match(r"^str[a-z.]*$", mn) and re.search(r"\[sp,#-(\d+)\]!$", ops):
            total += int(re.search(r"\[sp,#-(\d+)\]!$", ops).group(1))
        elif re.match(r"^subw?(\.w)?$", mn) and (ops.startswith("sp,")):
            m = re.match(r"^sp,(?:sp,)?#(\d+)$", ops)
            if m:
                total += int(m.group(1))
            else:
                unknown.append("%#x: %s %s" % (i.addr, i.mnemonic, i.operands))
        elif (mn.startswith("mov") and ops.startswith("sp,")) or \
                (mn.startswith("msr") and (ops.startswith("msp,") or ops.startswith("psp,"))):
            unknown.append("%#x: %s %s" % (i.addr, i.mnemonic, i.operands))
    return PrologueEstimate(total, unknown)
