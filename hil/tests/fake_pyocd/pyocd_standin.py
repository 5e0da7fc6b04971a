"""Control of the stand-in `pyocd` package next to this file (test-only).

The stand-in has the module paths, class names and call signatures of the
real pyOCD (checked against its tags v0.36.0 to v0.45.1) and does no I/O:
every call production code makes is appended to `calls`, and tests assert
on that record. `load(version)` (re)imports the package shaped like that
pyOCD release; the one difference between generations that matters to the
rig is the name of the hardware reset: `Target.ResetType.HW` up to 0.39,
`Target.ResetType.HARDWARE` from 0.40 on (HW gone).
"""

import importlib
import sys

#: The release the stand-in imitates, as a tuple; set by load().
version = None
#: [(call name, {argument: value})] in the order production code made them.
calls = []
#: The probes ConnectHelper reports as attached (StlinkProbe stand-ins).
attached = []
#: {call name: exception} makes that call raise (after recording it).
failures = {}


def load(release):
    """Imports the stand-in `pyocd` shaped like `release` ("0.36.0", ...),
    replacing any earlier import, and clears the record."""
    global version
    for name in [n for n in sys.modules if n == "pyocd" or n.startswith("pyocd.")]:
        del sys.modules[name]
    version = tuple(int(part) for part in release.split("."))
    calls.clear()
    attached.clear()
    failures.clear()
    return importlib.import_module("pyocd")


def record(name, **arguments):
    calls.append((name, arguments))
    if name in failures:
        raise failures[name]


def names():
    """The recorded call names, in order."""
    return [name for name, _ in calls]
