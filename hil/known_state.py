"""The board in a known state before a cumulative measurement.

Some answers measure everything since the board booted: stack_report's
high-water marks include every command the suite ran before it. If the rig
reset or re-opened the board in between (a retry after an infrastructure
error, a reset after a timeout), the measurement would silently cover only
part of the suite (issue 12: 336 B after a retry's reset instead of 408 B).
So before such a case, when the board restarted since earlier cases ran,
the board is reset once more and the earlier cases that passed are run again
(their results discarded), then the measurement is taken: it covers the same
work as in an undisturbed run. Cases that reboot the board themselves
(fault) and other cumulative cases (both flags of the command registry,
hil/commands.py) are not replayed; earlier cases that
failed or timed out are not either (they would just fail again).
"""

from hil.case_executor import run_case
from hil.commands import command
from hil.results import PASSED


def _cumulative(case):
    return command(case.command).cumulative


def _reboots(case):
    return command(case.command).reboots


class KnownState:
    def __init__(self, session, progress):
        self.session = session
        self.progress = progress
        self.history = []   # (case, outcome, restarts of the board when it ended)

    def record(self, case, result):
        self.history.append((case, result.outcome, self.session.restarts))

    def _next_restarts(self):
        """The board's restart count the next case will run under."""
        pending = self.session.board is None or self.session.needs_reset
        return self.session.restarts + (1 if pending else 0)

    def preconditions(self, case):
        """The earlier cases to replay before `case`, [] when none are needed."""
        if not _cumulative(case):
            return []
        # Only since the last board-side reboot: a fault case starts the count afresh.
        last_reboot = max((i for i, (c, _, _) in enumerate(self.history) if _reboots(c)),
                          default=-1)
        replayable = [(c, boot) for c, outcome, boot in self.history[last_reboot + 1:]
                      if outcome == PASSED and not _cumulative(c)]
        current = self._next_restarts()
        if all(boot == current for _, boot in replayable):
            return []
        return [c for c, _ in replayable]

    def prepare(self, case, stack_bound):
        """Resets and replays when `case` needs it; returns a note for the
        case's result ("" when nothing was done)."""
        cases = self.preconditions(case)
        if not cases:
            return ""
        self.progress.step("%s measures since boot and the board restarted: reset, replay %d earlier "
                           "case(s) first" % (case.name, len(cases)))
        if self.session.board is not None:
            self.session.needs_reset = True
        failed = [c.name for c in cases if run_case(c, self.session, self.progress, stack_bound).outcome != PASSED]
        note = "board reset and %d earlier case(s) replayed first (cumulative measurement)" % len(cases)
        if failed:
            note += "; replay failed: %s" % ", ".join(failed)
        return note
