"""The hardware map: which boards exist, and which one a run uses.

A YAML (or JSON) file names boards:

    boards:
      disco-1:
        backend: pyocd
        probe_uid: "066DFF485750717867114355"   # full unique id, exact match
        target: stm32f769nihx                   # optional (default: the registry's)
        platform: stm32f769                     # which firmware build fits
        frequency_hz: 4000000                   # optional
        uart: /dev/ttyACM0                      # optional console capture
        baud: 115200                            # optional
      disco-oocd:
        backend: openocd                        # Debian's openocd 0.12, started by the rig
        probe_serial: "066DFF485750717867114355" # ST-LINK USB serial (./rig hil --list-probes)
        platform: stm32f769
        openocd_config: board/stm32f769i-disco.cfg   # optional (default: the registry's)
        openocd_bin: openocd                    # optional
      lab-disco:
        backend: gdb-remote                     # a probe server someone else runs
        gdb_remote: "lab-host:3333"
        platform: stm32f769
      emulated:
        backend: emulated
        platform: mps2_an500
        icount_shift: 6                         # optional

Every key is checked when the map loads (KEYS: type, default, backends);
the platform must fit the backend (PLATFORMS_BY_BACKEND).

`--board emulated` always works, map or not. Without --board, the runner takes
the single attached probe if pyOCD is importable and exactly one probe is
attached (using its map entry when the map names it; a probe not in the map
only if it is on an STM32F76x/F77x board, see probe_identity.py), else the
emulated board, and says why (select_board's returned reason).
"""

import dataclasses
import json
import os

from boards import board_registry
from hil.board_values import check_board_values
from hil.errors import BoardGone, InfrastructureError, UsageError
from hil.probe_identity import require_f76x_f77x

BACKENDS = ("emulated", "pyocd", "openocd", "gdb-remote")
EMULATED = "emulated"
# Platforms are boards of the registry (//boards): those with a QEMU machine
# run on the emulator, the others on a probe.
EMULATED_PLATFORMS = board_registry.emulated()
REAL_PLATFORMS = board_registry.real()
# The board `--board emulated` runs, and the board an attached probe not in
# the map is taken for (probe_identity.py checks it is an STM32F76x/F77x).
EMULATED_PLATFORM = board_registry.default_emulated()
PROBE_PLATFORM = "stm32f769"
# pyOCD target and OpenOCD config of a board whose map entry names none.
DEFAULT_PYOCD_TARGET = board_registry.record(PROBE_PLATFORM)["pyocd_target"]
DEFAULT_OPENOCD_CONFIG = board_registry.record(PROBE_PLATFORM)["openocd_config"]
# Which firmware build fits which backend: QEMU runs only the mps2-an500
# build, a probe only a real board's; a gdb server may serve either.
PLATFORMS_BY_BACKEND = {
    "emulated": EMULATED_PLATFORMS,
    "pyocd": REAL_PLATFORMS,
    "openocd": REAL_PLATFORMS,
    "gdb-remote": EMULATED_PLATFORMS + REAL_PLATFORMS,
}
# key: (type, backends that use it; None = every backend). docs/hil.md has
# the table for users.
# key -> the backends it belongs to (None: every backend). Types and ranges
# of the values: board_values.py.
KEYS = {
    "backend": None,
    "platform": None,
    "probe_uid": ("pyocd",),
    "target": ("pyocd",),
    "frequency_hz": ("pyocd",),
    "uart": ("pyocd",),
    "baud": ("pyocd",),
    "icount_shift": ("emulated",),
    "probe_serial": ("openocd",),
    "openocd_config": ("openocd",),
    "openocd_bin": ("openocd",),
    "gdb_remote": ("gdb-remote",),
}
# Characters OpenOCD takes in `adapter serial X` without quoting. ST-LINK
# V2-1 and V3 serials are hex; an old V2's binary serial is not supported.
SERIAL_CHARS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_.")


