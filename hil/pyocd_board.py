"""A real board behind a debug probe, through pyOCD (0.36 to today).

pyOCD is imported only here and only when a pyocd board is used; without it
the error says how to install it (a venv on Debian 12). The probe is pinned
by its full unique id: exactly one attached probe must report exactly that id
(pyOCD's own lookup matches substrings), otherwise nothing is opened and
nothing is flashed, and the session is built from that probe object. The
target connects under reset (most reliable on STM32F7) and is flashed with
FileProgrammer. The hardware reset is looked up by name: pyOCD 0.40 renamed
Target.ResetType.HW to HARDWARE. Memory is read through the AHB-AP while the
core runs.
The console UART (optional, `uart:` in the map) is captured with pyserial.
"""

import contextlib
import threading
from typing import NamedTuple

from hil.board import Board
from hil.errors import BackendUnavailable, BoardGone, InfrastructureError
from hil.hardware_map import choose_probe
from hil.probe_identity import AttachedProbe

# Debian 12 refuses `pip install` into the system python3, so the hint is a
# venv (which keeps Debian's pyelftools/yaml/matplotlib) and the variable that
# makes the runner use it (hil/python_reexec.py). Quoted: copy-pasteable.
INSTALL_HINT = ("python3 -m venv --system-site-packages ~/.venvs/pyocd && "
                "~/.venvs/pyocd/bin/pip install 'pyocd>=0.36' (needs Debian's python3-venv), "
                "then: TIDEMARK_HIL_PYTHON=~/.venvs/pyocd/bin/python ./rig hil ...")
PYOCD_HINT = ("pyOCD is not installed (Debian's python3-pyocd 0.13 lacks STM32F7 support and "
              "FileProgrammer); install it into a venv: " + INSTALL_HINT)
MIN_VERSION = (0, 36)


class PyocdApi(NamedTuple):
    """The parts of pyOCD the backend uses, and the hardware reset member
    under the name this pyOCD release gives it."""
    ConnectHelper: type
    Session: type
    Target: type
    FileProgrammer: type
    hardware_reset: object


