"""linker_map.parse and memory_report on hand-written inputs."""

import os
import tempfile
import unittest

from tools.mapreport import linker_map
from tools.mapreport import memory_report

# A map in GNU ld's layout: a long input-section name wrapped onto two lines,
# a fill, an output section with a load address (.data copied from flash),
# a symbol line (no size: not a contribution) and a debug section.
MAP = """\
Archive member included to satisfy reference by file (symbol)

Memory Configuration

Linker script and memory map

LOAD bazel-out/x/libapp.a

.text           0x08000200      0x130
 *(.text .text.*)
 .text.short    0x08000200       0x20 bazel-out/k8/bin/app/libapp.a(main.o)
                0x08000200                short
 .text.a_rather_long_function_name
                0x08000220      0x100 bazel-out/k8/bin/app/libapp.a(util.o)
 *fill*         0x08000320        0x2 
 .text          0x08000322        0xe /usr/lib/libc_nano.a(lib_a-memcpy.o)

.data           0x20000000        0x8 load address 0x08000330
 .data.counter  0x20000000        0x8 bazel-out/k8/bin/app/libapp.a(main.o)

.debug_info     0x00000000      0x400
 .debug_info    0x00000000      0x400 bazel-out/k8/bin/app/libapp.a(main.o)
"""


class LinkerMap(unittest.TestCase):
    def setUp(self):
        fd, self.path = tempfile.mkstemp(suffix=".map")
        with os.fdopen(fd, "w") as f:
            f.write(MAP)

    def tearDown(self):
        os.unlink(self.path)

    def test_contributions(self):
        got = [(c.output_section, c.input_section, c.address, c.size, c.load_address, c.obj)
               for c in linker_map.parse(self.path)]
        self.assertEqual(got, [
            (".text", ".text.short", 0x08000200, 0x20, None, "libapp.a(main.o)"),
            (".text", ".text.a_rather_long_function_name", 0x08000220, 0x100, None, "libapp.a(util.o)"),
            (".text", "*fill*", 0x08000320, 2, None, "*fill*"),
            (".text", ".text", 0x08000322, 0xe, None, "libc_nano.a(lib_a-memcpy.o)"),
            (".data", ".data.counter", 0x20000000, 8, 0x08000330, "libapp.a(main.o)"),
            (".debug_info", ".debug_info", 0, 0x400, None, "libapp.a(main.o)"),
        ])

    def test_not_a_map(self):
        with open(self.path, "w") as f:
            f.write("hello\n")
        with self.assertRaises(ValueError):
            linker_map.parse(self.path)


def _report(used_flash, symbols):
    return {"regions": {"flash": {"start": 0, "size": 1000, "used": used_flash, "free": 1000 - used_flash,
                                  "sections": {}, "symbols": symbols, "objects": {}}}}


class Report(unittest.TestCase):
    def test_limit_message_names_region_and_top_symbols(self):
        r = _report(700, {"big": 400, "mid": 200, "small": 100})
        self.assertEqual(memory_report.check_limits(r, {"flash": 700}), [])
        msgs = memory_report.check_limits(r, {"flash": 600})
        self.assertEqual(msgs, ["flash: 700 B used exceeds the limit 600 B by 100 B; "
                                "top symbols: big 400 B, mid 200 B, small 100 B"])

    def test_limit_for_unknown_region(self):
        msgs = memory_report.check_limits(_report(1, {}), {"itcm": 10})
        self.assertEqual(len(msgs), 1)
        self.assertIn("'itcm'", msgs[0])

    def test_diff_against_baseline(self):
        old = memory_report.baseline_of(_report(600, {"big": 400, "gone": 100, "same": 100}))
        new = _report(700, {"big": 450, "same": 100, "fresh": 150})
        d = memory_report.diff(new, old)
        self.assertEqual(d["flash"]["used"], (600, 700))
        # sorted by size of the change
        self.assertEqual(d["flash"]["symbols"], [("fresh", None, 150), ("gone", 100, None), ("big", 400, 450)])
        text = memory_report.render(new, "t", {}, d, "base.json")
        self.assertIn("flash: used 600 -> 700 (+100 B)", text)
        self.assertIn("+ fresh 150 B", text)
        self.assertIn("- gone 100 B", text)
        self.assertIn("~ big 400 -> 450 B (+50)", text)


if __name__ == "__main__":
    unittest.main()
