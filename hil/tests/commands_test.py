"""The command registry (hil/commands.py): one entry per protocol command,
the known-state flags and the metric names each command can be judged on."""

import unittest

from hil import commands
from hil import mailbox_protocol as P


class RegistryTest(unittest.TestCase):
    def test_every_protocol_command_has_an_entry(self):
        self.assertEqual(set(commands.REGISTRY), set(P.COMMANDS))
        for name, entry in commands.REGISTRY.items():
            self.assertEqual(entry.name, name)

    def test_flags(self):
        self.assertEqual({n for n, c in commands.REGISTRY.items() if c.cumulative}, {"stack_report"})
        self.assertEqual({n for n, c in commands.REGISTRY.items() if c.reboots}, {"fault"})

    def test_metrics(self):
        self.assertIn("echo_ok", commands.command("ping").known_metrics())
        self.assertIn("latency_mean", commands.command("adc_burst").known_metrics())
        self.assertIn("host_round_trip_s", commands.command("bench").known_metrics())
        fault = commands.command("fault").known_metrics()
        self.assertIn("rebooted", fault)
        self.assertNotIn("host_round_trip_s", fault)
        report = commands.command("stack_report")
        self.assertTrue(report.is_known_metric("stack.main.static_bound"))
        self.assertFalse(commands.command("bench").is_known_metric("stack.main.size"))

    def test_unknown_name_gets_the_defaults(self):
        self.assertEqual(commands.command("nope").known_metrics(), {"host_round_trip_s"})


if __name__ == "__main__":
    unittest.main()
