"""tools/elf/image.py on //apps/hello's STM32F769 ELF against binutils'
readelf (an oracle that does not use pyelftools): every section's name,
address, size and flags, every PT_LOAD segment, every named symbol's value,
size and binding, and a file that is no ELF raising ElfError."""

import re
import shutil
import subprocess
import sys
import tempfile
import unittest

from tools.elf.image import SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, ElfError, ElfFile

READELF = shutil.which("arm-none-eabi-readelf") or "/usr/bin/arm-none-eabi-readelf"
# argv: the firmware's files ($(rootpaths)); the test reads the .elf.
ELF = next(a for a in sys.argv[1:] if a.endswith(".elf"))
del sys.argv[1:]


def _readelf(*flags):
    return subprocess.run([READELF, "-W", *flags, ELF], check=True, capture_output=True, text=True).stdout


class Image(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.elf = ElfFile(ELF)

    def test_sections(self):
        want = []
        for line in _readelf("-S").splitlines():
            m = re.match(r"^\s*\[\s*(\d+)\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+[0-9a-f]+\s+([WAX]*)\s", line)
            if m and int(m.group(1)) > 0:   # [0] is the NULL section, nameless
                want.append((int(m.group(1)), m.group(2), int(m.group(3), 16), int(m.group(4), 16),
                             "".join(sorted(m.group(5)))))
        letters = {SHF_WRITE: "W", SHF_ALLOC: "A", SHF_EXECINSTR: "X"}
        got = [(s.index, s.name, s.addr, s.size, "".join(sorted(c for f, c in letters.items() if s.flags & f)))
               for s in self.elf.sections if s.index > 0]
        self.assertGreater(len(want), 5)
        self.assertEqual(got, want)

    def test_load_segments(self):
        want = [tuple(int(x, 16) for x in m.groups()) for m in re.finditer(
            r"^\s+LOAD\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)",
            _readelf("-l"), re.M)]
        got = [(g.offset, g.vaddr, g.paddr, g.filesz, g.memsz) for g in self.elf.segments if g.kind == "PT_LOAD"]
        self.assertTrue(want)
        self.assertEqual(got, want)
        for g in self.elf.segments:
            self.assertEqual(len(g.data), g.filesz)

    def test_symbols(self):
        want = set()
        for line in _readelf("-s").splitlines():
            m = re.match(r"^\s*\d+:\s+([0-9a-f]+)\s+(\d+)\s+(\w+)\s+(\w+)\s+\w+\s+\w+\s+(\S+)$", line)
            if m and m.group(3) != "SECTION":   # readelf names section symbols after their section
                want.add((m.group(5), int(m.group(1), 16), int(m.group(2)), "STT_" + m.group(3), "STB_" + m.group(4)))
        got = {(s.name, s.value, s.size, s.kind, s.bind) for s in self.elf.symbols if s.name}
        self.assertGreater(len(want), 50)
        self.assertEqual(got, want)

    def test_local_symbols_name_their_unit(self):
        units = {s.unit for s in self.elf.symbols if s.bind == "STB_LOCAL" and s.kind == "STT_FUNC"}
        self.assertTrue(any(u and u.endswith(".c") for u in units), units)
        self.assertTrue(all(s.unit is None for s in self.elf.symbols if s.bind == "STB_GLOBAL"))

    def test_not_an_elf(self):
        with tempfile.NamedTemporaryFile(suffix=".elf") as f:
            f.write(b"not an elf at all")
            f.flush()
            with self.assertRaisesRegex(ElfError, "is not a valid ELF"):
                ElfFile(f.name)
        with self.assertRaisesRegex(ElfError, "cannot read"):
            ElfFile("/nonexistent/x.elf")


if __name__ == "__main__":
    unittest.main()
