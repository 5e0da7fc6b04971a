"""Stand-in for pyOCD (see pyocd_standin.py); only its version is read here."""

import pyocd_standin

__version__ = ".".join(str(part) for part in pyocd_standin.version)