@dataclasses.dataclass
class BoardSpec:
    name: str
    backend: str
    platform: str
    probe_uid: str = None
    target: str = None
    frequency_hz: int = 4000000
    icount_shift: int = 6
    uart: str = None
    baud: int = 115200
    probe_serial: str = None
    openocd_config: str = None
    openocd_bin: str = "openocd"
    gdb_remote: str = None

    @property
    def lock_key(self):
        """What the board lock is named after: the probe (an ST-LINK's serial
        is also its pyOCD unique id, so both backends lock the same board),
        the gdb server's host:port, or nothing for an emulated board (each
        run has its own emulator)."""
        return {"pyocd": self.probe_uid, "openocd": self.probe_serial,
                "gdb-remote": self.gdb_remote}.get(self.backend)


def emulated_spec(name=EMULATED):
    return BoardSpec(name=name, backend="emulated", platform=EMULATED_PLATFORM)


def _load_text(path):
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise UsageError("cannot read hardware map %s: %s" % (path, e)) from None
    if path.endswith(".json"):
        try:
            return json.loads(text)
        except ValueError as e:
            raise UsageError("hardware map %s: %s" % (path, e)) from None
    try:
        import yaml
    except ImportError:
        raise UsageError("PyYAML missing: apt-get install -y python3-yaml") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise UsageError("hardware map %s: %s" % (path, e)) from None


def parse_map(data, source="<map>"):
    """`data` (the parsed file) as {name: BoardSpec}. Raises UsageError with
    the board and key on any mistake."""
    if not isinstance(data, dict) or not isinstance(data.get("boards"), dict):
        raise UsageError("%s: expected a top-level 'boards:' mapping" % source)
    known = {f.name for f in dataclasses.fields(BoardSpec)} - {"name"}
    boards = {}
    taken = {}   # lock key: board name
    for name, entry in data["boards"].items():
        where = "%s: board %r" % (source, name)
        if not isinstance(entry, dict):
            raise UsageError("%s: expected a mapping" % where)
        unknown = set(entry) - known
        if unknown:
            raise UsageError("%s: unknown keys %s" % (where, ", ".join(sorted(unknown))))
        check_board_values(entry, where)
        backend = entry.get("backend")
        if backend not in BACKENDS:
            raise UsageError("%s: backend must be one of %s, got %r" % (where, BACKENDS, backend))
        if not entry.get("platform"):
            raise UsageError("%s: 'platform' is required" % where)
        _check_keys(entry, where)
        spec = BoardSpec(name=str(name), **entry)
        if backend == "pyocd":
            if not spec.probe_uid or not isinstance(spec.probe_uid, str):
                raise UsageError("%s: a pyocd board needs 'probe_uid' (the probe's full unique id, "
                                 "quoted)" % where)
            spec.target = spec.target or _registry_default(spec.platform, "pyocd_target", where)
        if backend == "openocd":
            _check_serial(spec.probe_serial, where)
            spec.openocd_config = (spec.openocd_config
                                   or _registry_default(spec.platform, "openocd_config", where))
        if backend == "gdb-remote":
            _check_endpoint(spec.gdb_remote, where)
        # One probe (or gdb server) is one board: two entries would let two
        # runs use it at once. An ST-LINK's serial is its pyOCD unique id.
        if spec.lock_key is not None:
            if spec.lock_key in taken:
                raise UsageError("%s: %s %s is already board %r" % (
                    where, "gdb server" if backend == "gdb-remote" else "probe", spec.lock_key,
                    taken[spec.lock_key]))
            taken[spec.lock_key] = spec.name
        boards[spec.name] = spec
    return boards


def _registry_default(platform, field, where):
    """The board registry's `field` for `platform` (pyocd_target,
    openocd_config), for an entry that does not name its own."""
    value = board_registry.record(platform)[field]
    if not value:
        raise UsageError("%s: the board registry has no %s for platform %s: name one in the "
                         "map entry" % (where, field, platform))
    return value


def _check_keys(entry, where):
    """Keys of another backend, platform fit."""
    backend = entry["backend"]
    for key in entry:
        backends = KEYS.get(key)
        if backends is not None and backend not in backends:
            raise UsageError("%s: key %r is for backend %s, not %s" % (
                where, key, " / ".join(backends), backend))
    fitting = PLATFORMS_BY_BACKEND.get(backend, ())
    if entry["platform"] not in fitting:
        raise UsageError("%s: platform %r does not fit backend %s (it runs: %s)" % (
            where, entry["platform"], backend, ", ".join(fitting)))


