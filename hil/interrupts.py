"""SIGINT, SIGTERM and SIGHUP as one exception in the main thread.

install() makes each of the three raise errors.RunInterrupted where the main
thread is (Python runs handlers there, also while it waits on a helper
thread). The runner catches it, reaps its children (hil/child_processes.py),
releases the board lock, writes the partial results marked interrupted and
exits with results.EXIT_INTERRUPTED (130, whichever of the three arrived).
Only the first signal raises: a second Ctrl-C while the runner cleans up
must not cut the cleanup short.
"""

import contextlib
import signal

from hil.errors import RunInterrupted

INTERRUPT_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class InterruptHandler:
    def __init__(self):
        self.received = None   # (number, name) of the first signal
        self._defer = False
        self.previous = {}

    def __call__(self, signal_number, _frame):
        if self.received is not None:
            return
        self.received = (signal_number, signal.Signals(signal_number).name)
        if not self._defer:
            raise RunInterrupted(*self.received)

    def restore(self):
        for number, previous in self.previous.items():
            signal.signal(number, previous)

    @contextlib.contextmanager
    def deferred(self):
        """Within: a signal is only recorded (in `received`), so what runs
        here (writing the reports) finishes; the caller checks afterwards."""
        self._defer = True
        try:
            yield
        finally:
            self._defer = False


def install():
    """Installs the handler for the three signals; returns it (its
    restore() puts the previous handlers back)."""
    handler = InterruptHandler()
    handler.previous = {number: signal.signal(number, handler) for number in INTERRUPT_SIGNALS}
    return handler
