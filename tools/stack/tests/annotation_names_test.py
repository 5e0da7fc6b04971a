"""Annotations name one function: a static name in two units is an error that
lists the candidates (issue 13: it silently took the lowest address, 48 B
counted where the other unit's function needed 1144 B)."""

import types
import unittest

from tools.stack import elf_code
from tools.stack import stack_bound


def _fn(addr, unit):
    return elf_code.Function(addr=addr, size=4, names=["helper"], is_local=True, unit=unit)


class AnnotationNames(unittest.TestCase):
    def setUp(self):
        self.small, self.big = _fn(0x100, "a.c"), _fn(0x200, "b.c")
        image = types.SimpleNamespace(functions=[self.small, self.big])
        self.an = stack_bound.Analyzer(image, [], [], {}, {})

    def test_ambiguous_name_lists_the_candidates(self):
        with self.assertRaisesRegex(ValueError, "ambiguous; write one of: a.c:helper, b.c:helper"):
            self.an._resolve("helper")

    def test_file_qualified_name_picks_its_unit(self):
        self.assertIs(self.an._resolve("b.c:helper"), self.big)
        self.assertIs(self.an._resolve("a.c:helper"), self.small)

    def test_frame_annotation_applies_only_to_the_named_unit(self):
        section = {"b.c:helper": 1144}
        self.assertIsNone(self.an._ann(section, "frames", self.small))
        self.assertEqual(self.an._ann(section, "frames", self.big), ("b.c:helper", 1144))


if __name__ == "__main__":
    unittest.main()
