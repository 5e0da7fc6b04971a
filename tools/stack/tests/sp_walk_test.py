"""The sp walk on hand-written disassembly of the constructions of issue 13.

Each expected depth is summed by hand next to the case. The image-level
fixtures (a naked function in the fixture image) are still to come; these pin
the walk itself.
"""

import unittest

from tools.stack import elf_code
from tools.stack import sp_walk

FN = elf_code.Function(addr=0x1000, size=0x100, names=["f"], is_local=False, unit=None)


def _body(lines):
    return [elf_code.Insn(0x1000 + 4 * n, mn, ops) for n, (mn, ops) in enumerate(lines)]


class SpWalk(unittest.TestCase):
    def test_naked_push_sub_then_branch_is_not_a_tail_call(self):
        # push {r4-r11, lr} = 9 words = 36 B... here push {r4, lr} 8 B + sub 88 B = 96 B
        body = _body([("push", "{r4, lr}"), ("sub", "sp, #88"), ("b.w", "2000 <other>")])
        w = sp_walk.walk(FN, body)
        self.assertEqual(w.max_depth, 8 + 88)
        self.assertEqual(w.depth_at[0x1008], 96)   # sp not back at entry: a call, not a tail call

    def test_inline_asm_sub_sp_is_counted(self):
        # push {r7, lr} 8 + sub sp, #32 (the .su frame 40) + inline sub sp, sp, #1024 = 1064
        body = _body([("push", "{r7, lr}"), ("sub", "sp, #32"), ("sub.w", "sp, sp, #1024"),
                      ("add.w", "sp, sp, #1024"), ("add", "sp, #32"), ("pop", "{r7, pc}")])
        self.assertEqual(sp_walk.walk(FN, body).max_depth, 1064)

    def test_register_sized_sp_writes_are_unknown(self):
        for mn, ops in (("add", "sp, r3"), ("ldr", "sp, [r0]"), ("mov", "sp, r2"), ("msr", "MSP, r0")):
            body = _body([("push", "{r4, lr}"), (mn, ops), ("pop", "{r4, pc}")])
            self.assertEqual(len(sp_walk.walk(FN, body).unknown), 1, mn)

    def test_frame_pointer_idiom_at_O0(self):
        # push {r7, lr} 8, sub sp, #16 -> 24; add r7, sp, #0 (r7 = depth 24);
        # adds r7, #16; mov sp, r7 -> depth 8; pop -> 0
        body = _body([("push", "{r7, lr}"), ("sub", "sp, #16"), ("add", "r7, sp, #0"),
                      ("adds", "r7, #16"), ("mov", "sp, r7"), ("pop", "{r7, pc}")])
        w = sp_walk.walk(FN, body)
        self.assertEqual(w.max_depth, 24)
        self.assertEqual(w.unknown, [])
        self.assertEqual(w.depth_at[0x1014], 8)

    def test_join_is_max_and_post_index_writeback(self):
        # beq over a push: the join takes the deeper path (8 B); str lr, [sp, #-8]! adds 8
        body = _body([("str.w", "lr, [sp, #-8]!"), ("beq.n", "100c <f+0xc>"), ("push", "{r4, r5}"),
                      ("nop", ""), ("ldr.w", "lr, [sp], #8")])
        w = sp_walk.walk(FN, body)
        self.assertEqual(w.max_depth, 16)


if __name__ == "__main__":
    unittest.main()
