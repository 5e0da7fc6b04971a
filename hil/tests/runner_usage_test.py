"""Every class of bad input is a usage error: exit 3, one line naming the
file and key (or the flag), no traceback, and nothing run (no QEMU started,
no report written)."""

import os
import sys
import tempfile
import unittest

from hil.tests.runner_process import run_runner

AGENT = next(p for p in sys.argv[1:] if p.endswith(".elf"))
del sys.argv[1:]

GOOD_CASE = "  - {name: p, command: ping, limits: {echo_ok: 1}}\n"


class BadInput(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.out = os.path.join(self.dir, "out")

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def assert_usage_error(self, args, *expected):
        proc = run_runner(*args)
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertIn("usage error", proc.stderr)
        for text in expected:
            self.assertIn(text, proc.stderr)
        self.assertNotIn("Traceback", proc.stderr)
        self.assertNotIn("] flash", proc.stderr)     # nothing was started (no progress line)
        self.assertFalse(os.path.exists(os.path.join(self.out, "results.json")))

    def run_suite(self, suite_text, *extra):
        suite = self.write("suite.yaml", suite_text)
        return ["--board", "emulated", "--suite", suite, "--firmware", AGENT, "--out", self.out] + list(extra)

    def test_bad_flags(self):
        for args, text in ((["--bogus"], "--bogus"),
                           (["--suite"], "--suite"),
                           (["--test-timeout", "abc"], "--test-timeout"),
                           (["--flash-timeout", "0"], "--flash-timeout"),
                           (["--repeat", "0"], "--repeat")):
            with self.subTest(args=args):
                self.assert_usage_error(args, text)

    def test_bad_suite_values_name_file_and_key(self):
        bad = {
            "timeout_s: abc\ncases:\n" + GOOD_CASE: "timeout_s",
            "ready_timeout_s: [1]\ncases:\n" + GOOD_CASE: "ready_timeout_s",
            "cases:\n  - {name: p, command: ping, timeout_s: abc}\n": "timeout_s",
            "cases:\n  - {name: p, command: ping, args: [1, 2]}\n": "args",
            "cases:\n  - {name: p, command: ping, args: {a0: fast}}\n": "ping.a0",
            "cases:\n  - {name: p, command: ping, limits: {echo_okk: 1}}\n": "echo_okk",
            "cases:\n  - {name: s, command: stack_report, limits: {stack.MSP.hw: 1}}\n": "stack.MSP.hw",
            "cases: [\n": "suite",
        }
        for text, key in bad.items():
            with self.subTest(suite=text):
                self.assert_usage_error(self.run_suite(text), os.path.join(self.dir, "suite.yaml"), key)

    def test_bad_map_values_name_file_board_and_key(self):
        bad = {
            "boards:\n  emu: {backend: emulated, platform: mps2_an500, icount_shift: fast}\n": "icount_shift",
            "boards:\n  emu: {backend: emulated, platform: mps2_an500, icount_shift: 11}\n": "icount_shift",
            "boards:\n  d: {backend: pyocd, platform: stm32f769, probe_uid: \"X\", frequency_hz: fast}\n":
                "frequency_hz",
            "boards:\n  d: {backend: pyocd, platform: stm32f769, probe_uid: 1234}\n": "probe_uid",
            "boards:\n  emu: {backend: emulated, platform: [mps2]}\n": "platform",
        }
        for text, key in bad.items():
            with self.subTest(map=text):
                path = self.write("map.yaml", text)
                args = self.run_suite("cases:\n" + GOOD_CASE, "--map", path)
                args[args.index("--board") + 1] = "emulated"
                self.assert_usage_error(args, path, key)

    def test_unknown_case_selection(self):
        self.assert_usage_error(self.run_suite("cases:\n" + GOOD_CASE, "--case", "nosuch"), "nosuch")
        self.assert_usage_error(self.run_suite("cases:\n" + GOOD_CASE, "-k", "zzz"), "zzz")

    def test_unwritable_out_dir_found_before_the_suite_runs(self):
        blocker = self.write("a-file", "")
        self.out = os.path.join(blocker, "out")    # a directory below a file: never writable
        self.assert_usage_error(self.run_suite("cases:\n" + GOOD_CASE), blocker)

    def test_list_runs_nothing(self):
        proc = run_runner(*self.run_suite("cases:\n" + GOOD_CASE + "  - {name: q, command: stack_report}\n",
                                          "--list", "-k", "q"))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("1 cases", proc.stdout)
        self.assertIn("q  stack_report", proc.stdout)
        self.assertFalse(os.path.exists(self.out))


if __name__ == "__main__":
    unittest.main()
