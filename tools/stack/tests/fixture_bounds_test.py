"""Worst-case bounds of the fixture image (tools/stack/fixtures), by hand.

The fixture is compiled for Cortex-M7 at -Os through the same aspect as real
firmware. At -Os with these function bodies GCC's frames are:
  leaf function with a local `volatile uint8_t buf[N]` (N a multiple of 8): N
  function that also calls: N + 8 (push {r4?, lr}: saved lr + one word
  keeping sp 8-byte aligned)
test_frames_are_the_hand_predicted_ones checks that first, from the real .su
files; every expected bound below is then the sum of those numbers.
"""

import os
import unittest

from tools.stack import stack_bound
from tools.stack import stack_inputs
from tools.stack.tests import stack_params

PARAMS = "tools/stack/tests/fixture_stack_files.params"

# Hand-predicted frames (see the module docstring).
FRAMES = {
    "chain_c": 32,                # leaf, buf[32]
    "chain_b": 64 + 8,            # calls chain_c, buf[64]
    "chain_a": 128 + 8,           # calls chain_b, buf[128]
    "diamond_bottom": 16,         # leaf, buf[16]
    "diamond_left": 184 + 8,      # buf[184]
    "diamond_right": 40 + 8,      # buf[40]
    "diamond_top": 8 + 8,         # buf[8]
    "leaf_after_recursion": 24,   # leaf, buf[24]
    "recurse": 48 + 8,            # buf[48]
    "vla_user": 16,               # fixed part only: .su says "dynamic"
    "fp_small": 8,                # leaf, buf[8]
    "fp_big": 96,                 # leaf, buf[96]
    "call_through": 16 + 8,       # buf[16]
    "fixture_main": 16,           # no buffer: push {r4, lr} + 8 B for the spilled selector
    "Reset_Handler": 8,           # push {r3, lr}
    "isr_low": 8,
    "isr_low_small": 8,
    "isr_high": 8,
}

PRIORITIES = {"priorities": {"isr_low": 5, "isr_low_small": 5, "isr_high": 1}}
ANNOTATED = {
    "indirect_calls": {"call_through": ["fp_small", "fp_big"]},
    "recursion": {"recurse": 4},
    "dynamic_frames": {"vla_user": 32},
}


def _load():
    return stack_params.load(PARAMS)