def _version_tuple(text):
    parts = []
    for p in text.split(".")[:2]:
        digits = "".join(c for c in p if c.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def hardware_reset_type(target_cls):
    """The hardware (nRESET) reset: ResetType.HW in pyOCD 0.36-0.39, renamed
    ResetType.HARDWARE in 0.40 (HW removed)."""
    reset_types = target_cls.ResetType
    for name in ("HARDWARE", "HW"):
        member = getattr(reset_types, name, None)
        if member is not None:
            return member
    raise BackendUnavailable("this pyOCD has neither Target.ResetType.HARDWARE nor HW; "
                             "supported: pyOCD 0.36 or later")


def import_pyocd():
    """The PyocdApi; BackendUnavailable with an install hint when pyOCD is
    missing or too old."""
    try:
        import pyocd
        from pyocd.core.helpers import ConnectHelper
        from pyocd.core.session import Session
        from pyocd.core.target import Target
        from pyocd.flash.file_programmer import FileProgrammer
    except ImportError as e:
        raise BackendUnavailable("%s [%s]" % (PYOCD_HINT, e)) from None
    version = getattr(pyocd, "__version__", "0")
    if _version_tuple(version) < MIN_VERSION:
        raise BackendUnavailable("pyOCD %s is too old; install a newer one into a venv: %s"
                                 % (version, INSTALL_HINT))
    return PyocdApi(ConnectHelper, Session, Target, FileProgrammer, hardware_reset_type(Target))


def _attached_probe(probe):
    """What board selection needs to know of a pyOCD probe. The board id is
    the ST-LINK's (other probe types may have none); associated_board_info is
    pyOCD's BoardInfo for it when pyOCD knows the id."""
    info = probe.associated_board_info
    return AttachedProbe(unique_id=probe.unique_id,
                         board_id=getattr(probe, "board_id", None),
                         board_name=info.name if info else None,
                         board_target=info.target if info else None)


def attached_probes():
    """The attached probes as AttachedProbe. Raises ImportError (with the
    install hint) when pyOCD is unusable, which board selection treats as
    "no pyOCD"."""
    try:
        api = import_pyocd()
    except BackendUnavailable as e:
        raise ImportError(str(e)) from None
    return [_attached_probe(p) for p in api.ConnectHelper.get_all_connected_probes(blocking=False)]


class PyocdBoard(Board):
    backend = "pyocd"

    def __init__(self, spec):
        """`spec` is a hardware_map.BoardSpec with backend pyocd."""
        self.spec = spec
        self.name = spec.name
        self._pyocd = import_pyocd()
        self.session = None
        self.target = None
        self._log = bytearray()
        self._log_lock = threading.Lock()
        self._serial = None
        self._serial_thread = None
        try:
            self._open()
        except BaseException:
            # The caller never gets this board, so nobody else can close it:
            # a console that fails to open must not leave the probe open.
            self.close()
            raise

    # ---- connection ------------------------------------------------------
    @contextlib.contextmanager
    def _calls(self, what):
        """pyOCD raises many exception types: all become infrastructure errors."""
        try:
            yield
        except InfrastructureError:
            raise
        except Exception as e:  # pylint: disable=broad-except
            raise BoardGone("%s on %s (probe %s) failed: %s: %s" % (
                what, self.name, self.spec.probe_uid, type(e).__name__, e)) from None

    def _open(self):
        with self._calls("probe lookup"):
            probes = self._pyocd.ConnectHelper.get_all_connected_probes(blocking=False)
        uid = choose_probe(self.spec.probe_uid, [p.unique_id for p in probes])
        # The session is made from this very probe object: asking pyOCD for a
        # session "with unique_id=uid" would match substrings again.
        probe = next(p for p in probes if p.unique_id == uid)
        with self._calls("connect"):
            session = self._pyocd.Session(
                probe, auto_open=False,
                options={"target_override": self.spec.target,
                         "frequency": int(self.spec.frequency_hz),
                         "connect_mode": "under-reset"})
        try:
            with self._calls("connect"):
                session.open()
        except InfrastructureError:
            self._close_after_failed_open(session, probe)
            raise
        self.session = session
        self.target = session.target
        if self.spec.uart:
            self._start_uart()

    @staticmethod
    def _close_after_failed_open(session, probe):
        """pyOCD's Session.close() does nothing when open() failed before the
        session counted as open (e.g. inside the probe's own open()), which can
        leave the probe's USB interface open: close that too."""
        # Errors while cleaning up are dropped: the open() failure is what
        # gets reported.
        try:
            session.close()
        except Exception:  # pylint: disable=broad-except
            pass
        if probe.is_open:
            try:
                probe.close()
            except Exception:  # pylint: disable=broad-except
                pass

    def _start_uart(self):
        try:
            import serial
        except ImportError:
            raise BackendUnavailable("pyserial missing: apt-get install -y python3-serial") from None
        try:
            self._serial = serial.Serial(self.spec.uart, self.spec.baud, timeout=0.1)
        except serial.SerialException as e:
            raise BoardGone("cannot open console %s: %s" % (self.spec.uart, e)) from None
        self._serial_thread = threading.Thread(target=self._pump_uart, daemon=True)
        self._serial_thread.start()

    def _pump_uart(self):
        while self._serial is not None:
            try:
                data = self._serial.read(256)
            except Exception:  # port closed or unplugged: stop capturing
                return
            if data:
                with self._log_lock:
                    self._log += data

    # ---- Board -----------------------------------------------------------
    def flash(self, elf_path, progress=None):
        with self._calls("flash"):
            programmer = self._pyocd.FileProgrammer(self.session, chip_erase="sector", smart_flash=True,
                                              progress=progress)
            programmer.program(elf_path, file_format="elf")
        with self._log_lock:
            self._log.clear()
        self.reset(halt=True)

    def reset(self, halt=False):
        with self._calls("reset"):
            self.target.reset_and_halt(self._pyocd.hardware_reset)
            if not halt:
                self.target.resume()

    def halt(self):
        with self._calls("halt"):
            self.target.halt()

    def resume(self):
        with self._calls("resume"):
            self.target.resume()

    def is_halted(self):
        with self._calls("state"):
            return self.target.get_state() == self._pyocd.Target.State.HALTED

    def read_pc(self):
        with self._calls("read pc"):
            if self.target.get_state() != self._pyocd.Target.State.HALTED:
                self.target.halt()
            return self.target.read_core_register("pc")

    def read_memory(self, address, length):
        with self._calls("memory read"):
            return bytes(self.target.read_memory_block8(address, length))

    def write_memory(self, address, data):
        with self._calls("memory write"):
            self.target.write_memory_block8(address, list(data))

    def read_block32(self, address, count):
        with self._calls("memory read"):
            return list(self.target.read_memory_block32(address, count))

    def write_block32(self, address, words):
        with self._calls("memory write"):
            self.target.write_memory_block32(address, [w & 0xFFFFFFFF for w in words])

    def read_u32(self, address):
        with self._calls("memory read"):
            return self.target.read32(address)

    def write_u32(self, address, value):
        with self._calls("memory write"):
            self.target.write32(address, value & 0xFFFFFFFF)

    def read_log(self):
        with self._log_lock:
            return self._log.decode("utf-8", "replace")

    def close(self):
        if self._serial is not None:
            port, self._serial = self._serial, None
            try:
                port.close()
            except Exception:
                pass
        if self.session is not None:
            session, self.session = self.session, None
            try:
                session.close()
            except Exception:
                pass
