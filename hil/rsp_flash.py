"""Putting an ELF's loadable segments on a target over the GDB remote protocol.

A probe server (OpenOCD, pyOCD's gdbserver) describes its flash in the
memory map (qXfer:memory-map:read): regions of equal sectors ("blocksize").
Flash cannot be written with M packets; it is erased and programmed the way
GDB's `load` does it: vFlashErase over whole sectors covering every segment
that goes to flash (all erases first, so two segments sharing a sector do not
erase each other), vFlashWrite with binary-escaped data in packets no larger
than the server's PacketSize, then vFlashDone (the server may buffer until
then). Segments outside flash (RAM), and every segment when the server has
no memory map or no flash in it (QEMU's gdbstub: its "flash" is RAM), are
written with M packets. Segments are placed at their load address (paddr):
initialised data is copied to RAM by the firmware's startup code.
"""

import dataclasses
import xml.etree.ElementTree as ET

from hil.errors import ProtocolError, UsageError
from hil.rsp_client import escape_binary

# Erasing a 256 KiB STM32F7 sector takes up to ~2 s; a whole range more.
FLASH_PACKET_TIMEOUT_S = 60.0
# GDB's own packet size when a server does not state PacketSize.
DEFAULT_PACKET_SIZE = 400
# '$', '#' and the two checksum digits around a payload.
FRAMING = 4


@dataclasses.dataclass(frozen=True)
class FlashRegion:
    start: int
    length: int
    blocksize: int

    @property
    def end(self):
        return self.start + self.length

    def sectors_covering(self, start, end):
        """(address, size) of this region's sectors touching [start, end)."""
        lo, hi = max(start, self.start), min(end, self.end)
        if lo >= hi:
            return []
        first = self.start + (lo - self.start) // self.blocksize * self.blocksize
        return [(a, self.blocksize) for a in range(first, hi, self.blocksize)]


@dataclasses.dataclass
class LoadPlan:
    erase: list        # (address, length): whole sectors, merged where adjacent
    flash: list        # (address, data) going through vFlashWrite
    memory: list       # (address, data) written with M packets


def _number(text, what):
    try:
        return int(text.strip(), 0)
    except (AttributeError, ValueError):
        raise ProtocolError("memory map: bad %s %r" % (what, text)) from None


def parse_memory_map(xml_text):
    """The flash regions of a qXfer memory-map document (RAM and ROM
    entries do not matter for loading)."""
    if not xml_text:
        return []
    try:
        root = ET.fromstring(xml_text)
    except ET.ParseError as e:
        raise ProtocolError("memory map from the gdb server is not XML: %s" % e) from None
    regions = []
    for mem in root.iter("memory"):
        if mem.get("type") != "flash":
            continue
        sizes = [p.text for p in mem.iter("property") if p.get("name") == "blocksize"]
        if not sizes:
            raise ProtocolError("memory map: flash at %s has no blocksize" % mem.get("start"))
        region = FlashRegion(_number(mem.get("start"), "start"), _number(mem.get("length"), "length"),
                             _number(sizes[0], "blocksize"))
        if region.blocksize <= 0 or region.length <= 0:
            raise ProtocolError("memory map: empty flash region %r" % (region,))
        regions.append(region)
    return sorted(regions, key=lambda r: r.start)


def plan_load(segments, regions):
    """Which segments (elf_image.Segment) go to flash, which to memory, and
    the sectors to erase. A segment partly in flash and partly outside is
    a firmware built for another board: UsageError."""
    plan = LoadPlan([], [], [])
    sectors = set()
    for seg in segments:
        start, end = seg.paddr, seg.paddr + len(seg.data)
        touched = [r for r in regions if r.start < end and start < r.end]
        if not touched:
            plan.memory.append((start, seg.data))
            continue
        covered = sum(min(end, r.end) - max(start, r.start) for r in touched)
        if covered != end - start:
            raise UsageError("segment 0x%08x..0x%08x is only partly in the server's flash "
                             "(%s): firmware for another board?" % (
                                 start, end, ", ".join("0x%08x+0x%x" % (r.start, r.length) for r in touched)))
        plan.flash.append((start, seg.data))
        for r in touched:
            sectors.update(r.sectors_covering(start, end))
    for address, size in sorted(sectors):
        last = plan.erase[-1] if plan.erase else None
        same_region = last and any(r.start <= last[0] and address + size <= r.end for r in regions)
        if last and last[0] + last[1] == address and same_region:
            plan.erase[-1] = (last[0], last[1] + size)
        else:
            plan.erase.append((address, size))
    return plan


def write_chunks(address, data, packet_size):
    """(address, escaped bytes) pieces of `data` whose vFlashWrite packets
    fit in `packet_size` bytes on the wire."""
    chunks = []
    offset = 0
    while offset < len(data):
        at = address + offset
        room = packet_size - FRAMING - len("vFlashWrite:%x:" % at)
        if room < 2:
            raise ProtocolError("gdb server packet size %d is too small for vFlashWrite" % packet_size)
        piece = bytearray()
        while offset < len(data):
            escaped = escape_binary(data[offset:offset + 1])
            if len(piece) + len(escaped) > room:
                break
            piece += escaped
            offset += 1
        chunks.append((at, bytes(piece)))
    return chunks


def load_segments(rsp, segments, progress=None):
    """Loads `segments` through `rsp` (a connected, halted RspClient);
    returns the LoadPlan it carried out."""
    regions = parse_memory_map(rsp.memory_map())
    plan = plan_load(segments, regions)
    packet_size = rsp.packet_size or DEFAULT_PACKET_SIZE
    writes = [c for address, data in plan.flash for c in write_chunks(address, data, packet_size)]
    total = max(1, len(plan.erase) + len(writes) + len(plan.memory))
    done = 0

    def step():
        nonlocal done
        done += 1
        if progress:
            progress(done / total)

    for address, length in plan.erase:
        rsp.flash_erase(address, length, timeout_s=FLASH_PACKET_TIMEOUT_S)
        step()
    for address, escaped in writes:
        rsp.flash_write(address, escaped, timeout_s=FLASH_PACKET_TIMEOUT_S)
        step()
    if plan.flash:
        rsp.flash_done(timeout_s=FLASH_PACKET_TIMEOUT_S)
    for address, data in plan.memory:
        rsp.write_memory(address, data)
        step()
    return plan
