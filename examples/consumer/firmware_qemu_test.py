"""Boots the consumer's firmware (built from this workspace with tidemark's
toolchain, BSP and //mem) on QEMU mps2-an500."""

import sys
import unittest

import qemu_run

FILES = sys.argv[1:]
del sys.argv[1:]


class ConsumerFirmware(unittest.TestCase):
    def test_pipeline_runs_on_cortex_m7(self):
        result = qemu_run.run_firmware(qemu_run.find_file(FILES, ".elf"), timeout_s=20)
        self.assertFalse(result.timed_out, result.uart)
        self.assertEqual(result.exit_code, 0, result.uart)
        self.assertIn("consumer: ok", result.uart)


if __name__ == "__main__":
    unittest.main()
