"""Reads the linker maps of the malloc retarget demo images and checks that
newlib's allocator is gone: no archive member of libc's malloc
implementation (nano-mallocr.o / mallocr.o and friends, named
lib_a-nano-mallocr.o etc. in Debian's newlib) was linked, and every malloc
entry point newlib itself calls (_malloc_r, _free_r, _realloc_r, ...) and
the standard ones resolve to tidemark's malloc_retarget object (the first
file of each symbol in the map's cross-reference table is its definition)."""

import re
import sys
import unittest

MAPS = [p for p in sys.argv[1:] if p.endswith(".map")]
del sys.argv[1:]
# newlib-nano's allocator members (arm-none-eabi-ar t libc_nano.a), plus the
# full newlib's names, plus the thin malloc()/free() wrappers around them.
NEWLIB_ALLOCATOR = re.compile(
    r"^(lib_a-)?(nano-)?(malloc|calloc|realloc|free|mallocr|callocr|reallocr|freer|cfreer|"
    r"memalignr|mallinfor|malloptr|msizer|mstatsr|pvallocr|vallocr|aligned_alloc|valloc)\.o$")
SYMBOLS = ["malloc", "free", "calloc", "realloc", "memalign", "aligned_alloc", "posix_memalign",
           "_malloc_r", "_free_r", "_calloc_r", "_realloc_r", "_memalign_r"]


def read(path):
    with open(path) as f:
        return f.read()


def sections(text):
    start = text.index("Archive member included to satisfy reference by file (symbol)")
    # the member list runs until the next section of the map
    end = min(i for i in (text.find("\nDiscarded input sections", start),
                          text.find("\nMemory Configuration", start)) if i > 0)
    members = text[start:end]
    xref = text[text.index("Cross Reference Table"):]
    return members, xref


def definer(xref, symbol):
    m = re.search(r"^%s\s+(\S+)" % re.escape(symbol), xref, re.M)
    return m.group(1) if m else None


class LinkMap(unittest.TestCase):
    def test_maps_given(self):
        self.assertEqual(len(MAPS), 3, sys.argv)

    def test_no_newlib_allocator_member(self):
        for path in MAPS:
            members, _ = sections(read(path))
            linked = [l for l in members.splitlines() if re.search(r"libc(_nano)?\.a\(", l)]
            self.assertTrue(linked, "no libc member listed in %s: wrong map section?" % path)
            for line in linked:
                member = re.search(r"libc(?:_nano)?\.a\(([^)]+)\)", line).group(1)
                with self.subTest(map=path, member=member):
                    self.assertIsNone(NEWLIB_ALLOCATOR.match(member))

    def test_pattern_recognises_newlib_allocator_members(self):
        for member in ("lib_a-nano-mallocr.o", "lib_a-nano-freer.o", "lib_a-malloc.o",
                       "lib_a-nano-reallocr.o", "lib_a-mallocr.o"):
            self.assertIsNotNone(NEWLIB_ALLOCATOR.match(member), member)
        for member in ("lib_a-strdup_r.o", "lib_a-nano-svfprintf.o", "lib_a-memcpy.o"):
            self.assertIsNone(NEWLIB_ALLOCATOR.match(member), member)

    def test_allocator_symbols_resolve_to_tidemark(self):
        for path in MAPS:
            _, xref = sections(read(path))
            for sym in SYMBOLS:
                with self.subTest(map=path, symbol=sym):
                    where = definer(xref, sym)
                    if where is None:  # unreferenced and dropped: fine, but malloc must exist
                        self.assertNotIn(sym, ("malloc", "free", "_malloc_r", "_free_r"), path)
                        continue
                    self.assertIn("malloc_retarget", where, "%s defined by %s" % (sym, where))

    def test_newlib_calls_into_tidemark(self):
        # strdup and the asprintf machinery reference _malloc_r/_realloc_r
        for path in MAPS:
            _, xref = sections(read(path))
            block = re.search(r"^_malloc_r\s+\S+\n((?:\s+\S+\n)*)", xref, re.M)
            self.assertIsNotNone(block, path)
            self.assertRegex(block.group(1), r"strdup|vasprintf|asprintf|svfprintf", path)


if __name__ == "__main__":
    unittest.main()
