"""Flashing and resetting over the GDB remote protocol against a scripted
peer: a loopback TCP server that expects an exact packet sequence, checks
every checksum, acknowledges, answers, and fails the test on anything else.
Covers a server with a flash memory map (vFlashErase over whole sectors,
vFlashWrite within PacketSize with binary escapes, vFlashDone, M for RAM,
qRcmd reset), a server without memory map or qRcmd (M writes, SP/PC from the
vector table), and a qRcmd that answers an error."""

import socket
import threading
import unittest

from hil.elf_image import Segment
from hil.errors import ProtocolError, UsageError
from hil.gdb_remote_board import GdbRemoteBoard
from hil.rsp_flash import FlashRegion, parse_memory_map, plan_load

QSUPPORTED = b"qSupported:multiprocess+;xmlRegisters=arm"
TARGET_XML = b"qXfer:features:read:target.xml:0,7ff"
MEMORY_MAP = b"qXfer:memory-map:read::0,7ff"
RESET_HALT = b"qRcmd," + b"reset halt".hex().encode()

MAP_XML = b"""<?xml version="1.0"?>
<!DOCTYPE memory-map PUBLIC "+//IDN gnu.org//DTD GDB Memory Map V1.0//EN" "http://sourceware.org/gdb/gdb-memory-map.dtd">
<memory-map>
<memory type="flash" start="0x08000000" length="0x10000"><property name="blocksize">0x4000</property></memory>
<memory type="flash" start="0x08010000" length="0x20000"><property name="blocksize">0x20000</property></memory>
<memory type="ram" start="0x20000000" length="0x80000"/>
</memory-map>"""

# 384 bytes across the boundary of the first two 16 KiB sectors; its first
# 256 bytes hold every byte value, so '#', '$', '*' and '}' need escapes.
FLASH_DATA = bytes(range(256)) + bytes(range(128))
FLASH_AT = 0x08003F00
RAM_DATA = bytes(range(0xA0, 0xB0))
RAM_AT = 0x20000000
SEGMENTS = [Segment(FLASH_AT, FLASH_AT, FLASH_DATA, len(FLASH_DATA)),
            Segment(RAM_AT, RAM_AT, RAM_DATA, len(RAM_DATA))]
INITIAL_SP, RESET_HANDLER = 0x20080000, 0x080001C1


def escaped(data):
    """The protocol's binary escapes, spelt out: } # $ * become } and the
    byte XOR 0x20."""
    return (data.replace(b"}", b"}]").replace(b"#", b"}\x03")
            .replace(b"$", b"}\x04").replace(b"*", b"}\x0a"))


class ElfLike:
    """What the board needs of an ELF image."""
    path = "scripted.elf"
    segments = SEGMENTS

    @staticmethod
    def vector_table(count):
        return [INITIAL_SP, RESET_HANDLER][:count]


class ScriptedPeer(threading.Thread):
    """Serves one connection: for each (expected packet, replies) step it
    requires exactly that packet, then sends the replies, each to be acked."""

    def __init__(self, script):
        super().__init__(daemon=True)
        self.script = list(script)
        self.errors = []
        self.done = 0
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(1)
        self.port = self.listener.getsockname()[1]
        self.buf = b""

    def _byte(self):
        while not self.buf:
            data = self.conn.recv(65536)
            if not data:
                raise EOFError
            self.buf += data
        b, self.buf = self.buf[:1], self.buf[1:]
        return b

    def _packet(self):
        while True:
            b = self._byte()
            if b == b"+":
                continue
            if b != b"$":
                raise AssertionError("unexpected byte %r outside a packet" % b)
            body = b""
            while True:
                c = self._byte()
                if c == b"#":
                    break
                body += c
            sent = int(self._byte() + self._byte(), 16)
            if sent != sum(body) & 0xFF:
                raise AssertionError("bad checksum %02x on %r" % (sent, body[:60]))
            self.conn.sendall(b"+")
            return body

    def _reply(self, payload):
        self.conn.sendall(b"$" + payload + b"#%02x" % (sum(payload) & 0xFF))
        ack = self._byte()
        if ack != b"+":
            raise AssertionError("reply %r not acked: %r" % (payload[:40], ack))

    def run(self):
        self.conn, _ = self.listener.accept()
        try:
            for expected, replies in self.script:
                got = self._packet()
                if got != expected:
                    raise AssertionError("packet %d: got %r, expected %r" % (self.done, got[:120], expected[:120]))
                for reply in replies:
                    self._reply(reply)
                self.done += 1
            extra = self._packet()
            raise AssertionError("packet after the script: %r" % extra[:120])
        except EOFError:
            pass
        except (AssertionError, OSError, ValueError) as e:
            self.errors.append(str(e))
        finally:
            self.conn.close()
            self.listener.close()


def start(test, script):
    peer = ScriptedPeer(script)
    peer.start()
    board = GdbRemoteBoard("scripted", "127.0.0.1", peer.port, "stm32f769", link_timeout_s=5.0)
    test.addCleanup(board.close)
    return peer, board


def finish(test, peer, board):
    board.close()
    peer.join(5)
    test.assertFalse(peer.is_alive())
    test.assertEqual(peer.errors, [])
    test.assertEqual(peer.done, len(peer.script), "script not finished")


HANDSHAKE = [
    (QSUPPORTED, [b"PacketSize=100;qXfer:memory-map:read+;qXfer:features:read+"]),
    (b"?", [b"T05thread:01;"]),
    (TARGET_XML, [b"l<target><architecture>arm</architecture></target>"]),
]


