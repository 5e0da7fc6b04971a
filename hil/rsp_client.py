"""A small GDB remote serial protocol client, written for QEMU 7.2's gdbstub.

It speaks only what the rig needs: memory (m/M), registers (p/P, after
reading target.xml), breakpoints (Z0/z0), continue/step, halt, monitor
commands (qRcmd), the memory map (qXfer:memory-map:read) and flash
programming (vFlashErase/vFlashWrite/vFlashDone, as OpenOCD and pyOCD's
gdbserver serve them). It was written for QEMU 7.2's gdbstub, whose
specifics it honours (docs: shared notes on the emulated board):

- ack mode only: QEMU answers QStartNoAckMode with an empty packet, so every
  packet is acknowledged with '+' both ways;
- halt is a raw 0x03 byte, answered with a stop reply only while running;
- reads are chunked at <= 0x800 bytes (larger gives E22), writes at <= 1 KiB
  (a larger M packet is never answered);
- registers answer empty until qXfer:features:read:target.xml was read;
- stop replies come in the multiprocess form "T05thread:p01.01;";
- while the core runs, any byte other than 0x03 stops the VM in QEMU, so
  memory access while running is the caller's business (halt first).

Every wait has a timeout; a timeout, a malformed reply or a closed socket
raises an InfrastructureError subclass, never hangs.
"""

import socket
import time

from hil.errors import BoardGone, LinkTimeout, ProtocolError

READ_CHUNK = 0x800
WRITE_CHUNK = 0x400
INTERRUPT = b"\x03"


class PacketUnsupported(ProtocolError):
    """The server answered a packet with the empty reply: it does not know it."""


class StopReply:
    """A parsed stop reply: kind 'T'/'S' (stopped, `signal`), 'W' (exited,
    `code`) or 'X' (killed by `signal`)."""

    def __init__(self, packet):
        self.raw = packet
        if not packet or packet[0] not in "TSWX":
            raise ProtocolError("not a stop reply: %r" % packet)
        self.kind = packet[0]
        try:
            number = int(packet[1:3], 16)
        except ValueError:
            raise ProtocolError("malformed stop reply: %r" % packet) from None
        self.signal = number if self.kind in "TSX" else None
        self.code = number if self.kind == "W" else None

    @property
    def exited(self):
        return self.kind in "WX"

    def __repr__(self):
        return "StopReply(%r)" % self.raw


def checksum(payload):
    return sum(payload) & 0xFF


def frame(payload):
    """`payload` (bytes) as a '$...#cs' packet."""
    return b"$" + payload + b"#%02x" % checksum(payload)


def escape_binary(data):
    """`data` with the protocol's binary escapes ('}' then the byte XOR 0x20
    for '$', '#', '}' and '*'), as in X and vFlashWrite packets."""
    out = bytearray()
    for b in data:
        if b in b"$#}*":
            out += bytes((0x7D, b ^ 0x20))
        else:
            out.append(b)
    return bytes(out)


def decode_rle(payload):
    """Expands GDB run-length encoding ('c*N' repeats c N-29 more times)."""
    if b"*" not in payload:
        return payload
    out = bytearray()
    i = 0
    while i < len(payload):
        if payload[i:i + 1] == b"*" and out:
            out += out[-1:] * (payload[i + 1] - 29)
            i += 2
        else:
            out.append(payload[i])
            i += 1
    return bytes(out)


def parse_features(reply):
    """A qSupported answer as {name: value}: 'PacketSize=3fff' gives
    {'PacketSize': '3fff'}, 'qXfer:memory-map:read+' gives {...: True}."""
    features = {}
    for item in reply.split(";"):
        if "=" in item:
            name, value = item.split("=", 1)
            features[name] = value
        elif item.endswith("+") or item.endswith("-"):
            features[item[:-1]] = item.endswith("+")
        elif item:
            features[item] = True
    return features


