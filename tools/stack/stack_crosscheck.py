"""The cross-check of a measured stack high-water mark against the static
worst-case analysis of the same image (the <name>.stack.json report of a
stack_budget, docs/stack-analysis.md): one verdict, used by the apps' QEMU
tests (assert_within_static_bound) and by the HIL runner
(hil/static_bound.py)."""

import json


def verdict(measured, bound, stack_usable, reserved, source):
    """"" when a measured main-stack high-water mark (bytes) agrees with the
    static bound of `source` (a report path), else why not, in one sentence:
    the analysis read another usable stack than the `reserved` one the
    measurement saw (the bound is for another image; stack_usable 0 means the
    report does not say, and is not checked), or measured > bound (a path or
    an annotation of the analysis is wrong). O(1); pure."""
    if stack_usable and stack_usable != reserved:
        return ("%s has %d B usable stack but the measured image reserves %d B: "
                "the bound is for another image" % (source, stack_usable, reserved))
    if measured > bound:
        return ("measured high-water %d B exceeds the static bound %d B (%s): "
                "a path or an annotation of the analysis is wrong" % (measured, bound, source))
    return ""


def assert_within_static_bound(test, report_path, measured, painted_size, elf_suffix=None):
    """Asserts on unittest.TestCase `test` that 0 < measured, that verdict()
    agrees (measured <= static bound, and the painted region, painted_size
    bytes _stack_bottom.._stack_top above the MPU guard, is the usable
    reservation the analysis read from the ELF), and that bound <= usable.
    With elf_suffix, also that the report is of an ELF whose path ends so.
    Prints one line: "stack: static bound N B, measured M B, reserved R B"."""
    with open(report_path) as f:
        analysis = json.load(f)
    if elf_suffix is not None:
        test.assertTrue(analysis["elf"].endswith(elf_suffix), analysis["elf"])
    bound, usable = analysis["bound"], analysis["stack_usable"]
    print("stack: static bound %d B, measured %d B, reserved %d B" % (bound, measured, usable))
    test.assertGreater(measured, 0)
    test.assertGreater(usable, 0, "the report names no usable stack")
    test.assertEqual(verdict(measured, bound, usable, painted_size, report_path), "")
    test.assertLessEqual(bound, usable)