class FlashServer(unittest.TestCase):
    def test_erase_write_done_ram_reset(self):
        said = b"O" + b"reset done\n".hex().encode()
        peer, board = start(self, HANDSHAKE + [
            (RESET_HALT, [said, b"OK"]),                       # stop the old firmware
            (MEMORY_MAP, [b"l" + MAP_XML]),
            (b"vFlashErase:8000000,8000", [b"OK"]),            # sectors 0 and 1, once
            # PacketSize 0x100: 256 - 4 framing - 20 header = 232 escaped
            # bytes; the first 228 data bytes hold 4 escapes.
            (b"vFlashWrite:8003f00:" + escaped(FLASH_DATA[:228]), [b"OK"]),
            (b"vFlashWrite:8003fe4:" + escaped(FLASH_DATA[228:]), [b"OK"]),
            (b"vFlashDone", [b"OK"]),
            (b"M20000000,10:" + RAM_DATA.hex().encode(), [b"OK"]),
            (RESET_HALT, [said, b"OK"]),
            (b"pf", [b"c0010008"]),                            # PC at the reset handler
        ])
        self.assertEqual(len(escaped(FLASH_DATA[:228])), 232)
        fractions = []
        board.load_image(ElfLike, progress=fractions.append)
        self.assertEqual(board.reset_method, "monitor reset halt")
        self.assertEqual(fractions[-1], 1.0)
        finish(self, peer, board)

    def test_core_elsewhere_after_reset_is_an_error(self):
        peer, board = start(self, HANDSHAKE + [
            (RESET_HALT, [b"OK"]),
            (MEMORY_MAP, [b"l" + MAP_XML]),
            (b"vFlashErase:8000000,8000", [b"OK"]),
            (b"vFlashWrite:8003f00:" + escaped(FLASH_DATA[:228]), [b"OK"]),
            (b"vFlashWrite:8003fe4:" + escaped(FLASH_DATA[228:]), [b"OK"]),
            (b"vFlashDone", [b"OK"]),
            (b"M20000000,10:" + RAM_DATA.hex().encode(), [b"OK"]),
            (RESET_HALT, [b"OK"]),
            (b"pf", [b"00100000"]),
        ])
        with self.assertRaises(ProtocolError) as ctx:
            board.load_image(ElfLike)
        self.assertIn("not at the reset handler 0x080001c0", str(ctx.exception))
        finish(self, peer, board)

    def test_qrcmd_error_is_reported_with_the_servers_words(self):
        peer, board = start(self, HANDSHAKE + [
            (RESET_HALT, [b"O" + b"Target not examined yet\n".hex().encode(), b"E01"]),
        ])
        with self.assertRaises(ProtocolError) as ctx:
            board.load_image(ElfLike)
        self.assertIn("'E01'", str(ctx.exception))
        self.assertIn("Target not examined yet", str(ctx.exception))
        finish(self, peer, board)


class ServerWithoutMemoryMap(unittest.TestCase):
    def test_memory_writes_and_vector_table_restart(self):
        flash_m = b"M8003f00,180:" + FLASH_DATA.hex().encode()
        ram_m = b"M20000000,10:" + RAM_DATA.hex().encode()
        peer, board = start(self, [
            (QSUPPORTED, [b"PacketSize=1000"]),
            (b"?", [b"S05"]),
            (TARGET_XML, [b"l<target/>"]),
            (RESET_HALT, [b""]),                 # no qRcmd
            (MEMORY_MAP, [b""]),                 # no memory map: all with M
            (flash_m, [b"OK"]),
            (ram_m, [b"OK"]),
            (RESET_HALT, [b""]),                 # reset: load again, SP and PC
            (MEMORY_MAP, [b""]),
            (flash_m, [b"OK"]),
            (ram_m, [b"OK"]),
            (b"Pd=00000820", [b"OK"]),
            (b"Pf=c0010008", [b"OK"]),
        ])
        board.load_image(ElfLike)
        self.assertIn("no qRcmd", board.reset_method)
        finish(self, peer, board)


class Planning(unittest.TestCase):
    def test_memory_map_regions(self):
        self.assertEqual(parse_memory_map(MAP_XML.decode()), [
            FlashRegion(0x08000000, 0x10000, 0x4000), FlashRegion(0x08010000, 0x20000, 0x20000)])
        self.assertEqual(parse_memory_map(None), [])
        with self.assertRaises(ProtocolError):
            parse_memory_map("<memory-map><memory type='flash' start='0' length='16'/></memory-map>")

    def test_segments_sharing_a_sector_erase_it_once_and_regions_stay_apart(self):
        regions = parse_memory_map(MAP_XML.decode())
        plan = plan_load([Segment(0x08000010, 0, b"a" * 16, 16), Segment(0x08000100, 0, b"b" * 16, 16),
                          Segment(0x0800FFF0, 0, b"c" * 32, 32)], regions)
        self.assertEqual(plan.erase, [(0x08000000, 0x4000), (0x0800C000, 0x4000), (0x08010000, 0x20000)])
        self.assertEqual(plan.memory, [])

    def test_segment_half_in_flash_is_refused(self):
        regions = [FlashRegion(0x08000000, 0x1000, 0x400)]
        with self.assertRaises(UsageError):
            plan_load([Segment(0x08000F00, 0, b"x" * 0x200, 0x200)], regions)


if __name__ == "__main__":
    unittest.main()
