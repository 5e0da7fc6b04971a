"""Suite files and limits: the shipped suites load, mistakes are reported
with the case name, and every limit operator judges correctly."""

import os
import unittest

from hil.errors import UsageError
from hil.limits import evaluate, parse_limits
from hil.suite import load_suite, parse_suite

HERE = os.path.dirname(os.path.abspath(__file__))


def one_case(**case):
    base = {"name": "c", "command": "ping"}
    base.update(case)
    return {"cases": [base]}


class SuiteFiles(unittest.TestCase):
    def test_shipped_suites_load(self):
        default = load_suite(os.path.join(HERE, "..", "suites", "default.yaml"))
        commands = {c.command for c in default.cases}
        self.assertEqual(commands, {"ping", "adc_burst", "packet_burst", "heap_stress", "bench",
                                    "stack_report", "fault"})
        adc = next(c for c in default.cases if c.command == "adc_burst")
        self.assertEqual(adc.timeout_s, 30)
        fixture = load_suite(os.path.join(HERE, "fixture_suite.yaml"))
        self.assertEqual(fixture.ready_timeout_s, 3)

    def test_defaults(self):
        suite = parse_suite({"timeout_s": 7, "cases": [{"name": "a", "command": "stack_report"}]})
        self.assertEqual(suite.cases[0].timeout_s, 7)
        self.assertEqual(suite.cases[0].expect_status, "OK")
        self.assertEqual(suite.cases[0].limits, [])

    def test_mistakes_name_the_case(self):
        bad = [
            {"cases": []},
            one_case(command="reboot"),
            one_case(args={"a9": 1}),
            one_case(command="bench", args={"op": "memcpy"}),
            one_case(limits={"x": {"approx": 1}}),
            one_case(limits={"x": {"in": 3}}),
            one_case(expect_status="MAYBE"),
            one_case(timeout_s=0),
            one_case(colour="red"),
            one_case(timeout_s="abc"),
            one_case(args=[1, 2]),
            one_case(limits={"echo_okk": 1}),
            {"timeout_s": "abc", "cases": [{"name": "c", "command": "ping"}]},
            {"ready_timeout_s": True, "cases": [{"name": "c", "command": "ping"}]},
            {"cases": [{"name": "a", "command": "ping"}, {"name": "a", "command": "ping"}]},
        ]
        for data in bad:
            with self.subTest(data=data), self.assertRaises(UsageError):
                parse_suite(data, "s.yaml")
        with self.assertRaises(UsageError) as ctx:
            parse_suite(one_case(args={"a9": 1}), "s.yaml")
        self.assertIn("case 'c'", str(ctx.exception))
        with self.assertRaises(UsageError) as ctx:
            parse_suite(one_case(limits={"echo_okk": 1}), "s.yaml")
        self.assertIn("s.yaml: case 'c': limits: no ping case reports echo_okk", str(ctx.exception))
        with self.assertRaises(UsageError) as ctx:
            parse_suite(one_case(timeout_s="abc"), "s.yaml")
        self.assertIn("s.yaml: case 'c': timeout_s must be a positive number", str(ctx.exception))

    def test_stack_metrics_by_shape(self):
        parse_suite({"cases": [{"name": "s", "command": "stack_report",
                                "limits": {"stack.MSP.high_water": {"le": 900}, "max_use_ratio": {"lt": 1}}}]})


class Limits(unittest.TestCase):
    def test_operators(self):
        limits = parse_limits({"a": 0, "b": {"lt": 0.8}, "c": {"ge": 10, "le": 20},
                               "d": {"ne": 3}, "e": {"in": [1, 2]}, "f": {"gt": 5}})
        ok = {c.limit.describe(): c.ok for c in evaluate(limits, {"a": 0, "b": 0.5, "c": 10, "d": 4, "e": 2, "f": 6})}
        self.assertTrue(all(ok.values()), ok)
        bad = evaluate(limits, {"a": 1, "b": 0.8, "c": 21, "d": 3, "e": 3, "f": 5})
        self.assertEqual([c.ok for c in bad], [False, False, True, False, False, False, False])

    def test_missing_or_non_scalar_metric_fails(self):
        checks = evaluate(parse_limits({"nope": 0, "hist": 0}), {"hist": [0, 1]})
        self.assertEqual([c.ok for c in checks], [False, False])
        self.assertIn("got None", checks[0].describe())


if __name__ == "__main__":
    unittest.main()
