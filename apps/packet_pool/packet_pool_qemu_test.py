"""Runs apps/packet_pool on QEMU mps2-an500 (deterministic: -icount) for its
bounded 3 s burst at 500 packets/s and checks the UART summary: no checksum
or pattern errors, every arrival received or counted as dropped, sequence
gaps equal to the drop counter, every buffer back in the pool, the pool
actually ran dry during the stalls, and the painted stack high-water mark
against the static bound (cross-check below)."""

import re
import sys
import unittest

from apps.common import burst_summary

# $(rootpaths :packet_pool_mps2_an500) and $(rootpaths :packet_pool_mps2_an500_stack_report)
ARGS = sys.argv[1:]
del sys.argv[1:]

RATE_HZ = 500
BURST_S = 3
SRAM1 = (0x2002_0000, 0x2007_C000)


class PacketPoolOnQemu(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.burst = burst_summary.Burst(ARGS, "pkt")
        cls.result, cls.seconds, cls.done = cls.burst.result, cls.burst.seconds, cls.burst.done

    def test_exits_with_ok(self):
        out = self.result.uart
        self.assertFalse(self.result.timed_out, out)
        self.assertEqual(self.result.exit_code, 0, out)
        self.assertIn("packet_pool on mps2_an500 rate_hz=%d burst_s=%d blocks=8" % (RATE_HZ, BURST_S), out)
        self.assertIn("result=ok", out)

    def test_pool_lives_in_sram1(self):
        m = re.search(r"pool@0x([0-9a-f]{8})", self.result.uart)
        self.assertIsNotNone(m, self.result.uart)
        self.assertTrue(SRAM1[0] <= int(m.group(1), 16) < SRAM1[1])

    def test_one_summary_per_second(self):
        self.assertEqual([s["t"] for s in self.seconds], list(range(1, BURST_S + 1)), self.result.uart)
        for s in self.seconds:
            self.assertEqual(s["bad"], 0)
            self.assertEqual(s["lost"], s["dropped"])

    def test_accounting(self):
        d = self.done
        self.assertIsNotNone(d, self.result.uart)
        self.assertEqual(d["bad"], 0)
        self.assertEqual(d["reordered"], 0)
        self.assertEqual(d["free_errors"], 0)
        self.assertEqual(d["in_use"], 0)
        self.assertEqual(d["received"] + d["dropped"], d["arrivals"])
        self.assertEqual(d["lost"], d["dropped"])
        self.assertAlmostEqual(d["arrivals"], RATE_HZ * BURST_S, delta=RATE_HZ * BURST_S // 50)
        # The 30 ms stalls (15 arrivals) exhaust the pool of 8.
        self.assertGreater(d["dropped"], 0)
        self.assertEqual(d["pool_low"], 0)

    def test_stack_high_water_within_static_bound(self):
        """The measured high-water mark (painted at boot, read at the end of
        the burst, ISRs included) is at most the static worst case of
        //tools/stack for the same image, which fits the usable stack."""
        self.burst.assert_stack_within_static_bound(self, elf_suffix="/packet_pool_mps2_an500.elf")

if __name__ == "__main__":
    unittest.main()
