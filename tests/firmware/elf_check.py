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
- nothing reachable from a fault vector (HardFault, MemManage, BusFault,
  UsageFault) is library code (newlib's libc/libm/libg): the fault path
  runs on a possibly broken machine; `= {0}` once pulled in memset
- no two sections that occupy target memory overlap (.noinit included: a
  (COPY) section is not SHF_ALLOC but keeps its address, and once .bss
  was placed over it, so reset zeroed the fault record)
"""

import re
import shutil
import sys
import unittest

from tools.elf.image import ElfFile
from tools.stack import elf_code
from tools.mapreport import linker_map
from boards import board_registry

EF_ARM_EABIMASK = 0xFF00_0000
EF_ARM_EABI_VER5 = 0x0500_0000
EF_ARM_ABI_FLOAT_HARD = 0x0000_0400
TAG_CPU_ARCH_V7E_M = 13
TAG_FP_ARCH_FPV5_D16 = 8  # "FPv5/FP-D16 for ARMv8"

# Vector numbers of the fault exceptions (Armv7-M ARM B1.5.2).
FAULT_VECTORS = {3: "HardFault", 4: "MemManage", 5: "BusFault", 6: "UsageFault"}
# newlib's archives as the map names them: libc_nano.a(lib_a-memset.o), ...
LIBRARY_OBJECT = re.compile(r"(^|/)lib(c|g|m)(_nano)?\.a\(")

BOARD = sys.argv[1]
ELF = [p for p in sys.argv[2:] if p.endswith(".elf")][0]
MAP = [p for p in sys.argv[2:] if p.endswith(".map")][0]
del sys.argv[1:]


class FirmwareElf(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.elf = ElfFile(ELF)
        cls.symbols = {s.name: s.value for s in cls.elf.symbols}
        cls.map = board_registry.memory_map(BOARD)

    def test_header(self):
        self.assertEqual(self.elf.elfclass, 32)
        self.assertTrue(self.elf.little_endian)
        self.assertEqual(self.elf.machine, "EM_ARM")
        self.assertEqual(self.elf.flags & EF_ARM_EABIMASK, EF_ARM_EABI_VER5, "not EABI5")
        self.assertTrue(self.elf.flags & EF_ARM_ABI_FLOAT_HARD, "hard-float flag missing")

    def test_build_attributes(self):
        a = self.elf.arm_attributes
        self.assertEqual(a.get("TAG_ABI_VFP_ARGS"), 1, "not the hard-float calling convention")
        self.assertEqual(a.get("TAG_CPU_ARCH"), TAG_CPU_ARCH_V7E_M)
        self.assertEqual(a.get("TAG_CPU_ARCH_PROFILE"), ord("M"))
        self.assertEqual(a.get("TAG_FP_ARCH"), TAG_FP_ARCH_FPV5_D16)
        self.assertIn(a.get("TAG_CPU_NAME", "").lower(), ("cortex-m7", "7e-m"))

    def test_vector_table_at_flash_origin(self):
        flash_start, _ = self.map["flash"]
        vectors = self.elf.section(".vectors")
        self.assertEqual(vectors.addr, flash_start)
        data = vectors.data
        initial_sp = int.from_bytes(data[0:4], "little")
        reset = int.from_bytes(data[4:8], "little")
        self.assertEqual(initial_sp, self.symbols["_stack_top"])
        self.assertEqual(reset, self.symbols["Reset_Handler"] | 1)
        dtcm_start, dtcm_size = self.map["dtcm"]
        self.assertEqual(initial_sp, dtcm_start + dtcm_size, "stack is not at the top of DTCM")
        self.assertEqual(self.elf.entry, reset)

    def test_region_symbols_match_memory_map(self):
        for region, (start, size) in self.map.items():
            with self.subTest(region=region):
                self.assertEqual(self.symbols.get("__%s_start" % region), start)
                self.assertEqual(self.symbols.get("__%s_size" % region), size)

    def test_sections_inside_regions(self):
        for section in self.elf.sections:
            if not section.alloc or section.size == 0:
                continue
            addr, size = section.addr, section.size
            inside = [r for r, (s, n) in self.map.items() if s <= addr and addr + size <= s + n]
            with self.subTest(section=section.name):
                self.assertTrue(inside, "%s [0x%x, +0x%x) is outside every region" % (section.name, addr, size))

    def test_fault_path_calls_no_library_code(self):
        objdump = shutil.which("arm-none-eabi-objdump")
        self.assertIsNotNone(objdump, "arm-none-eabi-objdump not on PATH (Debian: binutils-arm-none-eabi)")
        library = [(c.address, c.address + c.size, linker_map.short_object(c.obj))
                   for c in linker_map.parse(MAP)
                   if c.size and c.output_section == ".text" and LIBRARY_OBJECT.search(c.obj)]
        image = elf_code.Image(ELF)
        insns = elf_code.disassemble(objdump, ELF)
        addrs = [i.addr for i in insns]
        for vector, fault in FAULT_VECTORS.items():
            handler = image.function_at(image.vectors[vector])
            self.assertIsNotNone(handler, "%s vector 0x%x is not a function" % (fault, image.vectors[vector]))
            path = {handler.addr: [handler.name]}  # function -> call chain from the handler
            todo = [handler]
            while todo:
                fn = todo.pop()
                for insn in elf_code.instructions_of(insns, addrs, fn):
                    with self.subTest(fault=fault, function=fn.name, insn=insn.addr):
                        self.assertIsNone(elf_code.indirect_kind(insn),
                                          "indirect call or jump on the fault path: %s" % " -> ".join(path[fn.addr]))
                    target = elf_code.direct_target(insn)
                    callee = image.function_at(target[1]) if target else None
                    if callee is None or callee.addr == fn.addr or callee.addr in path:
                        continue
                    path[callee.addr] = path[fn.addr] + [callee.name]
                    todo.append(callee)
            for addr, chain in path.items():
                owners = [obj for start, end, obj in library if start <= addr < end]
                with self.subTest(fault=fault, function=chain[-1]):
                    self.assertFalse(owners, "the %s path calls library code %s (%s): %s" % (
                        fault, chain[-1], owners[0] if owners else "", " -> ".join(chain)))

    def test_no_two_sections_overlap(self):
        placed = []
        for section in self.elf.sections:
            if section.size == 0 or not (section.writable or section.alloc):
                continue  # debug info, symbol tables, attributes: no target address
            placed.append((section.addr, section.addr + section.size, section.name))
        self.assertIn(".noinit", [name for _, _, name in placed])
        placed.sort()
        reaching = placed[0]  # of the sections so far, the one ending last
        for start, end, name in placed[1:]:
            with self.subTest(section=name):
                self.assertLessEqual(reaching[1], start, "%s [0x%x, 0x%x) overlaps %s [0x%x, 0x%x)" % (
                    reaching[2], reaching[0], reaching[1], name, start, end))
            reaching = max(reaching, (start, end, name), key=lambda s: s[1])

    def test_stack_guard_is_a_legal_mpu_region(self):
        limit, bottom = self.symbols["_stack_limit"], self.symbols["_stack_bottom"]
        size = bottom - limit
        self.assertGreaterEqual(size, 104 + 4, "guard smaller than an FP exception frame")
        self.assertEqual(size & (size - 1), 0, "guard size not a power of two")
        self.assertEqual(limit % size, 0, "guard not aligned to its size")


if __name__ == "__main__":
    unittest.main()