def _check_serial(serial, where):
    if not serial:
        raise UsageError("%s: an openocd board needs 'probe_serial' (the ST-LINK's USB serial, "
                         "quoted; ./rig hil --list-probes shows it)" % where)
    if not set(serial) <= SERIAL_CHARS:
        raise UsageError("%s: key 'probe_serial' %r has characters OpenOCD's `adapter serial` "
                         "cannot take (letters, digits, - _ . only)" % (where, serial))


def _check_endpoint(endpoint, where):
    if not endpoint:
        raise UsageError("%s: a gdb-remote board needs 'gdb_remote: host:port'" % where)
    try:
        parse_endpoint(endpoint)
    except UsageError as e:
        raise UsageError("%s: key 'gdb_remote': %s" % (where, e)) from None


def parse_endpoint(text):
    """'host:port' (or '[v6addr]:port') as (host, port); UsageError else."""
    host, _, port = text.rpartition(":")
    host = host.strip("[]")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError("expected host:port with a port in 1..65535, got %r" % text)
    return host, int(port)


def load_map(path):
    return parse_map(_load_text(path), source=path)


def default_map_path():
    """$TIDEMARK_HIL_MAP, else hil/boards.yaml next to this file if present."""
    env = os.environ.get("TIDEMARK_HIL_MAP")
    if env:
        return env
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "boards.yaml")
    return here if os.path.exists(here) else None


def select_board(requested, boards, list_probes):
    """Chooses the board for a run; returns (BoardSpec, reason).

    `requested`: the --board value or None. `boards`: {name: BoardSpec} from
    the map (may be empty). `list_probes()`: the attached probes
    (probe_identity.AttachedProbe), or raises ImportError when pyOCD is not
    installed (called only when the choice depends on it). Raises UsageError
    when the request cannot be met, or when the one attached probe is not in
    the map and not on an STM32F76x/F77x board.
    """
    fallback = boards.get(EMULATED)
    if fallback is None or fallback.backend != "emulated":
        fallback = emulated_spec()
    if requested:
        if requested in boards:
            return boards[requested], "board %r from the hardware map" % requested
        if requested == EMULATED:
            return fallback, "emulated board requested"
        raise UsageError("unknown board %r (hardware map has: %s)" % (
            requested, ", ".join(sorted(boards)) or "no boards"))
    try:
        probes = list(list_probes())
    except ImportError as e:
        return fallback, "pyOCD not importable (%s): using the emulated board" % e
    if len(probes) == 1:
        uid = probes[0].unique_id
        for spec in boards.values():
            if spec.backend == "pyocd" and spec.probe_uid == uid:
                return spec, "the one attached probe %s is board %r" % (uid, spec.name)
        require_f76x_f77x(probes[0])
        spec = BoardSpec(name="probe-" + uid, backend="pyocd", platform=PROBE_PLATFORM,
                         probe_uid=uid, target=DEFAULT_PYOCD_TARGET)
        return spec, ("the one attached probe %s on a %s (not in the hardware map: target %s, "
                      "platform %s)" % (uid, probes[0].describe_board(), DEFAULT_PYOCD_TARGET,
                                        PROBE_PLATFORM))
    if not probes:
        return fallback, "no debug probe attached: using the emulated board"
    return fallback, ("%d probes attached (%s) and no --board: using the emulated "
                             "board; pick one with --board" % (len(probes), ", ".join(p.unique_id for p in probes)))


def choose_probe(configured_uid, attached_uids):
    """The one attached probe whose unique id EQUALS `configured_uid`.
    pyOCD matches unique ids by substring, which can pick the wrong board;
    this refuses anything but exactly one exact match."""
    exact = [u for u in attached_uids if u == configured_uid]
    if len(exact) == 1:
        return exact[0]
    if not exact:
        similar = [u for u in attached_uids if configured_uid in u or u in configured_uid]
        raise BoardGone("probe %s is not attached (attached: %s%s)" % (
            configured_uid, ", ".join(attached_uids) or "none",
            "; partial matches are never used" if similar else ""))
    raise InfrastructureError("probe id %s is ambiguous: %d attached probes report it; "
                      "refusing to flash" % (configured_uid, len(exact)))
