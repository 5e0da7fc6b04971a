"""Live progress on stderr: "[  12.3s] step: message", flash percentages."""

import sys
import time


class Progress:
    def __init__(self, stream=None, quiet=False):
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.start = time.monotonic()
        self._last_percent = None

    def elapsed(self):
        return time.monotonic() - self.start

    def step(self, message):
        if not self.quiet:
            self.stream.write("[%7.2fs] %s\n" % (self.elapsed(), message))
            self.stream.flush()

    def flash(self, fraction):
        """Flash progress callback (a fraction 0..1; values above 1 are taken
        as percentages): prints every 10 %."""
        if fraction > 1.0:
            fraction = fraction / 100.0
        percent = int(max(0.0, min(1.0, fraction)) * 100) // 10 * 10
        if percent != self._last_percent:
            self._last_percent = percent
            self.step("flash %3d%%" % percent)
        if percent == 100:
            self._last_percent = None
