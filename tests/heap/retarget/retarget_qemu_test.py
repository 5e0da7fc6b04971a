"""Boots the malloc retarget demo on QEMU mps2-an500: malloc, calloc,
realloc, aligned_alloc, memalign, posix_memalign, and newlib's strdup and
asprintf must all be served from the tidemark heap's linker region, and the
heap must be empty after everything is freed."""

import sys
import unittest

from tools.qemu import qemu_run

FIRMWARE = sys.argv[1:]
del sys.argv[1:]
CHECKS = [
    "malloc in heap region",
    "strdup (newlib) in heap region",
    "strdup counted by the tidemark heap",
    "asprintf (newlib stdio) result in heap region",
    "asprintf allocated from the tidemark heap",
    "calloc zeroed, in heap region",
    "realloc kept the contents",
    "aligned_alloc(64)",
    "memalign(256)",
    "posix_memalign(128)",
    "posix_memalign rejects alignment 24 (EINVAL)",
    "malloc_usable_size",
    "oversized malloc: NULL, ENOMEM",
    "everything freed: no live blocks",
]


class RetargetOnQemu(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        elf = qemu_run.find_file(FIRMWARE, ".elf")
        cls.result = qemu_run.run_firmware(elf, timeout_s=20, ram_fill=0xA5)

    def test_exits_cleanly(self):
        self.assertFalse(self.result.timed_out, self.result.uart)
        self.assertEqual(self.result.exit_code, 0, self.result.uart)
        self.assertIn("heap 65536 bytes\n", self.result.uart)
        self.assertTrue(self.result.uart.endswith("done\n"), self.result.uart)

    def test_every_check_passed(self):
        lines = self.result.uart.splitlines()
        for check in CHECKS:
            with self.subTest(check=check):
                self.assertIn("ok " + check, lines, self.result.uart)
        self.assertFalse([l for l in lines if l.startswith("FAIL")], self.result.uart)


if __name__ == "__main__":
    unittest.main()
