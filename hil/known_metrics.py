"""Which metric names a case of each command can have, so a limit on a metric
no answer carries (a typo) is a usage error when the suite loads instead of a
failed check at run time.

Scalars come from the result layouts in hil/mailbox_protocol.py; derived ones
from decode_results() and case_executor.py (split_results, fault_metrics,
host_round_trip_s, echo_ok). Per-stack metrics are "stack.<tag>.<field>" for
whatever tags the agent reports, so they are matched by shape.
"""

import re

from hil import mailbox_protocol as P

HOST_METRICS = {"host_round_trip_s"}
DERIVED = {
    "ping": {"echo_ok"},
    "adc_burst": {"latency_mean"},
    "packet_burst": {"alloc_mean", "free_mean"},
    "heap_stress": {"alloc_mean", "free_mean"},
    "bench": {"mean"},
    "stack_report": {"max_use_ratio"},
}
FAULT_METRICS = ({f for f in P.FAULT_FIELDS} | {"stack_overflow_flag", "frame_invalid_flag",
                                                "mmfar_in_stack_guard", "rebooted"})
STACK_METRIC = re.compile(r"^stack\.[^.]+\.(size|high_water|use_ratio|static_bound)$")


def scalar_fields(command):
    """The layout's one-word fields for `command` (arrays are not metrics)."""
    layout = P.LAYOUT_IDS.get(command)
    if layout is None:
        return set()
    return {f for f in P.LAYOUTS[layout][1] if isinstance(f, str)}


def known_metrics(command):
    """The exact metric names a `command` case can be judged on."""
    if command == "fault":
        return set(FAULT_METRICS)
    return scalar_fields(command) | DERIVED.get(command, set()) | HOST_METRICS


def is_known_metric(command, metric):
    return metric in known_metrics(command) or (
        command == "stack_report" and STACK_METRIC.match(metric) is not None)
