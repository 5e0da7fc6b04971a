"""The GDB remote client and the emulated board against real QEMU, with
apps/hello: start halted, registers, vector table, RAM, breakpoints, halt,
system reset, semihosting exit, UART capture, QEMU always killed."""

import os
import sys
import time
import unittest

from hil.elf_image import ElfImage
from hil.emulated_board import EmulatedBoard, PC_REGISTER
from hil.errors import BoardGone

FIRMWARE = [p for p in sys.argv[1:] if p.endswith(".elf")]
del sys.argv[1:]
SCRATCH = 0x2003_0000  # SRAM1, unused by hello


class RspAgainstQemu(unittest.TestCase):
    def setUp(self):
        self.assertEqual(len(FIRMWARE), 1, FIRMWARE)
        self.elf = ElfImage(FIRMWARE[0])
        self.board = EmulatedBoard(link_timeout_s=5.0)
        self.addCleanup(self.board.close)
        self.board.flash(self.elf.path)

    def test_starts_halted_at_reset_vector(self):
        self.assertTrue(self.board.is_halted())
        vectors = self.elf.vector_table(16)
        self.assertEqual(self.board.read_block32(0, 16), vectors)
        self.assertEqual(self.board.read_pc(), vectors[1] & ~1)
        self.assertEqual(self.elf.entry, vectors[1])
        self.assertIn("arm-m-profile.xml", self.board.rsp.target_xml())

    def test_ram_write_read_in_chunks(self):
        data = bytes((i * 7 + 3) & 0xFF for i in range(5000))  # > 2 KiB both ways
        self.board.write_memory(SCRATCH, data)
        self.assertEqual(self.board.read_memory(SCRATCH, len(data)), data)
        self.board.write_u32(SCRATCH, 0xDEADBEEF)
        self.assertEqual(self.board.read_u32(SCRATCH), 0xDEADBEEF)
        self.board.write_block32(SCRATCH + 16, [1, 2, 0xFFFFFFFF])
        self.assertEqual(self.board.read_block32(SCRATCH + 16, 3), [1, 2, 0xFFFFFFFF])

    def test_breakpoint_at_main_then_exit(self):
        main = self.elf.address_of("main")
        stop = self.board.run_to(main, timeout_s=5)
        self.assertIsNotNone(stop)
        self.assertEqual(stop.signal, 5, stop.raw)
        self.assertEqual(self.board.read_register(PC_REGISTER), main & ~1)
        # .data was copied by the reset handler before main.
        self.assertEqual(self.board.read_u32(self.elf.address_of("hello_data_dtcm")), 0x1DC3D7C1)
        self.assertEqual(self.board.wait_exit(timeout_s=5), 0)
        log = self.board.read_log()
        self.assertIn("hello from tidemark on mps2_an500\n", log)
        self.assertTrue(log.endswith("done\n"), log)
        with self.assertRaises(BoardGone):
            self.board.read_u32(SCRATCH)

    def test_halt_while_running_and_system_reset(self):
        # hello exits in microseconds; replace main's first instruction with
        # "b ." so it spins, then interrupt it with 0x03.
        main = self.elf.address_of("main") & ~1
        self.board.write_memory(main, b"\xfe\xe7")
        self.board.resume()
        time.sleep(0.05)
        self.assertFalse(self.board.is_halted())
        # Memory access while running halts and resumes transparently.
        self.board.write_u32(SCRATCH, 0x5A5A5A5A)
        self.assertEqual(self.board.read_u32(SCRATCH), 0x5A5A5A5A)
        self.assertFalse(self.board.is_halted())
        stop = self.board.rsp.interrupt()
        self.assertEqual(stop.signal, 2, stop.raw)  # SIGINT
        self.assertEqual(self.board.read_pc(), main)
        self.board.reset(halt=True)
        self.assertEqual(self.board.read_pc(), self.elf.entry & ~1)
        self.assertEqual(self.board.read_u32(SCRATCH), 0x5A5A5A5A, "reset must keep RAM")

    def test_wait_stop_times_out_without_hanging(self):
        main = self.elf.address_of("main") & ~1
        self.board.write_memory(main, b"\xfe\xe7")
        self.board.resume()
        start = time.monotonic()
        self.assertIsNone(self.board.rsp.wait_stop(0.3))
        self.assertLess(time.monotonic() - start, 2.0)

    def test_close_kills_qemu(self):
        pid = self.board.pid
        self.board.close()
        self.assertFalse(os.path.exists("/proc/%d/status" % pid) and
                         "zombie" not in open("/proc/%d/status" % pid).read(),
                         "QEMU pid %d survived close()" % pid)


if __name__ == "__main__":
    unittest.main()
