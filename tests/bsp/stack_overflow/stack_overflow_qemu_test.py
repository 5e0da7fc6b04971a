"""Overflows the main stack of a test firmware on QEMU mps2-an500 and checks
the fault record the next boot prints: MemManage, MMFAR inside the MPU guard
[_stack_limit, _stack_bottom), the stack-overflow flag, a valid CRC (the
record is only printed when magic and CRC match), that an unread record
survives a second reset and is printed again unchanged, and that the
firmware could take the record exactly once. Run on an image with .data and
on one without (--data=no), where .noinit once shared its addresses with .bss
and every reset wiped it."""

import re
import sys
import unittest

from tools.elf.image import ElfFile
from tools.qemu import qemu_run

FIRMWARE = [a for a in sys.argv[1:] if not a.startswith("--data=")]
# --data=yes|no: whether the image must have a .data section. The image
# without one is the layout where .bss once overlapped .noinit.
EXPECT_DATA = "--data=no" not in sys.argv[1:]
del sys.argv[1:]

FLAG_STACK_OVERFLOW = 0x4
CFSR_MMARVALID = 0x80
CFSR_DACCVIOL = 0x02
MEMMANAGE = 4


def symbols_and_data_size(elf_path):
    elf = ElfFile(elf_path)
    data = elf.section(".data")
    return {s.name: s.value for s in elf.symbols}, data.size if data else 0


class StackOverflowOnQemu(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.elf = qemu_run.find_file(FIRMWARE, ".elf")
        cls.sym, cls.data_size = symbols_and_data_size(cls.elf)
        # No ram_fill: QEMU's loader device would refill RAM on the reset.
        cls.result = qemu_run.run_firmware(cls.elf, timeout_s=20)
        m = re.search(r"^fault: (\w+)((?: \w+=0x[0-9a-f]{8})+) stack=(\w+)$", cls.result.uart, re.M)
        cls.record = None
        if m:
            cls.record = {"name": m.group(1), "stack": m.group(3)}
            for k, v in re.findall(r" (\w+)=0x([0-9a-f]{8})", m.group(2)):
                cls.record[k] = int(v, 16)

    def test_image_has_the_layout_under_test(self):
        if EXPECT_DATA:
            self.assertGreater(self.data_size, 0, "expected an image with .data")
        else:
            self.assertEqual(self.data_size, 0, "expected an image without .data")

    def test_run_ends_cleanly_after_one_reset(self):
        out = self.result.uart
        self.assertFalse(self.result.timed_out, out)
        self.assertEqual(self.result.exit_code, 0, out)
        self.assertEqual(out.count("overflowing the stack\n"), 1, out)
        self.assertEqual(re.findall(r"^boot 0x0*(\d+)$", out, re.M), ["1", "2", "3"], out)
        self.assertIn("leaving the record unread, resetting\n", out)
        self.assertIn("taken exception=MemManage", out)
        self.assertNotIn("error", out)

    def test_unread_record_is_kept_across_resets(self):
        lines = re.findall(r"^fault: .*$", self.result.uart, re.M)
        self.assertEqual(len(lines), 2, self.result.uart)
        self.assertEqual(lines[0], lines[1])

    def test_record_names_memmanage_in_the_guard(self):
        rec = self.record
        self.assertIsNotNone(rec, self.result.uart)
        self.assertEqual(rec["name"], "MemManage")
        self.assertEqual(rec["stack"], "msp")
        limit, bottom = self.sym["_stack_limit"], self.sym["_stack_bottom"]
        self.assertEqual(bottom - limit, 128)
        self.assertTrue(rec["cfsr"] & CFSR_MMARVALID, hex(rec["cfsr"]))
        self.assertTrue(rec["cfsr"] & CFSR_DACCVIOL, hex(rec["cfsr"]))
        self.assertTrue(limit <= rec["mmfar"] < bottom,
                        "MMFAR 0x%08x outside the guard [0x%08x, 0x%08x)" % (rec["mmfar"], limit, bottom))
        self.assertTrue(rec["flags"] & FLAG_STACK_OVERFLOW, hex(rec["flags"]))
        self.assertLess(rec["sp"], bottom, "SP at the fault was not in/below the guard")
        self.assertIn("taken exception=MemManage mmfar=0x%08x" % rec["mmfar"], self.result.uart)


if __name__ == "__main__":
    unittest.main()
