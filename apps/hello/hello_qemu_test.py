"""Boots apps/hello on QEMU mps2-an500 with SRAM pre-filled with 0xA5 and
checks what it reads back: every initialised section holds its link-time
value at an address inside the right region, and every zero-initialised
section reads zero (so the reset handler's copy and zero tables both ran).
It also checks the painted stack high-water mark against the static
worst-case bound of the same image (//tools/stack/examples)."""

import re
import sys
import unittest

from tools.qemu import qemu_run
from tools.stack import stack_crosscheck

REGIONS = {  # name: (start, size) — the STM32F769 RAM map, mirrored on mps2-an500
    "DTCM": (0x2000_0000, 128 * 1024),
    "SRAM1": (0x2002_0000, 368 * 1024),
    "SRAM2": (0x2007_C000, 16 * 1024),
}
EXPECTED = {  # uart line name: (region, value) — values from apps/hello/main.c
    "data_dtcm": ("DTCM", 0x1DC3D7C1),
    "dtcm": ("DTCM", 0xD7C30001),
    "sram1": ("SRAM1", 0x5A41F001),
    "sram2": ("SRAM2", 0x5A42F002),
    "bss_or": ("DTCM", 0),
    "sram1_bss_or": ("SRAM1", 0),
    "sram2_bss_or": ("SRAM2", 0),
}
ARGS = sys.argv[1:]  # the firmware's files, then the stack analysis report
del sys.argv[1:]


class HelloOnQemu(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        elf = qemu_run.find_file(ARGS, ".elf")
        cls.result = qemu_run.run_firmware(elf, timeout_s=20, ram_fill=0xA5)

    def test_exits_cleanly(self):
        self.assertFalse(self.result.timed_out, self.result.uart)
        self.assertEqual(self.result.exit_code, 0, self.result.uart)
        self.assertIn("hello from tidemark on mps2_an500\n", self.result.uart)
        self.assertTrue(self.result.uart.endswith("done\n"), self.result.uart)

    def test_sections_initialised(self):
        seen = {}
        for m in re.finditer(r"^(\w+) @0x([0-9a-f]{8}) = 0x([0-9a-f]{8})$", self.result.uart, re.M):
            seen[m.group(1)] = (int(m.group(2), 16), int(m.group(3), 16))
        self.assertEqual(set(seen), set(EXPECTED), self.result.uart)
        for name, (region, value) in EXPECTED.items():
            addr, got = seen[name]
            start, size = REGIONS[region]
            with self.subTest(name=name):
                self.assertTrue(start <= addr < start + size,
                                "%s at 0x%08x is outside %s" % (name, addr, region))
                self.assertEqual(got, value, "%s read back 0x%08x" % (name, got))

    def test_stack_high_water_within_static_bound(self):
        m = re.search(r"^stack used 0x([0-9a-f]{8}) of 0x([0-9a-f]{8})$", self.result.uart, re.M)
        self.assertIsNotNone(m, self.result.uart)
        measured, painted = int(m.group(1), 16), int(m.group(2), 16)
        stack_crosscheck.assert_within_static_bound(
            self, qemu_run.find_file(ARGS, ".stack.json"), measured=measured, painted_size=painted)


if __name__ == "__main__":
    unittest.main()
