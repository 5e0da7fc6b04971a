"""Which ST-LINK probes are attached, read from sysfs (no extra packages).

`./rig hil --list-probes` prints them, and with `--print-map` a hardware-map
entry (openocd backend, serial quoted) for each, ready to paste. The USB
devices are read from $TIDEMARK_HIL_USB_SYSFS (default /sys/bus/usb/devices:
one directory per device with idVendor, idProduct, serial, product files),
so tests give a directory laid out the same way. The board behind a probe
is known only through pyOCD (associated_board_info) when it is installed;
otherwise it is "unknown".
"""

import dataclasses
import os

from hil.hardware_map import DEFAULT_OPENOCD_CONFIG, SERIAL_CHARS

SYSFS_ENV = "TIDEMARK_HIL_USB_SYSFS"
DEFAULT_SYSFS = "/sys/bus/usb/devices"
ST_VENDOR = "0483"
# ST-LINK product ids OpenOCD's interface/stlink.cfg drives, minus the
# legacy V1 (3744, a mass-storage device) and the V3 in its bootloader
# (374d, no debug interface).
STLINK_MODELS = {
    "3748": "ST-LINK/V2",
    "374b": "ST-LINK/V2-1",
    "3752": "ST-LINK/V2-1",
    "374e": "STLINK-V3",
    "374f": "STLINK-V3",
    "3753": "STLINK-V3",
    "3754": "STLINK-V3",
}


@dataclasses.dataclass
class Probe:
    serial: str
    product_id: str
    model: str
    product: str
    usb_path: str
    board: str = "unknown"

    @property
    def usable_serial(self):
        """OpenOCD's `adapter serial` can name it (old V2 serials are binary)."""
        return bool(self.serial) and set(self.serial) <= SERIAL_CHARS


def sysfs_root():
    return os.environ.get(SYSFS_ENV) or DEFAULT_SYSFS


def _attribute(device_dir, name):
    try:
        with open(os.path.join(device_dir, name), "rb") as f:
            raw = f.read().strip()
    except OSError:
        return ""
    text = raw.decode("ascii", "backslashreplace")
    return "".join(c if c.isprintable() else "\\x%02x" % ord(c) for c in text)


def list_stlinks(root=None, board_names=None):
    """The attached ST-LINKs under `root`, sorted by serial. `board_names`:
    {serial: board name} (from pyOCD when it is installed)."""
    root = root or sysfs_root()
    board_names = board_names or {}
    try:
        entries = sorted(os.listdir(root))
    except OSError:
        return []
    probes = []
    for entry in entries:
        device = os.path.join(root, entry)
        if _attribute(device, "idVendor").lower() != ST_VENDOR:
            continue
        product_id = _attribute(device, "idProduct").lower()
        if product_id not in STLINK_MODELS:
            continue
        serial = _attribute(device, "serial")
        probes.append(Probe(serial, product_id, STLINK_MODELS[product_id],
                            _attribute(device, "product"), entry,
                            board_names.get(serial, "unknown")))
    return sorted(probes, key=lambda p: p.serial)


def pyocd_board_names():
    """{unique id: board name} from pyOCD's probe list, or {} when pyOCD is
    not installed or cannot list probes (the listing works without it)."""
    try:
        from hil.pyocd_board import import_pyocd
        helper, _, _ = import_pyocd()
        names = {}
        for probe in helper.get_all_connected_probes(blocking=False):
            info = getattr(probe, "associated_board_info", None)
            if info is not None and getattr(info, "name", None):
                names[probe.unique_id] = info.name
        return names
    except Exception:  # pylint: disable=broad-except  (board names are optional)
        return {}


def format_listing(probes, root):
    if not probes:
        return "no ST-LINK attached (looked in %s)" % root
    lines = ["ST-LINK probes (from %s):" % root]
    for p in probes:
        lines.append("  %-26s %-12s 0483:%s  %-16s usb %-8s board: %s%s" % (
            p.serial or "(no serial)", p.model, p.product_id, '"%s"' % p.product, p.usb_path, p.board,
            "" if p.usable_serial else "  (serial unusable for OpenOCD)"))
    return "\n".join(lines)


def format_map(probes):
    """A hardware map with one openocd entry per usable probe."""
    lines = ["# tidemark hardware map: the attached ST-LINKs (./rig hil --list-probes --print-map)",
             "boards:"]
    names = set()
    for p in probes:
        if not p.usable_serial:
            lines.append("  # %s at usb %s: serial %r cannot be given to OpenOCD" % (p.model, p.usb_path, p.serial))
            continue
        name = "stlink-" + p.serial[-6:].lower()
        while name in names:
            name += "-" + str(len(names))
        names.add(name)
        lines += ["  %s:  # %s, board: %s" % (name, p.model, p.board),
                  "    backend: openocd",
                  '    probe_serial: "%s"' % p.serial,
                  "    platform: stm32f769",
                  "    openocd_config: %s" % DEFAULT_OPENOCD_CONFIG]
    if not names:
        lines.append("  {}")
    return "\n".join(lines).rstrip() + "\n"
