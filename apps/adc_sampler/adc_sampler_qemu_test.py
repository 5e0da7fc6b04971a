"""Runs apps/adc_sampler on QEMU mps2-an500 (deterministic: -icount) for its
bounded 3 s burst at 2 kHz and checks the UART summary: one line per
second, every sample either received or counted as dropped, the sequence
gaps equal to the drop counter (nothing lost silently, nothing duplicated or
reordered), every value equal to the known synthetic sequence, and the
painted stack high-water mark against the static bound (cross-check below)."""

import sys
import unittest

from apps.common import burst_summary

# $(rootpaths :adc_sampler_mps2_an500) and $(rootpaths :adc_sampler_mps2_an500_stack_report)
ARGS = sys.argv[1:]
del sys.argv[1:]

RATE_HZ = 2000
BURST_S = 3


class AdcSamplerOnQemu(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.burst = burst_summary.Burst(ARGS, "adc")
        cls.result, cls.seconds, cls.done = cls.burst.result, cls.burst.seconds, cls.burst.done

    def test_exits_with_ok(self):
        out = self.result.uart
        self.assertFalse(self.result.timed_out, out)
        self.assertEqual(self.result.exit_code, 0, out)
        self.assertIn("adc_sampler on mps2_an500 rate_hz=%d burst_s=%d\n" % (RATE_HZ, BURST_S), out)
        self.assertIn("result=ok", out)

    def test_one_summary_per_second(self):
        self.assertEqual([s["t"] for s in self.seconds], list(range(1, BURST_S + 1)), self.result.uart)
        for s in self.seconds:
            self.assertLessEqual(s["min"], s["mean"])
            self.assertLessEqual(s["mean"], s["max"])
            self.assertLessEqual(s["max"], 4095)

    def test_accounting(self):
        d = self.done
        self.assertIsNotNone(d, self.result.uart)
        # Every produced sample was received or dropped, and the consumer saw
        # exactly the dropped ones missing from the sequence.
        self.assertEqual(d["received"] + d["dropped"], d["produced"])
        self.assertEqual(d["lost"], d["dropped"])
        self.assertEqual(d["reordered"], 0)
        self.assertEqual(d["corrupt"], 0)
        # About BURST_S seconds at RATE_HZ (timer and cycle counter agree).
        self.assertAlmostEqual(d["produced"], RATE_HZ * BURST_S, delta=RATE_HZ * BURST_S // 50)
        # The 50 ms stalls overflow the 64-entry queue: the drop path ran.
        self.assertGreater(d["dropped"], 0)

    def test_stack_high_water_within_static_bound(self):
        """The measured high-water mark (painted at boot, read at the end of
        the burst, ISRs included) is at most the static worst case of
        //tools/stack for the same image, which fits the usable stack."""
        self.burst.assert_stack_within_static_bound(self, elf_suffix="/adc_sampler_mps2_an500.elf")

if __name__ == "__main__":
    unittest.main()
