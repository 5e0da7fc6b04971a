"""Runs the pool target test firmware (main.c) on QEMU mps2-an500 with
-icount shift=0, where timer interrupts land at exact instruction counts (so
also between an LDREX and its STREX; without icount QEMU only takes them
between translation blocks, never inside one).

Checks: every firmware check passed, and at least MIN_INSIDE SysTick
handler runs preempted mem_pool_alloc or mem_pool_free inside an exclusive
window. The windows come from the ELF's own instructions: a return address
in (LDREX, matching STREX] means the LDREX ran and the STREX had not, so the
handler's own pool calls made that STREX fail and the retry path ran.
Prints how many landed inside each window.
"""

import re
import shutil
import sys
import unittest

from tools.qemu import qemu_run
from tools.stack import elf_code

FIRMWARE = sys.argv[1:]
del sys.argv[1:]

# Handler runs that must land inside an LDREX..STREX window: in total, and
# in each of the three windows every successful call opens (alloc's head
# update, free's claim and push; alloc's low-water window opens only when
# the mark is lowered). The run is deterministic (-icount) and gives ~3400;
# a QEMU that took interrupts only between translation blocks would give 0.
MIN_INSIDE = 1000
MIN_INSIDE_HOT_WINDOW = 100
FUNCTIONS = {"alloc": "mem_pool_alloc", "free": "mem_pool_free"}


def exclusive_windows(elf_path, symbol):
    """[(ldrex_offset, strex_offset)] inside `symbol`, offsets from its start
    (LDREX/LDREXB/LDREXH opens a window, the next STREX* closes it), from
    the image's disassembly (tools/stack/elf_code)."""
    objdump = shutil.which("arm-none-eabi-objdump")
    if objdump is None:
        raise RuntimeError("arm-none-eabi-objdump not on PATH (Debian: binutils-arm-none-eabi)")
    fn = elf_code.Image(elf_path).by_name[symbol]
    insns = elf_code.disassemble(objdump, elf_path)
    windows, open_at = [], None
    for insn in elf_code.instructions_of(insns, [i.addr for i in insns], fn):
        if insn.mnemonic.startswith("ldrex"):
            open_at = insn.addr - fn.addr
        elif insn.mnemonic.startswith("strex") and open_at is not None:
            windows.append((open_at, insn.addr - fn.addr))
            open_at = None
    return windows


class PoolOnEmulatedM7(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.elf = qemu_run.find_file(FIRMWARE, ".elf")
        cls.result = qemu_run.run_firmware(cls.elf, timeout_s=60, icount_shift=0)
        cls.landed = {}
        for name, offset, count in re.findall(r"^preempted (\w+) (\d+) (\d+)$",
                                              cls.result.uart, re.M):
            cls.landed[(name, int(offset))] = int(count)

    def test_every_check_passes(self):
        out = self.result.uart
        self.assertFalse(self.result.timed_out, out)
        self.assertNotIn(" FAIL ", out)
        self.assertIn("\ndone 0\n", out)
        self.assertEqual(self.result.exit_code, 0, out)
        # 5 geometries x 14-15 property checks, 10 interrupt checks
        self.assertGreaterEqual(out.count(" ok "), 80, out)

    def test_windows_are_where_the_assembly_has_them(self):
        # alloc: the head update and the low-water minimum; free: the claim
        # (LDREXH/STREXH) and the push
        self.assertEqual(len(exclusive_windows(self.elf, "mem_pool_alloc")), 2)
        self.assertEqual(len(exclusive_windows(self.elf, "mem_pool_free")), 2)

    def test_interrupts_land_inside_exclusive_windows(self):
        inside = 0
        hot = 0
        lines = []
        for name, symbol in FUNCTIONS.items():
            for ldrex, strex in exclusive_windows(self.elf, symbol):
                n = sum(c for (f, off), c in self.landed.items()
                        if f == name and ldrex < off <= strex)
                lines.append("%s LDREX+%d..STREX+%d: %d" % (symbol, ldrex, strex, n))
                inside += n
                hot += n >= MIN_INSIDE_HOT_WINDOW
        ticks = int(re.search(r"^ticks (\d+)$", self.result.uart, re.M).group(1))
        print("\ninterrupts inside exclusive windows: %d of %d handler runs\n  %s"
              % (inside, ticks, "\n  ".join(lines)))
        self.assertGreaterEqual(inside, MIN_INSIDE, "\n".join(lines))
        self.assertGreaterEqual(hot, 3, "\n".join(lines))


if __name__ == "__main__":
    unittest.main()
