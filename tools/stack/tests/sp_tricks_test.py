"""Issue 13's constructions in a real image (tools/stack/fixtures/sp_tricks.c),
true bounds by hand from its disassembly at -Os:
  tricks_leaf          sub sp, #96                                   96
  tricks_naked_branch  push {r4, lr} 8 + sub sp, #88 = 96, then b tricks_leaf
                       with sp not restored: a call, 96 + 96 =       192
                       (the old tail-call reading gave 96)
  tricks_asm_sub       sub sp, #32 + inline sub.w sp, sp, #1024 =   1056
                       (.su says 32)
  tricks_reg_sp        sub sp, #32 + sub.w sp, sp, r0: unbounded -> finding
  tricks_partial_branch push {r4, lr} 8 + sub sp, #88 = frame 96, add sp, #40
                       leaves 56 at b tricks_leaf: 56 + 96 =         152
                       (charging the whole frame would give 192)
  tricks_sp_loop       push {r4, lr} 8, then sub sp, #16 on each pass of a
                       loop: no fixed bound -> finding; the walk ends and
                       keeps the first pass, 8 + 16 =                 24
  tricks_reset         push {r3, lr} 8 + max(192, 152, 24, 1056, 32) = 1064
"""

import unittest

from tools.stack import stack_bound
from tools.stack import stack_inputs
from tools.stack.tests import stack_params

PARAMS = "tools/stack/tests/sp_tricks_stack_files.params"


class SpTricks(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        args = stack_params.load(PARAMS)
        frames = stack_inputs.load_units(args["--su"], args["--ci"])
        cls.a, _ = stack_bound.analyze(args["--elf"], args["--objdump"], frames, {}, {})

    def test_naked_push_then_branch_is_a_call(self):
        self.assertEqual(self.a.depths["tricks_naked_branch"], 96 + 96)

    def test_inline_asm_sub_sp_is_counted(self):
        self.assertEqual(self.a.depths["tricks_asm_sub"], 32 + 1024)

    def _only_finding(self, function):
        found = [f for f in self.a.unbounded if f.function == function]
        self.assertEqual(len(found), 1, found)
        return found[0].detail

    def test_register_sized_sp_move_is_a_finding(self):
        self.assertIn("sub.w sp, sp, r0", self._only_finding("tricks_reg_sp"))

    def test_branch_is_charged_with_the_depth_at_the_branch(self):
        self.assertEqual(self.a.depths["tricks_partial_branch"], 56 + 96)

    def test_sp_lowering_loop_is_a_finding(self):
        self.assertIn("sp lower by 16 B on each pass of the loop back to",
                      self._only_finding("tricks_sp_loop"))
        self.assertEqual(self.a.depths["tricks_sp_loop"], 8 + 16)

    def test_thread_bound(self):
        self.assertEqual(self.a.depths["tricks_reset"], 8 + 1056)


if __name__ == "__main__":
    unittest.main()
