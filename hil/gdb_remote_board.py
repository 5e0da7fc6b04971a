"""A board behind a GDB remote protocol server the rig reaches over TCP.

Backend `gdb-remote` (hardware map key `gdb_remote: host:port`): a probe
server someone else runs, on this or another host (OpenOCD, `pyocd
gdbserver`, or QEMU's gdbstub for an emulated board) — how a lab shares
boards. The openocd backend is this board plus an OpenOCD it starts itself.

flash() connects, loads the ELF (rsp_flash: vFlash* into the server's flash,
M packets elsewhere) and resets into it, halted. reset() depends on the
server:
- a probe server: `monitor reset halt` (qRcmd), then the core must stand at
  the image's reset handler, else the server did not reset and the run stops
  with an error instead of waiting for an agent that never restarts;
- QEMU (platform mps2_an500): `monitor system_reset` — QEMU's own reset, a
  real one (core, NVIC, timers), which keeps the VM stopped but also restores
  the image QEMU was started with (-kernel); so the segments are loaded again
  and SP/PC set from the vector table, as the core fetched the old ones;
- a server without qRcmd: the RAM segments are loaded again and SP/PC set
  from the vector table (peripherals and the core's mode are NOT reset).
There is no console: the UART is not carried by the protocol (read_log is
empty).
"""

from hil.elf_image import ElfImage
from boards import board_registry
from hil.errors import BoardGone, ProtocolError
from hil.hardware_map import parse_endpoint
from hil.rsp_board import PC_REGISTER, SP_REGISTER, RspBoard
from hil.rsp_client import PacketUnsupported, RspClient
from hil.rsp_flash import load_segments, parse_memory_map, plan_load

# Resetting a real board through a probe can take a few seconds (srst, and
# OpenOCD examines the target again).
RESET_TIMEOUT_S = 15.0


class GdbRemoteBoard(RspBoard):
    backend = "gdb-remote"

    def __init__(self, name, host, port, platform, link_timeout_s=5.0):
        super().__init__(name, link_timeout_s)
        self.host = host
        self.port = port
        self.platform = platform
        self.image = None
        self.reset_method = None    # how the last reset was done (reports, tests)

    @classmethod
    def from_spec(cls, spec):
        host, port = parse_endpoint(spec.gdb_remote)
        return cls(spec.name, host, port, spec.platform)

    @property
    def is_emulator(self):
        return self.platform in board_registry.emulated()

    # ---- life cycle ------------------------------------------------------
    def connect(self, alive=None):
        """Opens the link (again); the target is halted afterwards."""
        self._close_link()
        self.rsp = RspClient.connect(self.host, self.port, timeout_s=self.link_timeout_s, alive=alive)
        with self._link():
            stop = self.rsp.handshake()
            if stop.exited:
                raise BoardGone("the gdb server at %s:%d reports the target exited: %s"
                                % (self.host, self.port, stop.raw))
            self.rsp.target_xml()

    def flash(self, elf_path, progress=None):
        if progress:
            progress(0.0)
        self.load_image(ElfImage(elf_path), progress)

    def load_image(self, image, progress=None):
        """flash() for an image already read: anything with `segments`
        (elf_image.Segment), `vector_table(count)` and `path`."""
        self.image = None
        if self.rsp is None:
            self.connect()
        with self._link():
            self.rsp.interrupt()
            if not self.is_emulator:
                # Stop the old firmware in its reset state before its flash
                # goes away (GDB users do the same: monitor reset halt; load).
                self._monitor_reset(check=False)
            load_segments(self.rsp, image.segments, progress=progress)
        self.image = image
        self.reset(halt=True)
        if progress:
            progress(1.0)

    def reset(self, halt=False):
        with self._link():
            self.rsp.interrupt()
            if self.is_emulator:
                self.rsp.monitor("system_reset")
                self._restart_image(reload_all=True)
                self.reset_method = "qemu system_reset, image reloaded"
            else:
                self._monitor_reset(check=True)
            if not halt:
                self.rsp.cont()

    def close(self):
        self._close_link()

    def read_log(self):
        return ""

    # ---- internals -------------------------------------------------------
    def _monitor_reset(self, check):
        try:
            self.rsp.monitor("reset halt", timeout_s=RESET_TIMEOUT_S)
        except PacketUnsupported:
            if self.image is not None:
                self._restart_image(reload_all=False)
            self.reset_method = "no qRcmd: RAM segments reloaded, SP/PC from the vector table"
            return
        self.reset_method = "monitor reset halt"
        if check and self.image is not None:
            handler = self.image.vector_table(2)[1] & ~1
            pc = self.rsp.read_register(PC_REGISTER)
            if pc != handler:
                raise ProtocolError(
                    "after 'monitor reset halt' the core is at 0x%08x, not at the reset handler "
                    "0x%08x of %s: the gdb server at %s:%d did not reset the target"
                    % (pc, handler, self.image.path, self.host, self.port))

    def _restart_image(self, reload_all):
        """Loads the image's segments again (all, or only those outside
        flash) and starts the core at its reset handler with its initial SP."""
        if reload_all:
            pieces = [(seg.paddr, seg.data) for seg in self.image.segments]
        else:
            pieces = plan_load(self.image.segments, parse_memory_map(self.rsp.memory_map())).memory
        for address, data in pieces:
            self.rsp.write_memory(address, data)
        sp, handler = self.image.vector_table(2)
        self.rsp.write_register(SP_REGISTER, sp)
        self.rsp.write_register(PC_REGISTER, handler & ~1)
