"""Stand-in for pyocd.core.session.Session: the constructor's signature
(probe, auto_open, options, option_defaults, **kwargs) and the open/close
behaviour of the real one: open() opens the probe, then initialises the
target; close() does nothing unless open() got as far as opening the probe
(so a probe whose own open() failed half-way stays open: the caller must
close it), otherwise it disconnects and closes the probe."""

import pyocd_standin
from pyocd.core.target import Target


class Session:
    def __init__(self, probe, auto_open=True, options=None, option_defaults=None, **kwargs):
        pyocd_standin.record("Session", probe=probe, auto_open=auto_open,
                             options=dict(options or {}, **kwargs))
        self._probe = probe
        self._auto_open = auto_open
        self._closed = True
        self._inited = False
        self._target = Target()
        if probe is not None:
            probe.session = self

    @property
    def probe(self):
        return self._probe

    @property
    def target(self):
        return self._target

    @property
    def is_open(self):
        return self._inited and not self._closed

    def open(self, init_board=True):
        pyocd_standin.record("session.open")
        if not self._inited:
            self._probe.open()
            self._closed = False
            if init_board:
                self._target.init()
                self._inited = True

    def close(self):
        pyocd_standin.record("session.close")
        if self._closed:
            return
        self._closed = True
        self._inited = False
        if self._probe.is_open:
            self._probe.disconnect()
            self._probe.close()

    def __enter__(self):
        if self._auto_open:
            try:
                self.open()
            except Exception:
                self.close()
                raise
        return self

    def __exit__(self, exc_type, value, traceback):
        self.close()
        return False
