"""QEMU's own error message is kept whole in the infrastructure error (it
used to be cut to its last 500 characters, which lost the cause)."""

import sys
import time
import unittest

from hil.emulated_board import EmulatedBoard
from hil.errors import BoardGone, ProtocolError
from hil.qemu_process import QemuProcess

AGENT = next(p for p in sys.argv[1:] if p.endswith(".elf"))
del sys.argv[1:]


class QemuErrorKeptWhole(unittest.TestCase):
    def test_long_fatal_error_is_not_cut(self):
        bad_device = "no-such-device-" + "x" * 700
        board = EmulatedBoard()
        board.qemu = QemuProcess(AGENT, extra_args=["-device", bad_device])
        self.addCleanup(board.close)
        deadline = time.monotonic() + 10
        while board.qemu.alive() and time.monotonic() < deadline:
            time.sleep(0.02)
        error = board._explain(ProtocolError("link closed"))
        self.assertIsInstance(error, BoardGone)
        said = board.qemu.diagnostics()
        self.assertGreater(len(said), 1000)        # QEMU names the device twice
        self.assertIn("QEMU said: " + said, str(error))
        self.assertIn("qemu-system-arm: -device %s" % bad_device, str(error))


if __name__ == "__main__":
    unittest.main()