class RspClient:
    """One GDB remote connection. Not thread-safe."""

    def __init__(self, sock, timeout_s=5.0):
        self._sock = sock
        self._sock.settimeout(timeout_s)
        self.timeout_s = timeout_s
        self._buf = bytearray()
        self.running = False
        self.exited = None          # StopReply once the target has exited
        self._target_xml = None
        self.features = {}          # the server's qSupported answer

    # ---- connection ------------------------------------------------------
    @classmethod
    def connect(cls, host, port, timeout_s=5.0, alive=None):
        """Connects, retrying until `timeout_s`; `alive()` (optional) says
        whether the server process still exists, to fail fast if it died."""
        deadline = time.monotonic() + timeout_s
        last = None
        while time.monotonic() < deadline:
            if alive is not None and not alive():
                raise BoardGone("gdb server on port %d exited before accepting" % port)
            try:
                sock = socket.create_connection((host, port), timeout=1.0)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                return cls(sock, timeout_s)
            except OSError as e:
                last = e
                time.sleep(0.02)
        raise LinkTimeout("no gdb server on %s:%d after %.1fs (%s)" % (host, port, timeout_s, last))

    def close(self):
        try:
            self._sock.close()
        except OSError:
            pass

    # ---- framing ---------------------------------------------------------
    def _recv_some(self, deadline):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise LinkTimeout("gdb server did not answer within %.1fs" % self.timeout_s)
        self._sock.settimeout(remaining)
        try:
            data = self._sock.recv(4096)
        except socket.timeout:
            raise LinkTimeout("gdb server did not answer in time") from None
        except OSError as e:
            raise BoardGone("gdb connection lost: %s" % e) from None
        if not data:
            raise BoardGone("gdb server closed the connection")
        self._buf += data

    def _send_raw(self, data):
        try:
            self._sock.sendall(data)
        except OSError as e:
            raise BoardGone("gdb connection lost: %s" % e) from None

    def _read_packet(self, deadline):
        """Next '$...#cs' packet's payload (acknowledged), skipping stray acks."""
        while True:
            start = self._buf.find(b"$")
            if start < 0:
                self._buf.clear()
                self._recv_some(deadline)
                continue
            end = self._buf.find(b"#", start)
            if end < 0 or len(self._buf) < end + 3:
                self._recv_some(deadline)
                continue
            payload = bytes(self._buf[start + 1:end])
            try:
                sent_sum = int(self._buf[end + 1:end + 3], 16)
            except ValueError:
                sent_sum = -1
            del self._buf[:end + 3]
            if sent_sum != checksum(payload):
                self._send_raw(b"-")
                continue
            self._send_raw(b"+")
            return decode_rle(payload).decode("latin-1")

    def _wait_ack(self, deadline):
        """True for '+', False for '-' (resend); skips line noise."""
        while True:
            if not self._buf:
                self._recv_some(deadline)
                continue
            c = self._buf[0]
            del self._buf[:1]
            if c == ord("+"):
                return True
            if c == ord("-"):
                return False
            if c == ord("$"):
                raise ProtocolError("expected an ack, got a packet: %r" % bytes(self._buf[:40]))

    def _send_packet(self, payload, timeout_s=None):
        deadline = time.monotonic() + (timeout_s or self.timeout_s)
        data = frame(payload.encode("latin-1"))
        for _ in range(3):
            self._send_raw(data)
            if self._wait_ack(deadline):
                return deadline
        raise ProtocolError("gdb server rejected packet %r three times" % payload[:40])

    def command(self, payload, timeout_s=None):
        """Sends one packet and returns the reply's payload."""
        if self.exited is not None:
            raise BoardGone("target has exited (%s)" % self.exited.raw)
        if self.running:
            raise ProtocolError("command %r while the target runs" % payload[:20])
        deadline = self._send_packet(payload, timeout_s)
        return self._read_packet(deadline)

    @staticmethod
    def _check_ok(reply, what):
        if reply != "OK":
            raise ProtocolError("%s failed: %r" % (what, reply))

    # ---- queries ---------------------------------------------------------
    def handshake(self):
        """qSupported, then the stop reason. Returns the initial StopReply."""
        reply = self.command("qSupported:multiprocess+;xmlRegisters=arm")
        self.features = parse_features(reply)
        return StopReply(self.command("?"))

    @property
    def packet_size(self):
        """The largest packet the server accepts (qSupported PacketSize), or
        None when it did not say."""
        value = self.features.get("PacketSize")
        try:
            return int(value, 16) if isinstance(value, str) else None
        except ValueError:
            return None

    def _qxfer(self, obj, annex):
        """The whole object `obj`/`annex` read with qXfer in pieces, or None
        when the server does not serve it (empty reply)."""
        parts = []
        offset = 0
        while True:
            reply = self.command("qXfer:%s:read:%s:%x,%x" % (obj, annex, offset, 0x7FF))
            if reply == "" and offset == 0:
                return None
            if not reply or reply[0] not in "lm":
                raise ProtocolError("qXfer %s %s failed: %r" % (obj, annex, reply))
            parts.append(reply[1:])
            offset += len(reply) - 1
            if reply[0] == "l":
                return "".join(parts)

    def target_xml(self):
        """Reads target.xml (which also enables register packets in QEMU)."""
        if self._target_xml is None:
            xml = self._qxfer("features", "target.xml")
            if xml is None:
                raise ProtocolError("qXfer target.xml failed: empty reply")
            self._target_xml = xml
        return self._target_xml

    def memory_map(self):
        """The server's memory map XML, or None when it has none (QEMU)."""
        return self._qxfer("memory-map", "")

    def monitor(self, text, timeout_s=None):
        """A monitor command (qRcmd); returns its console output (the 'O'
        packets before the final OK). PacketUnsupported when the server does
        not know qRcmd, ProtocolError (with the output) on an error reply."""
        deadline = self._send_packet("qRcmd," + text.encode().hex(), timeout_s)
        output = []
        while True:
            reply = self._read_packet(deadline)
            if reply.startswith("O") and reply != "OK":
                output.append(bytes.fromhex(reply[1:]).decode("utf-8", "replace"))
                continue
            if reply == "OK":
                return "".join(output)
            said = "".join(output).strip()
            if reply == "":
                raise PacketUnsupported("the gdb server does not support monitor commands "
                                        "(qRcmd %r answered empty)" % text)
            raise ProtocolError("monitor %r failed: %r%s" % (
                text, reply, ("; the server said: " + said) if said else ""))

    # ---- flash -----------------------------------------------------------
    def flash_erase(self, address, length, timeout_s=None):
        self._check_ok(self.command("vFlashErase:%x,%x" % (address, length), timeout_s),
                       "flash erase of 0x%x bytes at 0x%08x" % (length, address))

    def flash_write(self, address, escaped, timeout_s=None):
        """One vFlashWrite with data already binary-escaped (escape_binary)."""
        payload = ("vFlashWrite:%x:" % address) + escaped.decode("latin-1")
        self._check_ok(self.command(payload, timeout_s), "flash write at 0x%08x" % address)

    def flash_done(self, timeout_s=None):
        self._check_ok(self.command("vFlashDone", timeout_s), "flash programming (vFlashDone)")

    # ---- memory ----------------------------------------------------------
    def read_memory(self, address, length):
        out = bytearray()
        while length > 0:
            n = min(length, READ_CHUNK)
            reply = self.command("m%x,%x" % (address, n))
            if not reply or reply[0] == "E" and len(reply) == 3:
                raise ProtocolError("read of %d bytes at 0x%08x failed: %r" % (n, address, reply))
            try:
                chunk = bytes.fromhex(reply)
            except ValueError:
                raise ProtocolError("malformed memory reply %r" % reply[:40]) from None
            if len(chunk) != n:
                raise ProtocolError("short read at 0x%08x: %d of %d bytes" % (address, len(chunk), n))
            out += chunk
            address += n
            length -= n
        return bytes(out)

    def write_memory(self, address, data):
        data = bytes(data)
        step = WRITE_CHUNK
        if self.packet_size:
            # "M<addr>,<len>:" takes at most 20 characters, each byte two.
            step = max(1, min(step, (self.packet_size - 20) // 2))
        for i in range(0, len(data), step):
            chunk = data[i:i + step]
            reply = self.command("M%x,%x:%s" % (address + i, len(chunk), chunk.hex()))
            self._check_ok(reply, "write of %d bytes at 0x%08x" % (len(chunk), address + i))

    # ---- registers -------------------------------------------------------
    def read_register(self, number):
        self.target_xml()
        reply = self.command("p%x" % number)
        if not reply or reply[0] == "E":
            raise ProtocolError("register %d read failed: %r" % (number, reply))
        return int.from_bytes(bytes.fromhex(reply), "little")

    def write_register(self, number, value, size=4):
        self.target_xml()
        reply = self.command("P%x=%s" % (number, value.to_bytes(size, "little").hex()))
        self._check_ok(reply, "register %d write" % number)

    # ---- breakpoints -----------------------------------------------------
    def insert_breakpoint(self, address, kind=2):
        self._check_ok(self.command("Z0,%x,%x" % (address, kind)), "breakpoint at 0x%08x" % address)

    def remove_breakpoint(self, address, kind=2):
        self._check_ok(self.command("z0,%x,%x" % (address, kind)), "breakpoint removal at 0x%08x" % address)

    # ---- execution -------------------------------------------------------
    def cont(self):
        """Lets the target run; the stop reply comes later (wait_stop)."""
        if self.running:
            return
        self._send_packet("c")
        self.running = True

    def step(self, timeout_s=None):
        reply = StopReply(self.command("s", timeout_s))
        self._note_stop(reply)
        return reply

    def wait_stop(self, timeout_s):
        """Waits up to `timeout_s` for the running target to stop; returns
        the StopReply, or None when it is still running at the deadline."""
        deadline = time.monotonic() + timeout_s
        try:
            while True:
                reply = self._read_packet(deadline)
                if reply.startswith("O") and reply != "OK":
                    continue  # console output
                stop = StopReply(reply)
                self._note_stop(stop)
                return stop
        except LinkTimeout:
            return None

    def interrupt(self, timeout_s=None):
        """Halts a running target with 0x03; returns the StopReply. Sending it
        to a stopped QEMU gets no answer, so this is a no-op when halted."""
        if not self.running:
            return None
        self._send_raw(INTERRUPT)
        stop = self.wait_stop(timeout_s or self.timeout_s)
        if stop is None:
            raise LinkTimeout("target did not stop within %.1fs of 0x03" % (timeout_s or self.timeout_s))
        return stop

    def _note_stop(self, stop):
        self.running = False
        if stop.exited:
            self.exited = stop
