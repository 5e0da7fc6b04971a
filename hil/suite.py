"""Suite files: which commands to run, with which arguments and limits.

    name: tidemark-hil
    timeout_s: 10            # default answer timeout per case (wall clock)
    ready_timeout_s: 5       # how long the agent may take to publish its magic
    cases:
      - name: adc_10khz_lossless
        command: adc_burst
        args: {count: 20000, rate_hz: 10000}
        timeout_s: 30
        limits:
          lost_seq: {eq: 0}
          dropped: 0                    # shorthand for {eq: 0}
          received: {ge: 20000}
      - name: stacks_below_80_percent
        command: stack_report
        limits:
          max_use_ratio: {lt: 0.8}

Arguments are checked against hil/mailbox_protocol.py (names, enum values,
u32 range) when the suite loads, so a typo fails before any board is touched.
`expect_status` (default OK) names the mailbox status the case expects.
"""

import dataclasses

from hil import mailbox_protocol as P
from hil.errors import UsageError
from hil.known_metrics import is_known_metric, known_metrics
from hil.limits import parse_limits


@dataclasses.dataclass
class Case:
    name: str
    command: str
    args: dict
    limits: list
    timeout_s: float
    expect_status: str = "OK"


@dataclasses.dataclass
class Suite:
    name: str
    cases: list
    ready_timeout_s: float
    source: str


CASE_KEYS = {"name", "command", "args", "limits", "timeout_s", "expect_status"}
SUITE_KEYS = {"name", "timeout_s", "ready_timeout_s", "cases"}


def parse_suite(data, source="<suite>"):
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list) or not data["cases"]:
        raise UsageError("%s: expected a mapping with a non-empty 'cases:' list" % source)
    unknown = set(data) - SUITE_KEYS
    if unknown:
        raise UsageError("%s: unknown keys %s" % (source, ", ".join(sorted(unknown))))
    default_timeout = positive_seconds(data, "timeout_s", 10, source)
    ready_timeout = positive_seconds(data, "ready_timeout_s", 5, source)
    cases = []
    names = set()
    for i, entry in enumerate(data["cases"]):
        where = "%s: case %d" % (source, i + 1)
        if not isinstance(entry, dict):
            raise UsageError("%s: expected a mapping" % where)
        unknown = set(entry) - CASE_KEYS
        if unknown:
            raise UsageError("%s: unknown keys %s" % (where, ", ".join(sorted(unknown))))
        name = entry.get("name")
        if not isinstance(name, str) or not name or name in names:
            raise UsageError("%s: needs a unique 'name' (a string)" % where)
        names.add(name)
        where = "%s: case %r" % (source, name)
        command = entry.get("command")
        args = entry.get("args") or {}
        if not isinstance(args, dict):
            raise UsageError("%s: args must be a mapping of name: value, got %r" % (where, args))
        try:
            P.encode_args(command, args)
        except ValueError as e:
            raise UsageError("%s: %s" % (where, e)) from None
        expect = str(entry.get("expect_status", "OK")).upper()
        if expect not in P.STATUS.values():
            raise UsageError("%s: expect_status %r is not one of %s" % (where, expect, sorted(P.STATUS.values())))
        try:
            limits = parse_limits(entry.get("limits") or {})
        except ValueError as e:
            raise UsageError("%s: %s" % (where, e)) from None
        unknown = sorted({limit.metric for limit in limits if not is_known_metric(command, limit.metric)})
        if unknown:
            raise UsageError("%s: limits: no %s case reports %s (it reports: %s)" % (
                where, command, ", ".join(unknown), ", ".join(sorted(known_metrics(command)))))
        timeout = positive_seconds(entry, "timeout_s", default_timeout, where)
        cases.append(Case(name, command, dict(args), limits, timeout, expect))
    return Suite(str(data.get("name", "hil")), cases, ready_timeout, source)


def positive_seconds(mapping, key, default, where):
    """mapping[key] as a positive number of seconds; UsageError naming
    `where` and `key` otherwise."""
    value = mapping.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise UsageError("%s: %s must be a positive number of seconds, got %r" % (where, key, value))
    return float(value)


def load_suite(path):
    try:
        import yaml
    except ImportError:
        raise UsageError("PyYAML missing: apt-get install -y python3-yaml") from None
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f)
    except OSError as e:
        raise UsageError("cannot read suite %s: %s" % (path, e)) from None
    except yaml.YAMLError as e:
        raise UsageError("suite %s: %s" % (path, e)) from None
    return parse_suite(data, source=path)
