"""Type and range checks of a hardware map entry's values, so a mistake such
as `icount_shift: fast` is a usage error naming the file, board and key when
the map loads, not a traceback in the middle of a run.

hardware_map.py checks the rest: that every key is known and belongs to the
board's backend, and that the platform fits the backend.
"""

from hil.errors import UsageError

# key -> (check, what the value must be)
_TEXT = (lambda v: isinstance(v, str) and v != "", "a non-empty string")
_POSITIVE_INT = (lambda v: isinstance(v, int) and not isinstance(v, bool) and v > 0, "a positive integer")
# QEMU accepts -icount shift=0..10 (the emulated board's 2^N ns per instruction).
_ICOUNT_SHIFT = (lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 10,
                 "an integer from 0 to 10")

CHECKS = {
    "backend": _TEXT,
    "platform": _TEXT,
    "probe_uid": (lambda v: isinstance(v, str) and v != "",
                  "the probe's full unique id as a quoted string"),
    "target": _TEXT,
    "uart": _TEXT,
    "frequency_hz": _POSITIVE_INT,
    "baud": _POSITIVE_INT,
    "icount_shift": _ICOUNT_SHIFT,
    "probe_serial": (lambda v: isinstance(v, str) and v != "",
                     "the ST-LINK's USB serial as a quoted string"),
    "openocd_config": _TEXT,
    "openocd_bin": _TEXT,
    "gdb_remote": (lambda v: isinstance(v, str) and v != "", "a 'host:port' string"),
}


def check_board_values(entry, where):
    """Raises UsageError("<where>: key '<key>' must be ..., got ...") for the first bad value."""
    for key, value in entry.items():
        if key in CHECKS and value is not None:
            accepts, expected = CHECKS[key]
            if not accepts(value):
                raise UsageError("%s: key %r must be %s, got %r" % (where, key, expected, value))
