#!/usr/bin/env python3
"""Per-call instruction counts from callgrind dumps made by heap_stress
--dump-calls: each dump is labelled by its trigger ("alloc", "free", or "cal"
for an empty bracket). Prints max and min per label, less the bracket cost."""
import collections
import glob
import re
import sys

costs = collections.defaultdict(list)
for path in glob.glob(sys.argv[1] + "*"):
    label = summary = None
    with open(path) as f:
        for line in f:
            m = re.match(r"desc: Trigger: Client Request: (\w+)", line)
            if m:
                label = m.group(1)
            m = re.match(r"summary: (\d+)", line) or re.match(r"totals: (\d+)", line)
            if m:
                summary = int(m.group(1))
    if label and summary is not None:
        costs[label].append(summary)
cal = min(costs.pop("cal", [0]))
for label in sorted(costs):
    v = [c - cal for c in costs[label]]
    print(f"{label}: calls measured {len(v)}, max {max(v)}, min {min(v)} (bracket cost {cal} subtracted)")
