"""Runs one suite case on a BoardSession and judges it.

A timeout is a test failure (the board is reset before the next case); an
infrastructure error is retried once on a freshly opened board, and reported
as outcome "error" if the retry fails too. A stack_report case is also
cross-checked against the static stack bound when the run has one
(hil/stack_bound.py): measured above the bound fails the case.
"""

import time

from hil import mailbox_protocol as P
from hil.errors import CaseTimeout, InfrastructureError
from hil.limits import evaluate
from hil.results import ERROR, FAILED, PASSED, CaseResult
from hil.stack_bound import MAIN_STACK_TAG, cross_check

MAX_ATTEMPTS = 2


def split_results(results):
    """Decoded results as (scalar metrics, array details)."""
    metrics, details = {}, {}
    for key, value in results.items():
        if isinstance(value, (list, dict)):
            details[key] = value
        else:
            metrics[key] = value
    for stack in results.get("stacks", []):
        for field in ("size", "high_water", "use_ratio"):
            metrics["stack.%s.%s" % (stack["tag"], field)] = stack[field]
    return metrics, details


def fault_metrics(record, elf):
    """The fault record as metrics, plus whether MMFAR hit the stack guard."""
    metrics = {k: v for k, v in record.items() if not isinstance(v, str)}
    limit = elf.symbol("_stack_limit")
    guard = elf.symbol("_stack_guard_size")
    if limit is not None and guard is not None:
        metrics["mmfar_in_stack_guard"] = int(
            record["valid"] == 1 and limit.address <= record["mmfar"] < limit.address + guard.address)
    return metrics


def _attempt(case, session, result, stack_bound):
    result.stack_check = {}
    mailbox = session.ready()
    if case.command == "fault":
        record, response = mailbox.run_fault(case.args.get("kind", 0), timeout_s=case.timeout_s)
        if record is not None:
            result.status = "OK"
            result.metrics = fault_metrics(record, session.elf)
            result.metrics["rebooted"] = 1
            result.details = {"exception_name": record["exception_name"],
                              "pc_at": session.elf.describe_address(record["pc"]),
                              "lr_at": session.elf.describe_address(record["lr"])}
        else:
            result.status = response.status_name
            result.metrics = {"rebooted": 0}
    else:
        response = mailbox.run(case.command, case.args, timeout_s=case.timeout_s)
        result.status = response.status_name
        result.metrics, result.details = split_results(response.results)
        result.metrics["host_round_trip_s"] = round(response.elapsed_s, 6)
        if case.command == "ping" and "echo" in response.results:
            result.metrics["echo_ok"] = int(response.results["echo"] == P.encode_args("ping", case.args))
        if case.command == "stack_report" and stack_bound is not None and response.status_name == "OK":
            result.stack_check = cross_check(stack_bound, response.results.get("stacks", []))
            result.metrics["stack.%s.static_bound" % MAIN_STACK_TAG] = stack_bound.bound
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
