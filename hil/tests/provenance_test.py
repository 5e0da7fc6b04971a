"""Provenance: the git commit of the user's checkout (and whether it is
dirty), the firmware's SHA-256 and compiler (from .comment), tool versions
when present, the hardware map entry; PCs as function+offset from the ELF."""

import os
import subprocess
import sys
import tempfile
import unittest

from hil.elf_image import ElfImage
from hil.hardware_map import emulated_spec
from hil.provenance import collect, git_commit
from hil.provenance_text import flat_provenance

AGENT = next(p for p in sys.argv[1:] if p.endswith(".elf"))
del sys.argv[1:]


class Provenance(unittest.TestCase):
    def test_git_commit_of_the_users_checkout(self):
        repo = tempfile.mkdtemp()
        env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t",
                   GIT_COMMITTER_EMAIL="t@t")
        for argv in (["git", "init", "-q"], ["git", "commit", "-q", "--allow-empty", "-m", "x"]):
            subprocess.run(argv, cwd=repo, env=env, check=True)
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, stdout=subprocess.PIPE,
                              text=True, check=True).stdout.strip()
        os.environ.pop("BUILD_WORKSPACE_DIRECTORY", None)
        os.environ["TIDEMARK_HIL_CWD"] = repo
        try:
            self.assertEqual(git_commit(), {"commit": head, "dirty": False})
            os.environ["TIDEMARK_HIL_CWD"] = tempfile.mkdtemp()   # not a checkout
            self.assertIsNone(git_commit())
        finally:
            del os.environ["TIDEMARK_HIL_CWD"]

    def test_firmware_tools_and_board(self):
        elf = ElfImage(AGENT)
        record = collect(elf, emulated_spec(), "/m/boards.yaml")
        self.assertEqual(record["firmware"]["sha256"], elf.sha256)
        self.assertTrue(record["firmware"]["compiler"].startswith("GCC: "), record["firmware"])
        self.assertTrue(record["tools"]["qemu"].startswith("QEMU emulator version"), record["tools"])
        self.assertEqual(record["board"]["map"], "/m/boards.yaml")
        self.assertEqual(record["board"]["entry"]["platform"], "mps2_an500")
        flat = dict(flat_provenance(record))
        self.assertEqual(flat["provenance.board.entry.icount_shift"], "6")

    def test_addresses_as_function_and_offset(self):
        elf = ElfImage(AGENT)
        start, _, name = next(f for f in elf.functions if f[1] > 4)
        self.assertEqual(elf.describe_address(start + 4), "%s+0x4" % name)
        self.assertEqual(elf.describe_address((start + 2) | 1), "%s+0x2" % name)   # Thumb bit
        self.assertEqual(elf.describe_address(0xFFFFFFF0), "0xfffffff0")


if __name__ == "__main__":
    unittest.main()
