"""Runs one suite case on a BoardSession and judges it.

What a command does before, during and after its round trip is its entry in
the command registry (hil/commands.py); judging is the same for all.

A timeout is a test failure (the board is reset before the next case); an
infrastructure error is retried once on a freshly opened board, and reported
as outcome "error" if the retry fails too.
"""

import time

from hil.commands import command
from hil.errors import CaseTimeout, InfrastructureError
from hil.limits import evaluate
from hil.results import ERROR, FAILED, PASSED, CaseResult

MAX_ATTEMPTS = 2


def _attempt(case, session, result, stack_bound):
    result.stack_check = {}
    handler = command(case.command)
    mailbox = handler.before(session)
    answer = handler.run(mailbox, case)
    handler.after(answer, case, session, result, stack_bound)
    result.checks = evaluate(case.limits, result.metrics)
    failed = result.failed_checks()
    if result.status != case.expect_status:
        result.outcome = FAILED
        result.reason = "status %s, expected %s" % (result.status, case.expect_status)
    elif failed:
        result.outcome = FAILED
        result.reason = "; ".join(failed)
    else:
        result.outcome = PASSED
        result.reason = ""


def run_case(case, session, progress, stack_bound=None):
    """Runs `case`; `stack_bound` (stack_bound.StackBound or None) enables
    the cross-check of stack_report cases."""
    result = CaseResult(case.name, case.command, dict(case.args))
    start = time.monotonic()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        result.attempts = attempt
        try:
            _attempt(case, session, result, stack_bound)
            break
        except CaseTimeout as e:
            result.outcome = FAILED
            result.status = "TIMEOUT"
            result.reason = "timeout: %s" % e
            result.diagnostics = dict(getattr(e, "diagnostics", {}))
            if isinstance(result.diagnostics.get("pc"), int):
                result.diagnostics["pc_at"] = session.elf.describe_address(result.diagnostics["pc"])
            session.needs_reset = True
            break
        except InfrastructureError as e:
            result.outcome = ERROR
            result.reason = "infrastructure: %s" % e
            progress.step("%s: infrastructure error (attempt %d of %d): %s" % (
                case.name, attempt, MAX_ATTEMPTS, e))
            session.close()
    result.duration_s = time.monotonic() - start
    return result
