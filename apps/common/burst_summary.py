"""Runs a demo app's bounded burst on QEMU mps2-an500 and parses its UART
summary (the Python side of apps/common/app_support.h). The apps print one
"<tag> t=<second> key=value..." line per second and one final
"<tag> done key=value... stack=N stack_size=N result=ok|FAIL" line."""

import re

from tools.qemu import qemu_run
from tools.stack import stack_crosscheck


def uart_fields(line):
    """The decimal key=value fields of one UART line, as a dict of ints."""
    return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", line)}


class Burst:
    """One run of the firmware in `args` (the py_test's $(rootpaths ...) of
    the firmware and its stack report): `result` (qemu_run.RunResult),
    `seconds` (fields of each "<tag> t=" line) and `done` (fields of the
    "<tag> done" line, None when missing)."""

    def __init__(self, args, tag, timeout_s=30, icount_shift=6):
        self.args = args
        self.result = qemu_run.run_firmware(
            qemu_run.find_file(args, ".elf"), timeout_s=timeout_s, icount_shift=icount_shift)
        uart = self.result.uart
        self.seconds = [uart_fields(l) for l in re.findall(r"^%s t=.*$" % tag, uart, re.M)]
        done = re.findall(r"^%s done .*$" % tag, uart, re.M)
        self.done = uart_fields(done[0]) if done else None

    def assert_stack_within_static_bound(self, test, elf_suffix):
        """The done line's stack high-water mark (app_print_result) against
        the static bound of //tools/stack for the same image."""
        test.assertIsNotNone(self.done, self.result.uart)
        stack_crosscheck.assert_within_static_bound(
            test, qemu_run.find_file(self.args, ".stack.json"), measured=self.done["stack"],
            painted_size=self.done["stack_size"], elf_suffix=elf_suffix)
