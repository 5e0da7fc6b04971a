"""Parsers and the prologue estimate, on hand-written inputs."""

import os
import shutil
import tempfile
import unittest

from tools.stack import elf_code
from tools.stack import stack_inputs

# What GCC 12 writes for a static helper cloned by constant propagation, a
# VLA and a call through a pointer (the .ci label's "\n" are literal).
SU = """\
lib/c.c:1:38:f.constprop\t40\tstatic
lib/c.c:2:5:g\t8\tstatic
lib/c.c:5:5:vla\t16\tdynamic
lib/c.c:7:5:call_fp\t8\tstatic
lib/c.c:9:5:bounded\t24\tdynamic,bounded
"""
CI = r"""graph: { title: "lib/c.c"
node: { title: "lib/c.c:f.constprop.0" label: "f.constprop\nlib/c.c:1:38\n40 bytes (static)" }
node: { title: "g" label: "g\nlib/c.c:2:5\n8 bytes (static)" }
edge: { sourcename: "g" targetname: "lib/c.c:f.constprop.0" label: "lib/c.c:2:23" }
node: { title: "vla" label: "vla\nlib/c.c:5:5\n16 bytes (dynamic)" }
node: { title: "call_fp" label: "call_fp\nlib/c.c:7:5\n8 bytes (static)" }
node: { title: "__indirect_call" label: "Indirect Call Placeholder" shape : ellipse }
edge: { sourcename: "call_fp" targetname: "__indirect_call" label: "lib/c.c:7:37" }
node: { title: "bounded" label: "bounded\nlib/c.c:9:5\n24 bytes (dynamic,bounded)" }
}
"""


class Units(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        for ext, text in (("su", SU), ("ci", CI)):
            with open(os.path.join(self.dir, "c." + ext), "w") as f:
                f.write(text)

    def tearDown(self):
        shutil.rmtree(self.dir)

    def test_names_static_dynamic_indirect(self):
        units = stack_inputs.load_units([os.path.join(self.dir, "c.su")], [os.path.join(self.dir, "c.ci")])
        got = {e.name: (e.unit, e.bytes, e.qualifier, e.is_static, e.indirect_sites, e.dynamic_unbounded)
               for e in units}
        self.assertEqual(got, {
            "f.constprop.0": ("c.c", 40, "static", True, [], False),     # the ELF symbol's name
            "g": ("c.c", 8, "static", False, [], False),
            "vla": ("c.c", 16, "dynamic", False, [], True),
            "call_fp": ("c.c", 8, "static", False, ["lib/c.c:7:37"], False),
            "bounded": ("c.c", 24, "dynamic,bounded", False, [], False),  # 24 is already the bound
        })

    def test_bad_su_line(self):
        with open(os.path.join(self.dir, "c.su"), "w") as f:
            f.write("garbage\n")
        with self.assertRaises(ValueError):
            stack_inputs.parse_su(os.path.join(self.dir, "c.su"))


def insn(mnemonic, operands):
    return elf_code.Insn(0x100, mnemonic, operands)


class PrologueEstimate(unittest.TestCase):
    def test_push_vpush_sub(self):
        # 4 core registers (16) + d8-d11 (32) + 40 = 88
        est = elf_code.estimate_frame([insn("push", "{r4, r5, r6, lr}"), insn("vpush", "{d8-d11}"),
                                       insn("sub", "sp, #40"), insn("add", "sp, #40"),
                                       insn("pop", "{r4, r5, r6, pc}")])
        self.assertEqual((est.bytes, est.unknown), (88, []))

    def test_stmdb_and_wide_forms(self):
        # stmdb sp!, {r4-r11, lr}: 9 registers (36) + subw 1024 + str [sp, #-4]! (4) = 1064
        est = elf_code.estimate_frame([insn("stmdb", "sp!, {r4-r11, lr}"), insn("subw", "sp, sp, #1024"),
                                       insn("str.w", "r0, [sp, #-4]!")])
        self.assertEqual((est.bytes, est.unknown), (1064, []))

    def test_register_sized_frame_is_unknown(self):
        est = elf_code.estimate_frame([insn("push", "{r7, lr}"), insn("sub.w", "sp, sp, r3")])
        self.assertEqual(est.bytes, 8)
        self.assertEqual(len(est.unknown), 1)

    def test_stack_switch_is_unknown(self):
        est = elf_code.estimate_frame([insn("msr", "MSP, r3")])
        self.assertEqual(len(est.unknown), 1)


class Classify(unittest.TestCase):
    def test_direct(self):
        self.assertEqual(elf_code.direct_target(insn("bl", "8000324 <stm32_clock_init_216mhz>")),
                         ("call", 0x8000324, "stm32_clock_init_216mhz"))
        self.assertEqual(elf_code.direct_target(insn("b.w", "800049c <cm7_fault_capture>")),
                         ("branch", 0x800049c, "cm7_fault_capture"))
        self.assertEqual(elf_code.direct_target(insn("bne.n", "8000d68 <memcpy+0xe8>")),
                         ("branch", 0x8000d68, "memcpy+0xe8"))
        self.assertIsNone(elf_code.direct_target(insn("bx", "lr")))

    def test_indirect(self):
        self.assertEqual(elf_code.indirect_kind(insn("blx", "r3")), "call")
        self.assertEqual(elf_code.indirect_kind(insn("bx", "r2")), "jump")
        self.assertIsNone(elf_code.indirect_kind(insn("bx", "lr")))
        self.assertIsNone(elf_code.indirect_kind(insn("ldr.w", "pc, [sp], #4")))
        self.assertEqual(elf_code.indirect_kind(insn("ldr", "pc, [r3, #4]")), "jump")


if __name__ == "__main__":
    unittest.main()
