"""Memory regions, sections and symbols of a firmware ELF (pyelftools).

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

from elftools.elf.constants import SH_FLAGS
from elftools.elf.elffile import ELFFile

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
        with open(path, "rb") as f:
            elf = ELFFile(f)
            self.symbols = self._symbols(elf)
            self.regions = self._regions()
            self.sections = self._sections(elf)
            self.alloc_section_names = [s.name for s in self.sections]
            self._assign(elf)

    @staticmethod
    def _symbols(elf):
        out = {}
        tab = elf.get_section_by_name(".symtab")
        for sym in tab.iter_symbols():
            if sym.name and sym["st_shndx"] != "SHN_UNDEF":
                out.setdefault(sym.name, sym["st_value"])
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
    def _sections(elf) -> List[Section]:
        loads = [s for s in elf.iter_segments() if s["p_type"] == "PT_LOAD"]
        out = []
        for sec in elf.iter_sections():
            # Allocated sections, and writable ones placed at an address
            # without SHF_ALLOC: (COPY) / (NOLOAD) output sections such as
            # .noinit keep their memory but lose the flag.
            placed = sec["sh_flags"] & SH_FLAGS.SHF_ALLOC or \
                (sec["sh_flags"] & SH_FLAGS.SHF_WRITE and sec["sh_addr"] != 0)
            if not placed or sec["sh_size"] == 0:
                continue
            lma = None
            if sec["sh_type"] != "SHT_NOBITS":
                for seg in loads:
                    off = sec["sh_offset"]
                    if seg["p_offset"] <= off < seg["p_offset"] + seg["p_filesz"]:
                        lma = seg["p_paddr"] + (off - seg["p_offset"])
                        break
            out.append(Section(sec.name, sec["sh_addr"], lma, sec["sh_size"]))
        return out

    def region_at(self, addr: int) -> Optional[Region]:
        for r in self.regions:
            if r.contains(addr):
                return r
        return None

    def _assign(self, elf):
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
        tab = elf.get_section_by_name(".symtab")
        for sym in tab.iter_symbols():
            kind = sym["st_info"]["type"]
            if kind not in ("STT_FUNC", "STT_OBJECT") or sym["st_size"] == 0 or not sym.name:
                continue
            if sym["st_shndx"] in ("SHN_UNDEF", "SHN_ABS"):
                continue
            addr = sym["st_value"] & ~1 if kind == "STT_FUNC" else sym["st_value"]
            home = self.region_at(addr)
            if home is not None:
                home.symbols[sym.name] = home.symbols.get(sym.name, 0) + sym["st_size"]
            sec = elf.get_section(sym["st_shndx"])
            if sec.name in load_shift:
                load, _ = load_shift[sec.name]
                key = sym.name + " (load image)"
                load.symbols[key] = load.symbols.get(key, 0) + sym["st_size"]
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
