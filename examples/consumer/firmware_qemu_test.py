"""Boots the consumer's firmware (built from this workspace with tidemark's
toolchain, BSP and //mem) on QEMU mps2-an500."""

import re
import sys
import unittest

from tools.qemu import qemu_run

FILES = sys.argv[1:]
del sys.argv[1:]


class ConsumerFirmware(unittest.TestCase):
    def test_pipeline_runs_on_cortex_m7(self):
        result = qemu_run.run_firmware(qemu_run.find_file(FILES, ".elf"), timeout_s=20)
        self.assertFalse(result.timed_out, result.uart)
        self.assertEqual(result.exit_code, 0, result.uart)
        self.assertIn("consumer: ok", result.uart)

    def test_project_choices_are_in_effect(self):
        # mem_config's critical section wrapped the heap calls (malloc and
        # free: at least two), and the failure hook saw the double release.
        result = qemu_run.run_firmware(qemu_run.find_file(FILES, ".elf"), timeout_s=20)
        m = re.search(r"^consumer: heap ok, critical sections (\d+), failures reported (\d+)( \(double free\))?$",
                      result.uart, re.M)
        self.assertIsNotNone(m, result.uart)
        self.assertGreaterEqual(int(m.group(1)), 2, result.uart)
        self.assertEqual(int(m.group(2)), 1, result.uart)
        self.assertTrue(m.group(3), result.uart)
        self.assertEqual(result.exit_code, 0, result.uart)


if __name__ == "__main__":
    unittest.main()
