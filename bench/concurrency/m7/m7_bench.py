"""Runs the Cortex-M7 measurement firmware (main.c) on QEMU mps2-an500 with
-icount shift=0 and turns its SysTick readings into instructions per call.

As a test (bazel test //bench/concurrency/m7:m7_bench_test): only that the
firmware ran to the end and printed a positive count for every operation.
Correctness of the code measured is tested elsewhere (tests/pool/m7,
tests/spsc/m7); the counts and their targets are for the reader (run.sh,
docs/benchmarks/concurrency.md).
As a script (python3 m7_bench.py path/to/m7_bench_mps2_an500.elf): prints the
table. See docs/benchmarks/concurrency.md.
"""

import os
import re
import sys
import unittest

from tools.qemu import qemu_run

# Upper bounds from the issue, printed next to each count; None = none.
TARGETS = {
    "typed_push": 12,
    "typed_pop": 12,
    "typed_hw_push": None,
    "typed_hw_pop": 12,
    "generic_push_4B": None,
    "generic_pop_4B": None,
    "pool_alloc": 20,
    "pool_free": 20,
}
CALIBRATION_INSNS = 20

FIRMWARE = sys.argv[1:]
del sys.argv[1:]

_RESULT = None


def run():
    """Boots the firmware once; returns (result, {name: insns_per_call})."""
    global _RESULT
    if _RESULT is None:
        elf = qemu_run.find_file(FIRMWARE, ".elf")
        result = qemu_run.run_firmware(elf, timeout_s=60, icount_shift=0)
        times = {}
        for m in re.finditer(
            r"^time (\w+) calls (\d+) ticks (\d+) base (\d+) base_insns (\d+)$",
            result.uart,
            re.M,
        ):
            name = m.group(1)
            calls, ticks, base, base_insns = (int(m.group(i)) for i in range(2, 6))
            times[name] = (calls, ticks - base, base_insns)
        per_call = {}
        if "calibrate_20" in times:
            calls, delta, base_insns = times["calibrate_20"]
            # instructions per tick, from a function of known length
            scale = (CALIBRATION_INSNS - base_insns) * calls / delta
            for name, (calls, delta, base_insns) in times.items():
                per_call[name] = delta * scale / calls + base_insns
        _RESULT = (result, per_call, times)
    return _RESULT


class M7Bench(unittest.TestCase):
    def test_ran_and_printed_every_count(self):
        result, per_call, _ = run()
        self.assertFalse(result.timed_out, result.uart)
        self.assertEqual(result.exit_code, 0, result.uart)
        self.assertIn("\ndone\n", result.uart)
        self.assertEqual(set(per_call), set(TARGETS) | {"calibrate_20"})
        for name, count in per_call.items():
            self.assertGreater(count, 0, name)


def main():
    result, per_call, _ = run()
    sys.stdout.write(result.uart)
    print("\nCortex-M7 (QEMU mps2-an500, -icount shift=0): instructions per call")
    for name in TARGETS:
        if name in per_call:
            target = TARGETS[name]
            print("  %-16s %6.2f   target %s" % (name, per_call[name], target if target else "-"))
    return 0 if result.exit_code == 0 else 1


if __name__ == "__main__":
    if "TEST_SRCDIR" in os.environ:  # bazel test
        unittest.main()
    else:
        sys.exit(main())
