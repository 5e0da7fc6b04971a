"""side_by_side.py against the in-repository replay firmware (tidemark's
heaps only, small trace), so the table script cannot rot while the peers'
firmwares (manual targets) are not built: it runs the firmware, and the
tables name both heaps with counts, a found arena factor, a code size
from the linker map and no adapter instructions beyond a tail call."""

import re
import sys
import unittest

from bench.heap.peers import side_by_side
from tools.qemu import qemu_run

FIRMWARE = sys.argv[1:]
del sys.argv[1:]


class SideBySideTables(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        elf = qemu_run.find_file(FIRMWARE, ".elf")
        cls.text = side_by_side.main(["--timeout=120", "net_small=" + elf])

    def test_per_trace_rows(self):
        for heap in ("tlsf", "llff"):
            m = re.search(r"^\| %s \| ([\d.]+) / (\d+) / (\d+) \| .* \| 0 \| (1\.\d{3}) \|$" % heap,
                          self.text, re.M)
            self.assertIsNotNone(m, self.text)
            mean, p99, peak = float(m.group(1)), int(m.group(2)), int(m.group(3))
            self.assertGreater(mean, 10)
            self.assertLessEqual(p99, peak)

    def test_code_size_and_adapter(self):
        for heap in ("tlsf", "llff"):
            m = re.search(r"^\| %s \| (\d+) \| (\d+) \| (\d+) \| 0 / 0 \|$" % heap, self.text, re.M)
            self.assertIsNotNone(m, self.text)
            self.assertGreater(int(m.group(1)), 300)
            self.assertGreaterEqual(int(m.group(2)), 8)


if __name__ == "__main__":
    unittest.main()
