"""Checks a painted stack high-water mark measured on QEMU against the static
worst-case analysis of the same image (the <name>.stack.json report of a
stack_budget, docs/stack-analysis.md). Used by the apps' *_qemu_test.py."""

import json


def assert_within_static_bound(test, report_path, measured, painted_size, elf_suffix=None):
    """Asserts on unittest.TestCase `test` that 0 < measured <= static bound
    <= usable stack, and that the painted region (painted_size bytes,
    _stack_bottom.._stack_top above the MPU guard) is the usable reservation
    the analysis read from the ELF. With elf_suffix, also that the report is
    of an ELF whose path ends so. Prints one line:
    "stack: static bound N B, measured M B, reserved R B"."""
    with open(report_path) as f:
        analysis = json.load(f)
    if elf_suffix is not None:
        test.assertTrue(analysis["elf"].endswith(elf_suffix), analysis["elf"])
    bound, usable = analysis["bound"], analysis["stack_usable"]
    print("stack: static bound %d B, measured %d B, reserved %d B" % (bound, measured, usable))
    test.assertGreater(measured, 0)
    test.assertLessEqual(measured, bound, "painted high-water above the static bound")
    test.assertLessEqual(bound, usable)
    test.assertEqual(usable, painted_size)