class FixtureBounds(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.args = _load()
        cls.frames = stack_inputs.load_units(cls.args["--su"], cls.args["--ci"])

    def analyze(self, priorities=None, annotations=None):
        a, _ = stack_bound.analyze(self.args["--elf"], self.args["--objdump"], self.frames,
                                   priorities if priorities is not None else PRIORITIES,
                                   annotations if annotations is not None else ANNOTATED)
        return a

    def test_frames_are_the_hand_predicted_ones(self):
        su = {e.name: (e.bytes, e.qualifier) for e in self.frames}
        for name, size in FRAMES.items():
            self.assertEqual(su[name][0], size, name)
        self.assertEqual(su["vla_user"][1], "dynamic")
        self.assertEqual(su["chain_a"][1], "static")

    def test_chain(self):
        # chain_a 136 + chain_b 72 + chain_c 32 = 240
        self.assertEqual(self.analyze().depths["chain_a"], 136 + 72 + 32)

    def test_diamond_takes_the_deeper_side(self):
        # diamond_top 16 + max(diamond_left 192, diamond_right 48) + diamond_bottom 16 = 224
        a = self.analyze()
        self.assertEqual(a.depths["diamond_top"], 16 + 192 + 16)
        # each side alone: left 192 + 16 = 208, right 48 + 16 = 64
        self.assertEqual(a.depths["diamond_left"], 208)
        self.assertEqual(a.depths["diamond_right"], 64)

    def test_recursion_bounded_by_annotation(self):
        # 4 activations of recurse (56 B each) + leaf_after_recursion 24 = 248
        a = self.analyze()
        self.assertEqual(a.depths["recurse"], 4 * 56 + 24)
        f = [f for f in a.findings if f.kind == "recursion"]
        self.assertEqual(len(f), 1)
        self.assertTrue(f[0].annotated)
        self.assertEqual(f[0].function, "recurse")

    def test_recursion_without_annotation_is_unbounded(self):
        a = self.analyze(annotations={k: v for k, v in ANNOTATED.items() if k != "recursion"})
        unbounded = [f for f in a.unbounded if f.kind == "recursion"]
        self.assertEqual([f.function for f in unbounded], ["recurse"])
        self.assertEqual(unbounded[0].reached_from, ["Reset_Handler", "fixture_main", "recurse"])

    def test_vla(self):
        # fixed 16 + annotated dynamic 32 = 48, then chain_c 32 = 80
        a = self.analyze()
        self.assertEqual(a.depths["vla_user"], 16 + 32 + 32)
        b = self.analyze(annotations={k: v for k, v in ANNOTATED.items() if k != "dynamic_frames"})
        self.assertEqual([f.function for f in b.unbounded if f.kind == "dynamic_frame"], ["vla_user"])

    def test_function_pointer_with_annotation(self):
        # call_through 24 + max(fp_small 8, fp_big 96) = 120
        a = self.analyze()
        self.assertEqual(a.depths["call_through"], 24 + 96)
        f = [f for f in a.findings if f.kind == "indirect_call"]
        self.assertEqual([x.function for x in f], ["call_through"])
        self.assertTrue(f[0].annotated)
        self.assertIn("dynamic_and_indirect.c:32", f[0].location)   # from the .ci file

    def test_function_pointer_without_annotation(self):
        a = self.analyze(annotations={k: v for k, v in ANNOTATED.items() if k != "indirect_calls"})
        # only its own frame is known: 24
        self.assertEqual(a.depths["call_through"], 24)
        self.assertEqual([f.function for f in a.unbounded], ["call_through"])

    def test_annotation_naming_an_unknown_function_is_an_error(self):
        with self.assertRaises(ValueError):
            self.analyze(annotations=dict(ANNOTATED, indirect_calls={"call_through": ["no_such_function"]}))

    def test_two_priority_levels_with_fp_frames(self):
        # thread: Reset_Handler 8 + fixture_main 16 + max(chain 240, diamond 224,
        #   recursion 248, vla 80, call_through 120) = 8 + 16 + 248 = 272
        # priority 1: isr_high 8 + diamond_right 48 + diamond_bottom 16 = 72
        # priority 5: max(isr_low 8 + chain_b 72 + chain_c 32 = 112,
        #                 isr_low_small 8 + diamond_bottom 16 = 24) = 112
        # one exception frame per level: 104 B (FP context) + 4 B alignment = 108
        # bound = 272 + (72 + 108) + (112 + 108) = 672
        a = self.analyze()
        self.assertEqual(a.thread.depth, 272)
        self.assertEqual([(lv.priority, lv.root.function, lv.root.depth) for lv in a.levels],
                         [(1, "isr_high", 72), (5, "isr_low", 112)])
        self.assertEqual(a.exception_frame, 108)
        self.assertEqual(a.bound, 672)
        self.assertEqual([s.function for s in a.thread.path],
                         ["Reset_Handler", "fixture_main", "recurse", "leaf_after_recursion"])
        self.assertEqual(a.unbounded, [])

    def test_without_fp_context(self):
        # frames 32 + 4 = 36: 272 + (72 + 36) + (112 + 36) = 528
        a = self.analyze(priorities=dict(PRIORITIES, fp_context=False))
        self.assertEqual(a.bound, 528)

    def test_one_level_when_handlers_share_a_priority(self):
        # all three at priority 5: 272 + (max(112, 72, 24) + 108) = 492
        a = self.analyze(priorities={"priorities": {"isr_low": 5, "isr_low_small": 5, "isr_high": 5}})
        self.assertEqual(a.bound, 272 + 112 + 108)

    def test_handler_without_priority_is_a_finding(self):
        a = self.analyze(priorities={"priorities": {"isr_low": 5, "isr_low_small": 5}})
        self.assertEqual([(f.kind, f.function) for f in a.unbounded], [("no_priority", "isr_high")])

    def test_disabled_handler_is_excluded_and_stated(self):
        # isr_high disabled: 272 + (112 + 108) = 492
        a = self.analyze(priorities={"priorities": {"isr_low": 5, "isr_low_small": 5, "isr_high": "disabled"}})
        self.assertEqual(a.bound, 272 + 112 + 108)
        self.assertTrue(any("isr_high" in s for s in a.assumptions))

    def test_priority_must_be_a_number_or_disabled(self):
        with self.assertRaises(ValueError):
            self.analyze(priorities={"priorities": {"isr_low": "high", "isr_low_small": 5, "isr_high": 1}})


if __name__ == "__main__":
    unittest.main()
