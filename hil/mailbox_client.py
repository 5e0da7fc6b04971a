"""Command and response through the HIL mailbox (docs/hil-protocol.md).

Finds `hil_mailbox` through the firmware's ELF symbol, waits for the agent to publish its magic, then for each command
writes command + args, then seq, then rings the doorbell, and polls ack_seq.
A command that is not answered in time raises CaseTimeout carrying what could
still be read (status, heartbeat, doorbell, PC) after halting the core.
"""

import dataclasses
import time

from hil import mailbox_protocol as P
from hil.errors import CaseTimeout, InfrastructureError, ProtocolError, UsageError

OFF = P.MAILBOX_OFFSETS


@dataclasses.dataclass
class AgentInfo:
    version: int
    build_id: int
    capabilities: int
    timestamp_hz: int
    boot_count: int

    def supports(self, command):
        return bool(self.capabilities & (1 << P.command_id(command)))


@dataclasses.dataclass
class Response:
    command: str
    seq: int
    status: int
    layout: int
    words: list
    results: dict
    elapsed_s: float

    @property
    def status_name(self):
        return P.STATUS.get(self.status, "STATUS_%d" % self.status)


class MailboxClient:
    def __init__(self, board, elf=None, address=None, poll_interval_s=0.002):
        """`elf` is an elf_image.ElfImage; `address` overrides the symbol."""
        self.board = board
        if address is None:
            if elf is None:
                raise UsageError("mailbox client needs the firmware ELF or an address")
            sym = elf.symbol(P.MAILBOX_SYMBOL)
            if sym is None:
                raise UsageError("firmware %s has no %s symbol: not a HIL agent build"
                                 % (elf.path, P.MAILBOX_SYMBOL))
            if sym.size and sym.size != P.MAILBOX_SIZE:
                raise UsageError("%s is %d bytes in %s, protocol v%d expects %d"
                                 % (P.MAILBOX_SYMBOL, sym.size, elf.path, P.PROTOCOL_VERSION, P.MAILBOX_SIZE))
            address = sym.address
        self.address = address
        self.poll_interval_s = poll_interval_s
        self.info = None

    def _word(self, field):
        return self.board.read_u32(self.address + OFF[field])

    def header(self):
        """The mailbox's scalar words (everything but args and results)."""
        words = self.board.read_block32(self.address, OFF["results"] // 4)
        out = {}
        for f in P.MAILBOX_FIELDS[:-2]:
            if isinstance(f, str):
                out[f] = words[OFF[f] // 4]
        return out

    # ---- handshake -----------------------------------------------------------
    def invalidate(self):
        """Clears magic. Call with the core halted at its reset vector: a
        reset keeps RAM, so without this the previous boot's magic would look
        ready before the new boot's startup code zeroes the mailbox."""
        self.board.write_u32(self.address + OFF["magic"], 0)
        self.info = None

    def wait_ready(self, timeout_s):
        """Waits for the agent's magic; returns AgentInfo. CaseTimeout when
        it never appears, ProtocolError for another protocol version."""
        deadline = time.monotonic() + timeout_s
        while True:
            head = self.header()
            if head["magic"] == P.MAILBOX_MAGIC:
                break
            if time.monotonic() >= deadline:
                raise CaseTimeout("agent did not publish its mailbox magic within %.1fs "
                                  "(magic word 0x%08x at 0x%08x)" % (timeout_s, head["magic"], self.address))
            time.sleep(self.poll_interval_s)
        if head["version"] != P.PROTOCOL_VERSION:
            raise ProtocolError("agent speaks HIL protocol v%d, this host v%d"
                                % (head["version"], P.PROTOCOL_VERSION))
        self.info = AgentInfo(head["version"], head["build_id"], head["capabilities"],
                              head["timestamp_hz"], head["boot_count"])
        return self.info

    # ---- commands ------------------------------------------------------------
    def _ring(self, command, args):
        words = P.encode_args(command, args)
        seq = (max(self._word("seq"), self._word("ack_seq")) + 1) & 0xFFFFFFFF or 1
        base = self.address
        self.board.write_block32(base + OFF["command"], [P.command_id(command)] + words)
        self.board.write_u32(base + OFF["seq"], seq)
        self.board.write_u32(base + OFF["doorbell"], P.DOORBELL_RING)
        return seq

    def _diagnose(self):
        """After a timeout: halt and read what can be read."""
        diag = {}
        try:
            self.board.halt()
            diag.update(self.header())
            diag["pc"] = self.board.read_pc()
        except InfrastructureError as e:
            diag["error"] = str(e)
        return diag

    def run(self, command, args=None, timeout_s=10.0):
        """Runs one command; returns a Response (check .status). Raises
        CaseTimeout (with .diagnostics) when ack_seq does not arrive."""
        start = time.monotonic()
        seq = self._ring(command, args)
        deadline = start + timeout_s
        while self._word("ack_seq") != seq:
            if time.monotonic() >= deadline:
                err = CaseTimeout("no answer to %s (seq %d) within %.1fs" % (command, seq, timeout_s))
                err.diagnostics = self._diagnose()
                raise err
            time.sleep(self.poll_interval_s)
        elapsed = time.monotonic() - start
        head = self.header()
        nwords = min(head["result_words"], P.RESULT_WORDS)
        words = self.board.read_block32(self.address + OFF["results"], P.RESULT_WORDS)
        results = {}
        if head["status"] == P.STATUS_OK:
            if head["result_layout"] not in P.LAYOUTS:
                raise ProtocolError("agent answered %s with unknown result layout %d"
                                    % (command, head["result_layout"]))
            results = P.decode_results(head["result_layout"], words[:nwords])
        return Response(command, seq, head["status"], head["result_layout"], words[:nwords],
                        results, elapsed)

    def last_fault(self):
        """mailbox.last_fault decoded: what the previous run died of."""
        return P.decode_fault(self.board.read_block32(self.address + OFF["last_fault"], P.FAULT_SIZE // 4))

    def run_fault(self, kind, timeout_s=10.0):
        """Triggers HIL_CMD_FAULT(kind) and waits for the agent to come back
        after the BSP's fault handler reset the board. Returns (fault, response):
        the decoded last_fault after the reboot (None if the agent answered
        instead, e.g. NO_FAULT) and the Response when it answered (else None)."""
        # The agent writes magic at every boot and never reads it, so
        # clearing it tells the rebooted agent from the one before the fault.
        self.board.write_u32(self.address + OFF["magic"], 0)
        start = time.monotonic()
        seq = self._ring("fault", {"kind": kind})
        deadline = start + timeout_s
        while True:
            head = self.header()
            if head["magic"] == P.MAILBOX_MAGIC:
                fault = self.last_fault()
                self.wait_ready(timeout_s=1.0)
                return fault, None
            if head["ack_seq"] == seq:
                # Answered without rebooting (e.g. NO_FAULT): restore magic.
                self.board.write_u32(self.address + OFF["magic"], P.MAILBOX_MAGIC)
                return None, Response("fault", seq, head["status"], head["result_layout"], [], {},
                                      time.monotonic() - start)
            if time.monotonic() >= deadline:
                err = CaseTimeout("agent did not come back within %.1fs after fault(%s)" % (timeout_s, kind))
                err.diagnostics = self._diagnose()
                raise err
            time.sleep(self.poll_interval_s)
