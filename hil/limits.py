"""Pass/fail limits: `metric: {op: value}` checked against a case's metrics.

Operators: eq, ne, lt, le, gt, ge, in (a list). A bare value means eq.
Metric names are the decoded result fields (hil/mailbox_protocol.py), plus
derived ones (latency_mean, max_use_ratio, ...); a missing metric fails.
"""

import dataclasses
import operator

OPERATORS = {
    "eq": operator.eq, "ne": operator.ne, "lt": operator.lt, "le": operator.le,
    "gt": operator.gt, "ge": operator.ge, "in": lambda v, allowed: v in allowed,
}
SYMBOLS = {"eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">=", "in": "in"}


@dataclasses.dataclass
class Limit:
    metric: str
    op: str
    bound: object

    def describe(self):
        return "%s %s %r" % (self.metric, SYMBOLS[self.op], self.bound)


@dataclasses.dataclass
class Check:
    limit: Limit
    value: object
    ok: bool

    def to_dict(self):
        return {"metric": self.limit.metric, "op": self.limit.op, "limit": self.limit.bound,
                "value": self.value, "ok": self.ok}

    def describe(self):
        return "%s (got %r)" % (self.limit.describe(), self.value)


def parse_limits(spec):
    """`spec` ({metric: {op: bound} | bound}) as a list of Limit; ValueError on mistakes."""
    if not isinstance(spec, dict):
        raise ValueError("limits must be a mapping of metric -> {op: value}")
    out = []
    for metric, rule in spec.items():
        if not isinstance(rule, dict):
            rule = {"eq": rule}
        if not rule:
            raise ValueError("limit for %s is empty" % metric)
        for op, bound in rule.items():
            if op not in OPERATORS:
                raise ValueError("limit for %s: unknown operator %r (use %s)" % (
                    metric, op, ", ".join(OPERATORS)))
            if op == "in" and not isinstance(bound, list):
                raise ValueError("limit for %s: 'in' needs a list" % metric)
            out.append(Limit(str(metric), op, bound))
    return out


def evaluate(limits, metrics):
    """Checks every limit against `metrics` (a flat dict)."""
    checks = []
    for limit in limits:
        value = metrics.get(limit.metric)
        if value is None or isinstance(value, (list, dict)):
            checks.append(Check(limit, value, False))
            continue
        try:
            ok = bool(OPERATORS[limit.op](value, limit.bound))
        except TypeError:
            ok = False
        checks.append(Check(limit, value, ok))
    return checks
