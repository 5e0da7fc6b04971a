"""The host's command registry: what the rig does for each mailbox command.

Wire details (ids, argument order, result layouts) live in
hil/mailbox_protocol.py; this module holds the per-command behaviour that
used to be string checks in case_executor.py, known_metrics.py and
known_state.py. Each command is a Command object with hooks:

  before(session)            -> the mailbox client, board ready (default: session.ready())
  run(mailbox, case)         -> the raw answer (default: one mailbox round trip)
  after(answer, case, session, result, stack_bound)
                             -> fills result.status / metrics / details
  known_metrics()            -> the exact metric names a limit may name
  is_known_metric(metric)    -> also matches metric shapes (stack.<tag>.<field>)

and two flags for hil/known_state.py: `cumulative` (measures since boot)
and `reboots` (the case restarts the board itself). Add a command here by
subclassing Command only when it needs more than the defaults.
"""

import re

from hil import mailbox_protocol as P
from hil.static_bound import MAIN_STACK_TAG, cross_check

HOST_METRICS = frozenset({"host_round_trip_s"})
STACK_METRIC = re.compile(r"^stack\.[^.]+\.(size|high_water|use_ratio|static_bound)$")


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


def scalar_fields(command):
    """The layout's one-word fields for `command` (arrays are not metrics)."""
    layout = P.LAYOUT_IDS.get(command)
    if layout is None:
        return set()
    return {f for f in P.LAYOUTS[layout][1] if isinstance(f, str)}


class Command:
    """A command answered with one mailbox round trip and a result layout."""
    cumulative = False
    reboots = False
    derived = frozenset()   # metrics decode_results() or after() add to the layout's scalars

    def __init__(self, name):
        self.name = name

    def before(self, session):
        return session.ready()

    def run(self, mailbox, case):
        return mailbox.run(self.name, case.args, timeout_s=case.timeout_s)

    def after(self, response, case, session, result, stack_bound):
        result.status = response.status_name
        result.metrics, result.details = split_results(response.results)
        result.metrics["host_round_trip_s"] = round(response.elapsed_s, 6)

    def known_metrics(self):
        return scalar_fields(self.name) | set(self.derived) | set(HOST_METRICS)

    def is_known_metric(self, metric):
        return metric in self.known_metrics()


class Ping(Command):
    """echo_ok: the agent echoed the argument words unchanged."""
    derived = frozenset({"echo_ok"})

    def after(self, response, case, session, result, stack_bound):
        super().after(response, case, session, result, stack_bound)
        if "echo" in response.results:
            result.metrics["echo_ok"] = int(response.results["echo"] == P.encode_args(self.name, case.args))


class StackReport(Command):
    """High-water marks since boot, cross-checked against the static bound
    (hil/static_bound.py) when the run has one."""
    cumulative = True
    derived = frozenset({"max_use_ratio"})

    def after(self, response, case, session, result, stack_bound):
        super().after(response, case, session, result, stack_bound)
        if stack_bound is not None and response.status_name == "OK":
            result.stack_check = cross_check(stack_bound, response.results.get("stacks", []))
            result.metrics["stack.%s.static_bound" % MAIN_STACK_TAG] = stack_bound.bound

    def is_known_metric(self, metric):
        return super().is_known_metric(metric) or STACK_METRIC.match(metric) is not None


def fault_metrics(record, elf):
    """The fault record as metrics, plus whether MMFAR hit the stack guard."""
    metrics = {k: v for k, v in record.items() if not isinstance(v, str)}
    limit = elf.symbol("_stack_limit")
    guard = elf.symbol("_stack_guard_size")
    if limit is not None and guard is not None:
        metrics["mmfar_in_stack_guard"] = int(
            record["valid"] == 1 and limit.address <= record["mmfar"] < limit.address + guard.address)
    return metrics


class Fault(Command):
    """Makes the agent fault on purpose; the answer is the fault record the
    BSP left after the reboot (or the agent's status if it did not fault)."""
    reboots = True
    METRICS = frozenset(set(P.FAULT_FIELDS) | {"stack_overflow_flag", "frame_invalid_flag",
                                               "mmfar_in_stack_guard", "rebooted"})

    def run(self, mailbox, case):
        return mailbox.run_fault(case.args.get("kind", 0), timeout_s=case.timeout_s)

    def after(self, answer, case, session, result, stack_bound):
        record, response = answer
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

    def known_metrics(self):
        return set(self.METRICS)


_SPECIAL = {"ping": Ping, "stack_report": StackReport, "fault": Fault}
_DERIVED = {
    "adc_burst": {"latency_mean"},
    "packet_burst": {"alloc_mean", "free_mean"},
    "heap_stress": {"alloc_mean", "free_mean"},
    "bench": {"mean"},
}


def _make(name):
    command = _SPECIAL.get(name, Command)(name)
    if name in _DERIVED:
        command.derived = frozenset(_DERIVED[name])
    return command


REGISTRY = {name: _make(name) for name in P.COMMANDS}


def command(name):
    """The registry entry for `name`; a plain Command for a name the
    protocol does not know (the mailbox client rejects it when run)."""
    return REGISTRY.get(name) or Command(name)
