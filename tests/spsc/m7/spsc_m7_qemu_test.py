"""Runs the SPSC target checks (main.c) on QEMU mps2-an500 under -icount
shift=0 (interrupts at exact instruction counts, so the producer handler
preempts the consumer anywhere): every check must pass."""

import sys
import unittest

from tools.qemu import qemu_run

FIRMWARE = sys.argv[1:]
del sys.argv[1:]


class SpscOnEmulatedM7(unittest.TestCase):
    def test_every_check_passes(self):
        result = qemu_run.run_firmware(qemu_run.find_file(FIRMWARE, ".elf"),
                                       timeout_s=30, icount_shift=0)
        out = result.uart
        self.assertFalse(result.timed_out, out)
        self.assertNotIn(" FAIL ", out)
        self.assertIn("\ndone 0\n", out)
        self.assertEqual(result.exit_code, 0, out)
        self.assertEqual(out.count(" ok "), 9, out)


if __name__ == "__main__":
    unittest.main()
