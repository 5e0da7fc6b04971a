"""Candidate targets of indirect calls in a real image
(tools/stack/fixtures/indirect_tables.c), by hand from its disassembly at -Os:
  table_dispatch   ldr.w r3, [table_ops + 4*i]; bx r3   frame 0
  table_fire       ldr r3, table_on_event; bx r3         frame 0
  table_ops        .rodata {op_inc, op_wide}  (op_inc is static)
  table_on_event   .data   on_event_default
  direct_only      called with bl only: its address is stored nowhere
table_dispatch's DW_TAG_call_site has DW_AT_call_target
*(0x8000098 + (r0 & 1) * 4), inside table_ops: its candidates are the two
table entries; table_fire's has no call target: every stored function.
Frames: op_inc 8, op_wide 64, on_event_default 16, direct_only 24,
table_reset 8 (push {r3, lr}). With the targets confirmed, table_reset's
bound is 8 + max(0 + 64, 0 + 16, 24) = 72 B.
"""

import json
import unittest

from tools.stack import stack_bound
from tools.stack import stack_html
from tools.stack import stack_inputs
from tools.stack.tests import stack_params
from tools.stack import stack_report

PARAMS = "tools/stack/tests/indirect_tables_stack_files.params"

OP_INC = "indirect_tables.c:op_inc (.rodata table_ops+0x0)"
OP_WIDE = "op_wide (.rodata table_ops+0x4)"
ON_EVENT = "on_event_default (.data table_on_event+0x0)"
CONFIRMED = {"indirect_calls": {"table_dispatch": ["indirect_tables.c:op_inc", "op_wide"],
                                "table_fire": ["on_event_default"]}}


def _analyze(annotations):
    args = stack_params.load(PARAMS)
    frames = stack_inputs.load_units(args["--su"], args["--ci"])
    return stack_bound.analyze(args["--elf"], args["--objdump"], frames, {}, annotations)[0]


def _indirect(a, function):
    found = [f for f in a.findings if f.kind == "indirect_call" and f.function == function]
    assert len(found) == 1, found
    return found[0]


class Unconfirmed(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.a = _analyze({})

    def test_the_table_dwarf_names_narrows_the_candidates(self):
        f = _indirect(self.a, "table_dispatch")
        self.assertFalse(f.annotated)
        self.assertEqual(f.candidates, [OP_INC, OP_WIDE])
        self.assertIn("DW_AT_call_target", f.detail)

    def test_without_a_call_target_every_stored_function_is_a_candidate(self):
        f = _indirect(self.a, "table_fire")
        self.assertFalse(f.annotated)
        self.assertEqual(f.candidates, [OP_INC, OP_WIDE, ON_EVENT])

    def test_text_report_lists_them_as_candidates(self):
        text = stack_report.render(self.a, "indirect", 896, "", 0)
        self.assertIn("[UNBOUNDED] indirect_call in table_dispatch", text)
        self.assertIn("candidates (confirm in indirect_calls): %s, %s\n" % (OP_INC, OP_WIDE), text)
        self.assertIn("candidates (confirm in indirect_calls): %s, %s, %s\n" % (OP_INC, OP_WIDE, ON_EVENT), text)


class Confirmed(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.a = _analyze(CONFIRMED)

    def test_bound_uses_the_confirmed_targets(self):
        self.assertEqual(self.a.unbounded, [])
        self.assertEqual(self.a.depths["table_dispatch"], 64)
        self.assertEqual(self.a.depths["table_fire"], 16)
        self.assertEqual(self.a.depths["table_reset"], 8 + 64)

    def test_candidates_left_out_are_shown_as_only_candidates(self):
        self.assertEqual(_indirect(self.a, "table_dispatch").not_assumed, [])
        self.assertEqual(_indirect(self.a, "table_fire").not_assumed, [OP_INC, OP_WIDE])

    def test_text_json_and_html_show_assumed_and_candidate(self):
        text = stack_report.render(self.a, "indirect", 896, "", 0)
        self.assertIn("assumption: calls only: on_event_default\n"
                      "      candidates not assumed: %s, %s\n" % (OP_INC, OP_WIDE), text)
        data = json.loads(json.dumps(stack_report.to_dict(self.a)))
        fire = [f for f in data["findings"] if f["function"] == "table_fire"][0]
        self.assertEqual((fire["annotated"], fire["not_assumed"]), (True, [OP_INC, OP_WIDE]))
        page = stack_html.to_html(self.a, "indirect")
        self.assertIn('assumed: <span class="assumption">calls only: on_event_default</span>'
                      '\n<br>only candidates: <span class="candidate">%s</span>, <span class="candidate">%s</span>'
                      % (OP_INC, OP_WIDE), page)


if __name__ == "__main__":
    unittest.main()
