"""Checks that a firmware image is what it claims to be.

usage: elf_check.py BOARD FILE... (the firmware target's files; the .elf is used)

- ELF32, little-endian, machine ARM, EABI version 5, hard-float flag set
- build attributes: Tag_ABI_VFP_args = VFP registers (hard-float calling
  convention), Tag_CPU_arch = v7E-M, profile 'M', Tag_FP_arch = FPv5-D16,
  Tag_CPU_name = Cortex-M7 or GCC's "7E-M" (GCC 12 emits `.arch armv7e-m`
  after `.cpu cortex-m7`, which overwrites the name; arch + profile + FPv5-D16
  identify a Cortex-M7, the only v7E-M core with that FPU)
- the vector table is at the flash origin: word 0 is _stack_top, word 1 is
  Reset_Handler with the Thumb bit
- the __<region>_start/__<region>_size symbols equal the board's memory map,
  and every allocated section lies inside one region
"""

import sys
import unittest

from elftools.elf.elffile import ELFFile

from memory_map import MEMORY_MAPS

EF_ARM_EABIMASK = 0xFF00_0000
EF_ARM_EABI_VER5 = 0x0500_0000
EF_ARM_ABI_FLOAT_HARD = 0x0000_0400
TAG_CPU_ARCH_V7E_M = 13
TAG_FP_ARCH_FPV5_D16 = 8  # "FPv5/FP-D16 for ARMv8"

BOARD = sys.argv[1]
ELF = [p for p in sys.argv[2:] if p.endswith(".elf")][0]
del sys.argv[1:]


def attributes(elf):
    section = elf.get_section_by_name(".ARM.attributes")
    found = {}
    for sub in section.iter_subsections():
        for subsub in sub.iter_subsubsections():
            for attr in subsub.iter_attributes():
                found[attr.tag] = attr.value
    return found


class FirmwareElf(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.file = open(ELF, "rb")
        cls.elf = ELFFile(cls.file)
        cls.symbols = {s.name: s["st_value"] for s in cls.elf.get_section_by_name(".symtab").iter_symbols()}
        cls.map = MEMORY_MAPS[BOARD]

    @classmethod
    def tearDownClass(cls):
        cls.file.close()

    def test_header(self):
        h = self.elf.header
        self.assertEqual(self.elf.elfclass, 32)
        self.assertTrue(self.elf.little_endian)
        self.assertEqual(h["e_machine"], "EM_ARM")
        self.assertEqual(h["e_flags"] & EF_ARM_EABIMASK, EF_ARM_EABI_VER5, "not EABI5")
        self.assertTrue(h["e_flags"] & EF_ARM_ABI_FLOAT_HARD, "hard-float flag missing")

    def test_build_attributes(self):
        a = attributes(self.elf)
        self.assertEqual(a.get("TAG_ABI_VFP_ARGS"), 1, "not the hard-float calling convention")
        self.assertEqual(a.get("TAG_CPU_ARCH"), TAG_CPU_ARCH_V7E_M)
        self.assertEqual(a.get("TAG_CPU_ARCH_PROFILE"), ord("M"))
        self.assertEqual(a.get("TAG_FP_ARCH"), TAG_FP_ARCH_FPV5_D16)
        self.assertIn(a.get("TAG_CPU_NAME", "").lower(), ("cortex-m7", "7e-m"))

    def test_vector_table_at_flash_origin(self):
        flash_start, _ = self.map["flash"]
        vectors = self.elf.get_section_by_name(".vectors")
        self.assertEqual(vectors["sh_addr"], flash_start)
        data = vectors.data()
        initial_sp = int.from_bytes(data[0:4], "little")
        reset = int.from_bytes(data[4:8], "little")
        self.assertEqual(initial_sp, self.symbols["_stack_top"])
        self.assertEqual(reset, self.symbols["Reset_Handler"] | 1)
        dtcm_start, dtcm_size = self.map["dtcm"]
        self.assertEqual(initial_sp, dtcm_start + dtcm_size, "stack is not at the top of DTCM")
        self.assertEqual(self.elf.header["e_entry"], reset)

    def test_region_symbols_match_memory_map(self):
        for region, (start, size) in self.map.items():
            with self.subTest(region=region):
                self.assertEqual(self.symbols.get("__%s_start" % region), start)
                self.assertEqual(self.symbols.get("__%s_size" % region), size)

    def test_sections_inside_regions(self):
        for section in self.elf.iter_sections():
            if not section["sh_flags"] & 0x2 or section["sh_size"] == 0:  # SHF_ALLOC
                continue
            addr, size = section["sh_addr"], section["sh_size"]
            inside = [r for r, (s, n) in self.map.items() if s <= addr and addr + size <= s + n]
            with self.subTest(section=section.name):
                self.assertTrue(inside, "%s [0x%x, +0x%x) is outside every region" % (section.name, addr, size))

    def test_stack_guard_is_a_legal_mpu_region(self):
        limit, bottom = self.symbols["_stack_limit"], self.symbols["_stack_bottom"]
        size = bottom - limit
        self.assertGreaterEqual(size, 104 + 4, "guard smaller than an FP exception frame")
        self.assertEqual(size & (size - 1), 0, "guard size not a power of two")
        self.assertEqual(limit % size, 0, "guard not aligned to its size")


if __name__ == "__main__":
    unittest.main()
