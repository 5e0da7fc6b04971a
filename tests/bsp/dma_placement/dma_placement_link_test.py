"""The link-time DMA placement check (bsp/cortex_m7/cortex_m7_sections.ld).

Links a tiny object holding a BSP_DMA_BUFFER-style buffer (input section
.dma_buffers) with each board's real linker script, then with copies whose
REGION_DMA points elsewhere, and checks that the link fails exactly when the
buffer would land outside the DMA-reachable memory (ITCM, flash) or outside
the non-cacheable MPU window (SRAM1: reachable but cached).

usage: dma_placement_link_test.py LINKER_SCRIPT... (board scripts + sections)
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

SCRIPTS = sys.argv[1:]
del sys.argv[1:]

CC = "arm-none-eabi-gcc"
FLAGS = ["-mcpu=cortex-m7", "-mthumb", "-mfpu=fpv5-d16", "-mfloat-abi=hard"]
SOURCE = """
__attribute__((section(".dma_buffers"), aligned(32))) unsigned char rx_buffer[512];
void Reset_Handler(void) { rx_buffer[0] = 1; for (;;) {} }
"""


def script(name):
    return [p for p in SCRIPTS if os.path.basename(p) == name][0]


class DmaPlacement(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cc = shutil.which(CC)
        if cls.cc is None:
            raise RuntimeError("tidemark: %s not found (Debian package gcc-arm-none-eabi)" % CC)
        cls.tmp = tempfile.mkdtemp(prefix="tidemark-dma-")
        src = os.path.join(cls.tmp, "dma.c")
        with open(src, "w") as f:
            f.write(SOURCE)
        cls.obj = os.path.join(cls.tmp, "dma.o")
        subprocess.run([cls.cc] + FLAGS + ["-c", src, "-o", cls.obj], check=True)
        shutil.copy(script("cortex_m7_sections.ld"), cls.tmp)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def link(self, board, dma_region=None):
        with open(script(board + ".ld")) as f:
            text = f.read()
        if dma_region is not None:
            text, n = re.subn(r'REGION_ALIAS\("REGION_DMA", \w+\);',
                              'REGION_ALIAS("REGION_DMA", %s);' % dma_region, text)
            self.assertEqual(n, 1, "REGION_DMA alias not found in %s.ld" % board)
        ld = os.path.join(self.tmp, "%s_%s.ld" % (board, dma_region))
        with open(ld, "w") as f:
            f.write(text)
        elf = ld + ".elf"
        proc = subprocess.run(
            [self.cc] + FLAGS + ["-nostdlib", "-nostartfiles", "-T", ld, "-L", self.tmp,
                                 self.obj, "-o", elf],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        return proc.returncode, proc.stdout, elf

    def symbol(self, elf, name):
        out = subprocess.run(["arm-none-eabi-nm", elf], stdout=subprocess.PIPE, text=True,
                             check=True).stdout
        m = re.search(r"^([0-9a-f]{8}) \w %s$" % name, out, re.M)
        self.assertIsNotNone(m, out)
        return int(m.group(1), 16)

    def test_real_scripts_put_dma_buffers_in_sram2(self):
        for board in ("stm32f769", "mps2_an500"):
            with self.subTest(board=board):
                rc, out, elf = self.link(board)
                self.assertEqual(rc, 0, out)
                addr = self.symbol(elf, "rx_buffer")
                self.assertTrue(0x2007_C000 <= addr < 0x2008_0000, hex(addr))
                self.assertEqual(addr % 32, 0, "not cache-line aligned")

    def test_itcm_is_not_reachable_by_dma(self):
        rc, out, _ = self.link("stm32f769", "ITCM")
        self.assertNotEqual(rc, 0, out)
        self.assertIn("outside the memory the DMA masters can reach", out)

    def test_flash_is_not_a_dma_buffer(self):
        rc, out, _ = self.link("stm32f769", "FLASH")
        self.assertNotEqual(rc, 0, out)
        self.assertIn("outside the memory the DMA masters can reach", out)

    def test_sram1_is_reachable_but_cached(self):
        rc, out, _ = self.link("stm32f769", "SRAM1")
        self.assertNotEqual(rc, 0, out)
        self.assertNotIn("can reach", out)
        self.assertIn("outside the MPU non-cacheable DMA window", out)


if __name__ == "__main__":
    unittest.main()
