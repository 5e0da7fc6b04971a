"""The HTML and DOT views of the fixture image's analysis, parsed back.

The worst path of every root, by hand from fixture_bounds_test.py's frames
with fixture_annotations.json (recursion 4 deep, call_through -> fp_small/fp_big):
  Reset   Reset_Handler 8 > fixture_main 16 > recurse 4 x 56 >
          leaf_after_recursion 24                               = 272 B
  IRQ0    isr_low 8 > chain_b 72 > chain_c 32                  = 112 B
  IRQ1    isr_high 8 > diamond_right 48 > diamond_bottom 16    =  72 B
  IRQ2    isr_low_small 8 > diamond_bottom 16                  =  24 B
Those functions, and only those, are highlighted in the HTML; those edges,
and only those, are red in the DOT.
"""

import html.parser
import json
import re
import unittest

from tools.stack import stack_bound
from tools.stack import stack_dot
from tools.stack import stack_html
from tools.stack import stack_inputs
from tools.stack.tests import stack_params

PARAMS = "tools/stack/tests/fixture_stack_files.params"
ANNOTATIONS = "tools/stack/tests/fixture_annotations.json"
PRIORITIES = "tools/stack/tests/fixture_priorities.json"

PATHS = [
    ["Reset_Handler", "fixture_main", "recurse", "leaf_after_recursion"],
    ["isr_low", "chain_b", "chain_c"],
    ["isr_high", "diamond_right", "diamond_bottom"],
    ["isr_low_small", "diamond_bottom"],
]
FILES = {
    "tools/stack/fixtures/roots.c": {"Reset_Handler", "fixture_main", "isr_high", "isr_low", "isr_low_small"},
    "tools/stack/fixtures/graph_shapes.c": {"chain_a", "chain_b", "chain_c", "diamond_bottom", "diamond_left",
                                            "diamond_right", "diamond_top", "leaf_after_recursion", "recurse"},
    "tools/stack/fixtures/dynamic_and_indirect.c": {"call_through", "fp_big", "fp_small", "vla_user"},
}
ALL = set().union(*FILES.values())


class _Tables(html.parser.HTMLParser):
    """rows[heading] = [(name, highlighted, cells)] under each h2/h3."""

    def __init__(self):
        super().__init__()
        self.rows, self.ids = {}, []
        self._heading, self._in_heading, self._row, self._cell = None, False, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("h2", "h3"):
            self._heading, self._in_heading = "", True
        elif tag == "tr":
            self._row = ("worst" in (a.get("class") or "").split(), [])
            if "id" in a:
                self.ids.append(a["id"])
        elif tag == "td" and self._row is not None:
            self._cell = ""

    def handle_endtag(self, tag):
        if tag in ("h2", "h3"):
            self._in_heading = False
            self.rows[self._heading] = []
        elif tag == "td" and self._cell is not None:
            self._row[1].append(self._cell)
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._row[1]:
                self.rows[self._heading].append((self._row[1][0], self._row[0], self._row[1]))
            self._row = None

    def handle_data(self, data):
        if self._in_heading:
            self._heading += data
        elif self._cell is not None:
            self._cell += data


class ReportViews(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        args = stack_params.load(PARAMS)
        frames = stack_inputs.load_units(args["--su"], args["--ci"])
        with open(PRIORITIES) as f:
            priorities = json.load(f)
        with open(ANNOTATIONS) as f:
            annotations = json.load(f)
        cls.a, _ = stack_bound.analyze(args["--elf"], args["--objdump"], frames, priorities, annotations)
        cls.page = _Tables()
        cls.page.feed(stack_html.to_html(cls.a, "fixture"))
        cls.dot = stack_dot.to_dot(cls.a)

    def test_paths_are_the_hand_computed_ones(self):
        self.assertEqual([[s.function for s in r.path] for r in self.a.roots], PATHS)
        self.assertEqual([r.depth for r in self.a.roots], [272, 112, 72, 24])

    def test_html_lists_every_function_once_with_its_numbers(self):
        rows = self.page.rows["Functions"]
        self.assertEqual(sorted(r[0] for r in rows), sorted(ALL))
        self.assertEqual(sorted(self.page.ids), sorted(ALL))
        cells = {r[0]: r[2] for r in rows}
        self.assertEqual(cells["recurse"][1:3], ["56", "248"])
        self.assertEqual(cells["Reset_Handler"][1:3], ["8", "272"])
        self.assertEqual(cells["chain_b"][4:6], ["chain_a isr_low", "chain_c"])

    def test_html_highlights_exactly_the_worst_paths(self):
        hot = {name for name, worst, _ in self.page.rows["Functions"] if worst}
        self.assertEqual(hot, set().union(*PATHS))

    def test_html_groups_functions_per_file(self):
        for f, names in FILES.items():
            rows = self.page.rows[f]
            self.assertEqual({r[0] for r in rows}, names, f)
            on_path = set().union(*PATHS)
            self.assertEqual({r[0] for r in rows if r[1]}, names & on_path, f)
        self.assertEqual(set(self.page.rows) - set(FILES), {"Functions", "Findings", "Per file"})

    def test_dot_has_every_function_and_only_the_worst_edges_red(self):
        nodes = set(re.findall(r'^  "([^"]+)" \[label=', self.dot, re.M))
        self.assertEqual(nodes, ALL)
        edges = re.findall(r'^  "([^"]+)" -> "([^"]+)"( \[color=red, penwidth=2\])?;$', self.dot, re.M)
        red = {(a, b) for a, b, style in edges if style}
        want = {pair for p in PATHS for pair in zip(p, p[1:])}
        self.assertEqual(red, want)
        self.assertIn(("fixture_main", "chain_a", ""), edges)
        self.assertTrue(self.dot.startswith("digraph stack {") and self.dot.rstrip().endswith("}"))


if __name__ == "__main__":
    unittest.main()
