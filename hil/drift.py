"""Drift across --repeat N: the same case's numbers side by side.

For every case run more than once (named `<name>#<k>`, suite_selection.py)
and every numeric metric all its repeats report, the minimum, maximum and
spread; only metrics that moved are listed, plus cases whose outcome
changed between repeats (flaky). On the emulated board (-icount) target-side
numbers should not move at all; the host's round-trip time always does.
"""

#: --repeat names the k-th run of a case "<name>#<k>" (suite_selection.py).
REPEAT_SEPARATOR = "#"


def base_name(case_name):
    """The suite's name of a (possibly repeated) case."""
    return case_name.split(REPEAT_SEPARATOR, 1)[0]


def drift(cases):
    """[{case, metric, min, max, spread, relative, values}] for every moved
    metric, and [{case, outcomes}] for cases whose outcome changed."""
    groups = {}
    for case in cases:
        groups.setdefault(base_name(case.name), []).append(case)
    moved, flaky = [], []
    for name, repeats in groups.items():
        if len(repeats) < 2:
            continue
        outcomes = [c.outcome for c in repeats]
        if len(set(outcomes)) > 1:
            flaky.append({"case": name, "outcomes": outcomes})
        common = set.intersection(*(set(c.metrics) for c in repeats))
        for metric in sorted(common):
            values = [c.metrics[metric] for c in repeats]
            if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
                continue
            low, high = min(values), max(values)
            if low == high:
                continue
            moved.append({"case": name, "metric": metric, "min": low, "max": high, "spread": high - low,
                          "relative": (high - low) / abs(low) if low else None, "values": values})
    return {"repeats": max((len(r) for r in groups.values()), default=0), "moved": moved, "flaky": flaky}


def format_drift(record):
    """Lines for the results table ([] when nothing was repeated)."""
    if record.get("repeats", 0) < 2:
        return []
    lines = ["", "drift across %d repeats: %d metric(s) moved, %d case(s) changed outcome" % (
        record["repeats"], len(record["moved"]), len(record["flaky"]))]
    for row in record["moved"]:
        lines.append("  %s %s: %s .. %s (spread %s%s)" % (
            row["case"], row["metric"], _num(row["min"]), _num(row["max"]), _num(row["spread"]),
            ", %.1f %%" % (100 * row["relative"]) if row["relative"] is not None else ""))
    for row in record["flaky"]:
        lines.append("  %s: outcomes %s" % (row["case"], ", ".join(row["outcomes"])))
    return lines


def _num(value):
    return "%.6g" % value if isinstance(value, float) else str(value)
