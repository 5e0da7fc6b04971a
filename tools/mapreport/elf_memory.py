"""Memory regions, sections and symbols of a firmware ELF (tools/elf/image.py).

Regions come from the linker script's __<region>_start / __<region>_size
symbols (see tools/firmware/memory_map.py for the boards' maps). A section
occupies its run-time region (VMA) and, when it is loaded from elsewhere
(.data, .itcm, .sram1, .sram2 copied at reset), also its load region (LMA,
from the PT_LOAD segment holding its bytes). The main stack is no section:
its reservation [_stack_top - _stack_size, _stack_top) is counted as the
pseudo-symbol "[stack reservation]" in the region holding it.
"""

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from tools.elf.image import ElfFile

STACK_SYMBOL = "[stack reservation]"
REGION_ORDER = ["flash", "itcm", "dtcm", "sram1", "sram2"]


@dataclass
class Region:
    name: str
    start: int
    size: int
    used: int = 0
    sections: Dict[str, int] = field(default_factory=dict)   # name -> bytes here
    symbols: Dict[str, int] = field(default_factory=dict)    # name -> bytes here

    def contains(self, addr: int) -> bool:
        return self.start <= addr < self.start + self.size

    @property
    def free(self) -> int:
        return self.size - self.used


@dataclass
class Section:
    name: str
    vma: int
    lma: Optional[int]   # None when nothing is loaded (NOBITS, NOLOAD)
    size: int


class MemoryImage:
    def __init__(self, path: str):
        self.path = path
        elf = ElfFile(path)
        self.symbols = self._symbols(elf)
        self.regions = self._regions()
        self.sections = self._sections(elf)
        self.alloc_section_names = [s.name for s in self.sections]
        self._assign(elf)

    @staticmethod
    def _symbols(elf: ElfFile):
        out = {}
        for sym in elf.symbols:
            if sym.name and sym.shndx != "SHN_UNDEF":
                out.setdefault(sym.name, sym.value)
        return out

    def _regions(self) -> List[Region]:
        found = []
        for name, value in self.symbols.items():
            m = re.match(r"^__([a-z0-9]+)_start$", name)
            if m and ("__%s_size" % m.group(1)) in self.symbols:
                r = m.group(1)
                found.append(Region(r, value, self.symbols["__%s_size" % r]))
        if not found:
            raise ValueError("%s defines no __<region>_start/__<region>_size symbols" % self.path)
        rank = {n: i for i, n in enumerate(REGION_ORDER)}
        # Only memories: skip windows that are not a region of their own
        # (e.g. __dma_window_start/size lies inside SRAM2).
        found.sort(key=lambda r: (rank.get(r.name, len(rank)), r.name))
        regions = []
        for r in found:
            if r.name not in rank and any(o.contains(r.start) for o in found if o is not r and o.name in rank):
                continue
            regions.append(r)
        return regions

    @staticmethod
    def _sections(elf: ElfFile) -> List[Section]:
        loads = [s for s in elf.segments if s.kind == "PT_LOAD"]
        out = []
        for sec in elf.sections:
            # Allocated sections, and writable ones placed at an address
            # without SHF_ALLOC: (COPY) / (NOLOAD) output sections such as
            # .noinit keep their memory but lose the flag.
            placed = sec.alloc or (sec.writable and sec.addr != 0)
            if not placed or sec.size == 0:
                continue
            lma = None
            if sec.kind != "SHT_NOBITS":
                for seg in loads:
                    if seg.offset <= sec.offset < seg.offset + seg.filesz:
                        lma = seg.paddr + (sec.offset - seg.offset)
                        break
            out.append(Section(sec.name, sec.addr, lma, sec.size))
        return out

    def region_at(self, addr: int) -> Optional[Region]:
        for r in self.regions:
            if r.contains(addr):
                return r
        return None

    def _assign(self, elf: ElfFile):
        load_shift = {}   # section name -> (load region, lma - vma)
        for s in self.sections:
            home = self.region_at(s.vma)
            if home is not None:
                home.used += s.size
                home.sections[s.name] = home.sections.get(s.name, 0) + s.size
            if s.lma is not None and s.lma != s.vma:
                load = self.region_at(s.lma)
                if load is not None and load is not home:
                    load.used += s.size
                    load.sections[s.name + " (load image)"] = s.size
                    load_shift[s.name] = (load, s.lma - s.vma)
        for sym in elf.symbols:
            if sym.kind not in ("STT_FUNC", "STT_OBJECT") or sym.size == 0 or not sym.name:
                continue
            if sym.shndx in ("SHN_UNDEF", "SHN_ABS"):
                continue
            addr = sym.value & ~1 if sym.kind == "STT_FUNC" else sym.value
            home = self.region_at(addr)
            if home is not None:
                home.symbols[sym.name] = home.symbols.get(sym.name, 0) + sym.size
            sec = elf.section_at_index(sym.shndx)
            if sec is not None and sec.name in load_shift:
                load, _ = load_shift[sec.name]
                key = sym.name + " (load image)"
                load.symbols[key] = load.symbols.get(key, 0) + sym.size
        top = self.symbols.get("_stack_top")
        size = self.symbols.get("_stack_size")
        if top is not None and size:
            r = self.region_at(top - size)
            if r is not None:
                r.used += size
                r.sections[STACK_SYMBOL] = size
                r.symbols[STACK_SYMBOL] = size

    def region(self, name: str) -> Optional[Region]:
        return next((r for r in self.regions if r.name == name), None)
