"""Which cases of a suite a run executes: --case NAME, -k PATTERN,
--repeat N; and --list.

-k takes a shell-style pattern (`adc_*`, `*lossless`) or, without any of
`*?[`, a substring; both case-insensitive. --case names must match exactly.
A selection that leaves no case, or a --case naming no case, is a usage
error. --repeat N runs the selected cases N times in order, named
`<name>#<k>` (k = 1..N), so the drift report (hil/drift.py) can put the
same case's numbers side by side.
"""

import dataclasses
import fnmatch

from hil.drift import REPEAT_SEPARATOR
from hil.errors import UsageError


def _matches(pattern, name):
    pattern, name = pattern.lower(), name.lower()
    if any(ch in pattern for ch in "*?["):
        return fnmatch.fnmatchcase(name, pattern)
    return pattern in name


def select_cases(suite, names=(), patterns=()):
    """The suite's cases kept by --case `names` and -k `patterns` (either
    kind may match; none given: all), in suite order."""
    if not names and not patterns:
        return list(suite.cases)
    known = {c.name for c in suite.cases}
    missing = [n for n in names if n not in known]
    if missing:
        raise UsageError("--case %s: no such case in %s (cases: %s)" % (
            ", ".join(missing), suite.source, ", ".join(c.name for c in suite.cases)))
    kept = [c for c in suite.cases
            if c.name in names or any(_matches(p, c.name) for p in patterns)]
    if not kept:
        raise UsageError("-k %s: matches no case in %s" % (" ".join(patterns), suite.source))
    return kept


def repeat_cases(cases, times):
    """`cases` `times` times over, renamed name#k when times > 1."""
    if times < 1:
        raise UsageError("--repeat must be at least 1, got %d" % times)
    if times == 1:
        return list(cases)
    return [dataclasses.replace(c, name="%s%s%d" % (c.name, REPEAT_SEPARATOR, k))
            for k in range(1, times + 1) for c in cases]


def format_case_list(suite, cases):
    """The --list output: one line per case."""
    rows = [(c.name, c.command, " ".join("%s=%s" % kv for kv in c.args.items()),
             "timeout %gs" % c.timeout_s) for c in cases]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = ["%s (%s): %d cases" % (suite.name, suite.source, len(cases))]
    lines += ["  ".join(r[i].ljust(widths[i]) for i in range(3)) + "  " + r[3] for r in rows]
    return "\n".join(lines)
