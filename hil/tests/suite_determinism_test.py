"""The emulated board is deterministic: the default suite run twice with the
real agent gives identical numbers — every metric and array in results.json
except the host's wall-clock timings. (QEMU runs with -icount, and the agent
pins the cycle counter's phase at the start of every timed command.)"""

import sys
import unittest

from hil.progress import Progress
from hil.runner import execute, parse_args

ARGS = sys.argv[1:]
del sys.argv[1:]
FIRMWARE = next(p for p in ARGS if p.endswith("hil_agent_mps2_an500.elf"))
SUITE = next(p for p in ARGS if p.endswith(".yaml"))

# Wall-clock measurements of the host: they differ by nature.
HOST_TIMINGS = {"host_round_trip_s"}


def run_suite():
    """One run of the suite in this process (no report files: they are
    tested elsewhere and only cost time here)."""
    args = parse_args(["--board", "emulated", "--suite", SUITE, "--firmware", FIRMWARE, "--quiet"])
    run = execute(args, Progress(quiet=True))
    return run.exit_code, run.to_dict()


def numbers(results):
    """case name -> (status, metrics without host timings, details)."""
    out = {}
    for case in results["cases"]:
        metrics = {k: v for k, v in case["metrics"].items() if k not in HOST_TIMINGS}
        out[case["name"]] = (case["status"], metrics, case["details"])
    return out


class SuiteIsDeterministic(unittest.TestCase):
    def test_two_runs_identical_numbers(self):
        first_exit, first = run_suite()
        second_exit, second = run_suite()
        self.assertEqual(first_exit, 0, first["cases"])
        self.assertEqual(second_exit, 0, second["cases"])
        a, b = numbers(first), numbers(second)
        self.assertEqual(sorted(a), sorted(b))
        for name in a:
            with self.subTest(case=name):
                self.assertEqual(a[name], b[name])
        # The comparison is not vacuous: timing numbers are there and vary.
        bench = a["bench_pool_alloc"][1]
        self.assertGreater(bench["mean"], 0)
        adc = a["adc_10khz_lossless"][1]
        self.assertGreater(adc["latency_max"], adc["latency_min"])
        self.assertEqual(first["agent"], second["agent"])


if __name__ == "__main__":
    unittest.main()
