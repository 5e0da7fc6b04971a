"""The map report of //apps/hello on both boards against readelf.

Oracle (independent of pyelftools): binutils' readelf. Flash used must be
the sizes of the sections the linker script (bsp/cortex_m7/cortex_m7_sections.ld)
stores in flash: code, read-only data, the copy table and the load images of
everything copied at reset; it is at most the FileSiz of the flash PT_LOAD
segments (which also hold the alignment gaps between sections). dtcm used
must be the MemSiz of the segments living in DTCM + the .noinit section
(COPY: in no segment) + _stack_size.
"""

import re
import shutil
import subprocess
import sys
import unittest

from tools.mapreport import linker_map
from tools.mapreport import memory_report
from tools.mapreport.elf_memory import STACK_SYMBOL, MemoryImage

READELF = shutil.which("arm-none-eabi-readelf") or "/usr/bin/arm-none-eabi-readelf"


def segments(elf):
    out = subprocess.run([READELF, "-lW", elf], check=True, capture_output=True, text=True).stdout
    segs = []
    for line in out.splitlines():
        m = re.match(r"^\s+LOAD\s+0x[0-9a-f]+\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)", line)
        if m:
            segs.append(tuple(int(x, 16) for x in m.groups()))   # vaddr, paddr, filesz, memsz
    return segs


def section_size(elf, name):
    out = subprocess.run([READELF, "-SW", elf], check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        m = re.match(r"^\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)", line)
        if m and m.group(1) == name:
            return int(m.group(2), 16)
    return 0


class HelloRegions(unittest.TestCase):
    def check(self, elf, mapfile):
        image = MemoryImage(elf)
        flash = image.region("flash")
        dtcm = image.region("dtcm")
        segs = segments(elf)
        stored_in_flash = [".vectors", ".text", ".rodata", ".ARM.extab", ".ARM.exidx", ".copy_table",
                           ".itcm", ".data", ".sram1", ".sram2"]
        self.assertEqual(flash.used, sum(section_size(elf, n) for n in stored_in_flash))
        loaded = sum(f for _, p, f, _ in segs if flash.contains(p))
        self.assertLessEqual(flash.used, loaded)
        self.assertLess(loaded - flash.used, 64)   # alignment gaps only
        expected_dtcm = (sum(m for v, _, _, m in segs if dtcm.contains(v)) + section_size(elf, ".noinit")
                         + image.symbols["_stack_size"])
        self.assertEqual(dtcm.used, expected_dtcm)
        self.assertEqual(dtcm.symbols[STACK_SYMBOL], image.symbols["_stack_size"])
        for r in image.regions:
            self.assertEqual(r.used, sum(r.sections.values()), r.name)
        report = memory_report.build(image, linker_map.parse(mapfile))
        # The map attributes main.c's code to libhello.a(main.o).
        self.assertGreater(report["regions"]["flash"]["objects"]["libhello.a(main.o)"], 0)
        self.assertIn("main", report["regions"]["flash"]["symbols"])
        return image

    def test_both_boards(self):
        files = sys.argv[1:]
        elfs = [f for f in files if f.endswith(".elf")]
        self.assertEqual(len(elfs), 2)
        for elf in elfs:
            image = self.check(elf, elf[:-4] + ".map")
            names = [r.name for r in image.regions]
            if "stm32f769" in elf:
                self.assertEqual(names, ["flash", "itcm", "dtcm", "sram1", "sram2"])
            else:
                self.assertEqual(names, ["flash", "dtcm", "sram1", "sram2"])


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
