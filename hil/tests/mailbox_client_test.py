"""The mailbox client against firmware with no agent (apps/hello, spinning
in main): waiting for the agent and waiting for an answer both end in a
CaseTimeout within their limits, with diagnostics that show nobody took the
doorbell; the request words land where the protocol says."""

import sys
import time
import unittest

from hil import mailbox_protocol as P
from hil.elf_image import ElfImage
from hil.emulated_board import EmulatedBoard
from hil.errors import CaseTimeout, ProtocolError, UsageError
from hil.mailbox_client import MailboxClient

FIRMWARE = [p for p in sys.argv[1:] if p.endswith(".elf")]
del sys.argv[1:]
FAKE_MAILBOX = 0x2003_0000  # SRAM1, unused by hello


class NoAgent(unittest.TestCase):
    def setUp(self):
        self.elf = ElfImage(FIRMWARE[0])
        self.board = EmulatedBoard()
        self.addCleanup(self.board.close)
        self.board.flash(self.elf.path)
        # hello would exit at once; make main spin ("b .") like an idle agent.
        self.board.write_memory(self.elf.address_of("main") & ~1, b"\xfe\xe7")
        self.board.write_memory(FAKE_MAILBOX, bytes(P.MAILBOX_SIZE))
        self.board.resume()
        self.client = MailboxClient(self.board, address=FAKE_MAILBOX)

    def test_hello_has_no_mailbox_symbol(self):
        with self.assertRaises(UsageError) as ctx:
            MailboxClient(self.board, self.elf)
        self.assertIn("hil_mailbox", str(ctx.exception))

    def test_agent_never_ready(self):
        start = time.monotonic()
        with self.assertRaises(CaseTimeout) as ctx:
            self.client.wait_ready(0.5)
        self.assertLess(time.monotonic() - start, 3)
        self.assertIn("magic", str(ctx.exception))

    def test_wrong_version_refused(self):
        self.board.write_block32(FAKE_MAILBOX, [P.MAILBOX_MAGIC, P.PROTOCOL_VERSION + 1])
        with self.assertRaises(ProtocolError):
            self.client.wait_ready(0.5)

    def test_command_never_answered(self):
        # Pretend an agent announced itself, then ask: nobody answers.
        self.board.write_block32(FAKE_MAILBOX, [P.MAILBOX_MAGIC, P.PROTOCOL_VERSION, 7, 0x2, 25000000])
        info = self.client.wait_ready(0.5)
        self.assertEqual((info.build_id, info.supports("ping"), info.supports("bench")), (7, True, False))
        start = time.monotonic()
        with self.assertRaises(CaseTimeout) as ctx:
            self.client.run("bench", {"op": "spsc_pop", "iterations": 5}, timeout_s=0.5)
        self.assertLess(time.monotonic() - start, 3)
        diag = ctx.exception.diagnostics
        self.assertEqual(diag["doorbell"], P.DOORBELL_RING)   # never taken
        self.assertEqual((diag["seq"], diag["ack_seq"], diag["status"]), (1, 0, P.STATUS_IDLE))
        self.assertEqual(diag["pc"], self.elf.address_of("main") & ~1)
        self.assertTrue(self.board.is_halted())
        off = P.MAILBOX_OFFSETS
        self.assertEqual(self.board.read_block32(FAKE_MAILBOX + off["command"], 3), [6, 4, 5])


if __name__ == "__main__":
    unittest.main()
