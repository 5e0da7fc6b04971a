"""The QEMU command line comes from the board registry and the options asked for."""

import unittest

from boards import board_registry
from tools.qemu import launcher


class Command(unittest.TestCase):
    def test_machine_from_registry_and_plain_run(self):
        argv = launcher.command("qemu", "mps2_an500", "app.elf", "uart.log")
        self.assertEqual(argv[argv.index("-M") + 1], board_registry.record("mps2_an500")["qemu_machine"])
        self.assertEqual(argv[argv.index("-serial") + 1], "file:uart.log")
        self.assertIn("enable=on,target=native", argv)
        self.assertEqual(argv[-2:], ["-kernel", "app.elf"])
        for option in ("-S", "-gdb", "-icount", "-device"):
            self.assertNotIn(option, argv)

    def test_options(self):
        argv = launcher.command("qemu", "mps2_an500", "app.elf", "uart.log", icount_shift=6,
                                gdb_port=1234, raw_loads=[("fill.bin", 0x20000000)],
                                extra_args=["-d", "int"])
        self.assertIn("-S", argv)
        self.assertEqual(argv[argv.index("-gdb") + 1], "tcp:127.0.0.1:1234")
        self.assertEqual(argv[argv.index("-icount") + 1], "shift=6,sleep=off")
        self.assertEqual(argv[argv.index("-device") + 1],
                         "loader,file=fill.bin,addr=0x20000000,force-raw=on")
        self.assertEqual(argv[-4:], ["-d", "int", "-kernel", "app.elf"])

    def test_real_board_and_unknown_board_are_refused(self):
        with self.assertRaises(ValueError):
            launcher.command("qemu", "stm32f769", "app.elf", "uart.log")
        with self.assertRaises(KeyError):
            launcher.command("qemu", "no_such_board", "app.elf", "uart.log")

    def test_ram_span_covers_the_emulated_boards_ram(self):
        # DTCM + SRAM1 + SRAM2 of mps2_an500: 0x2000_0000, 512 KiB.
        self.assertEqual(launcher.ram_span("mps2_an500"), (0x2000_0000, 0x8_0000))


if __name__ == "__main__":
    unittest.main()
