"""The rig's exception types.

InfrastructureError and its subclasses mean "the rig could not test": a probe
vanished, QEMU died, the debug link spoke nonsense, the board is locked by
another run. The runner reports them apart from test failures, with their own
exit code, and retries a case once after one. CaseTimeout means the firmware
did not answer in time: that is a test failure, not an infrastructure error.
"""


class HilError(Exception):
    """Base of every error the rig raises on purpose."""


class UsageError(HilError):
    """Bad command line, hardware map or suite file."""


class InfrastructureError(HilError):
    """The rig itself failed; the firmware under test is not to blame."""


class ProtocolError(InfrastructureError):
    """The debug link (GDB remote protocol, pyOCD) answered something unexpected."""


class LinkTimeout(InfrastructureError):
    """The debug link did not answer within its timeout."""


class BoardGone(InfrastructureError):
    """The emulator process or the probe disappeared."""


class BoardBusy(InfrastructureError):
    """Another run holds the board's lock."""


class BackendUnavailable(InfrastructureError):
    """A backend's software (QEMU, pyOCD) is not installed."""


class CaseTimeout(HilError):
    """The firmware did not publish an answer within the case's time limit."""


class RunInterrupted(BaseException):
    """SIGINT, SIGTERM or SIGHUP arrived (hil/interrupts.py). A BaseException,
    like KeyboardInterrupt, so no `except Exception` on the way swallows it:
    it unwinds to the runner, which reaps the children, releases the board
    and writes the partial results marked interrupted."""

    def __init__(self, signal_number, signal_name):
        super().__init__("interrupted by %s" % signal_name)
        self.signal_number = signal_number
        self.signal_name = signal_name
