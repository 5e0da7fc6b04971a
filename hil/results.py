"""What a run produced: one CaseResult per case and the RunResult around them.

Outcomes: "passed", "failed" (the firmware's answer broke a limit, came with
the wrong status, or never came: timeout), "error" (infrastructure: the rig
could not test), "not_run" (a signal interrupted the run first). Exit codes
of the runner follow from them, and from `interrupted`.
"""

import dataclasses

PASSED, FAILED, ERROR = "passed", "failed", "error"
#: A case a signal kept from running (or stopped while it ran).
NOT_RUN = "not_run"
OUTCOMES = (PASSED, FAILED, ERROR, NOT_RUN)

EXIT_PASS = 0
EXIT_TEST_FAILURE = 1
EXIT_INFRASTRUCTURE = 2
EXIT_USAGE = 3
#: SIGINT, SIGTERM and SIGHUP alike (130 is the shell's code for Ctrl-C).
EXIT_INTERRUPTED = 130


@dataclasses.dataclass
class CaseResult:
    name: str
    command: str
    args: dict
    outcome: str = ERROR
    reason: str = ""
    status: str = ""
    duration_s: float = 0.0
    attempts: int = 0
    metrics: dict = dataclasses.field(default_factory=dict)   # scalars, for limits
    details: dict = dataclasses.field(default_factory=dict)   # arrays, for plots
    checks: list = dataclasses.field(default_factory=list)    # limits.Check
    diagnostics: dict = dataclasses.field(default_factory=dict)
    stack_check: dict = dataclasses.field(default_factory=dict)  # static_bound.cross_check
    state_note: str = ""   # what was done to bring the board to a known state first (known_state.py)

    @property
    def retried(self):
        """Whether the case needed a second attempt (after an infrastructure error)."""
        return self.attempts > 1

    def failed_checks(self):
        """Messages of the broken limits and of a failed stack cross-check."""
        lines = [c.describe() for c in self.checks if not c.ok]
        if self.stack_check and not self.stack_check["ok"]:
            lines.append(self.stack_check["message"])
        return lines

    def to_dict(self):
        d = dataclasses.asdict(self)
        d["checks"] = [c.to_dict() for c in self.checks]
        d["retried"] = self.retried
        return d


@dataclasses.dataclass
class RunResult:
    suite: str
    board: str
    backend: str
    selection: str
    firmware: str
    firmware_sha256: str = ""
    agent: dict = dataclasses.field(default_factory=dict)
    started_at: str = ""
    duration_s: float = 0.0
    cases: list = dataclasses.field(default_factory=list)
    infrastructure_error: str = ""   # a failure outside any case (e.g. board busy)
    stack_bound: dict = dataclasses.field(default_factory=dict)  # StackBound used, {} if none
    uart_log: str = ""
    provenance: dict = dataclasses.field(default_factory=dict)   # provenance.collect()
    drift: dict = dataclasses.field(default_factory=dict)   # drift.drift() with --repeat
    interrupted: str = ""   # the signal's name (SIGTERM...) when one stopped the run

    def count(self, outcome):
        return sum(1 for c in self.cases if c.outcome == outcome)

    @property
    def exit_code(self):
        if self.interrupted:
            return EXIT_INTERRUPTED
        if self.infrastructure_error or self.count(ERROR):
            return EXIT_INFRASTRUCTURE
        if self.count(FAILED):
            return EXIT_TEST_FAILURE
        return EXIT_PASS

    @property
    def verdict(self):
        return {EXIT_PASS: "PASS", EXIT_TEST_FAILURE: "FAIL", EXIT_INFRASTRUCTURE: "INFRASTRUCTURE ERROR",
                EXIT_INTERRUPTED: "INTERRUPTED (partial results)"}[self.exit_code]

    def to_dict(self):
        d = dataclasses.asdict(self)
        d["cases"] = [c.to_dict() for c in self.cases]
        d["exit_code"] = self.exit_code
        d["verdict"] = self.verdict
        d["summary"] = {o: self.count(o) for o in OUTCOMES}
        return d
