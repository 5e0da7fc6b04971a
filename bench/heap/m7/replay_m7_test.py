"""Boots the heap replay firmware (small synthetic trace) on QEMU mps2-an500
under -icount and checks that it ran correctly — not how fast: both heaps
replay every operation with no failed allocation (the arena is twice the
peak), no damaged block, an intact heap at the end, plausible per-call
instruction counts (positive, below a loose ceiling, mean <= p99 <= max
where the distribution allows) and an arena scan that found a clean factor
between 1 and 2 (the timed replay at 2 x peak + 64 KiB was clean)."""

import sys
import unittest

from tools.qemu import qemu_run
from bench.heap.m7 import run_m7

FIRMWARE = sys.argv[1:]
del sys.argv[1:]
TRACE_OPS = 3224      # tests/heap/traces/net_small.trace
TRACE_ALLOCS = 1433   # its 'a' lines


class ReplayOnM7(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        elf = qemu_run.find_file(FIRMWARE, ".elf")
        cls.result = run_m7.run(elf, timeout_s=60)
        cls.reports = run_m7.parse(cls.result.uart)

    def test_exits_cleanly(self):
        self.assertFalse(self.result.timed_out, self.result.uart)
        self.assertEqual(self.result.exit_code, 0, self.result.uart)
        self.assertTrue(self.result.uart.endswith("done\n"), self.result.uart)

    def test_every_heap_replayed_the_whole_trace(self):
        self.assertEqual(set(self.reports), {"tlsf", "llff"}, self.result.uart)
        for heap, r in self.reports.items():
            with self.subTest(heap=heap):
                self.assertEqual(r["ops"], TRACE_OPS)
                self.assertEqual(r["alloc_n"] + r["aligned_n"], TRACE_ALLOCS)
                self.assertEqual(r["failed"], 0)
                self.assertEqual(r["pattern_errors"], 0)
                self.assertEqual(r["check"], "ok")
                self.assertEqual(r["free_n"] + r["realloc_n"] + r["alloc_n"] + r["aligned_n"],
                                 TRACE_OPS)

    def test_costs_are_plausible(self):
        for heap, r in self.reports.items():
            for op in ("alloc", "free"):
                mean, peak = run_m7.instructions(r, op)
                with self.subTest(heap=heap, op=op):
                    self.assertGreater(mean, 10)
                    self.assertLess(peak, 20000)
                    q, exact = run_m7.p99(r, op)
                    self.assertTrue(exact)
                    self.assertLessEqual(q, peak)
                    self.assertGreater(q, 0)

    def test_scan_found_a_clean_factor(self):
        for heap, r in self.reports.items():
            with self.subTest(heap=heap):
                f = run_m7.factor(r)
                self.assertIsNotNone(f, self.result.uart)
                self.assertGreaterEqual(f, 1.0)
                self.assertLessEqual(f, 2.25)

    def test_block_costs_are_plausible(self):
        for heap, r in self.reports.items():
            with self.subTest(heap=heap):
                self.assertGreaterEqual(r["block1"], 8)
                self.assertGreaterEqual(r["block100"], 104)
                self.assertLessEqual(r["block100"], 256)


if __name__ == "__main__":
    unittest.main()
