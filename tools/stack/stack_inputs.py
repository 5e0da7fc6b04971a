"""Readers for GCC's per-unit stack files.

-fstack-usage (.su), one line per function:
    apps/hello/main.c:22:13:put<TAB>8<TAB>static
  qualifier: "static" (fixed frame), "dynamic,bounded" (the number is an upper
  bound), "dynamic" (alloca / VLA: the number is only the fixed part).

-fcallgraph-info=su (.ci), VCG text: nodes (title is the assembler name,
"<file>:<name>" for static functions) and call edges; an indirect call is an
edge to the node "__indirect_call" labelled with the call's location.
"""

import os
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

INDIRECT_NODE = "__indirect_call"


@dataclass
class FrameEntry:
    """One function's frame, from a .su line (and the .ci of the same unit)."""

    name: str
    unit: str            # basename of the compiled source, e.g. "main.c"
    location: str        # file:line:col of the definition
    bytes: int
    qualifier: str       # static | dynamic | dynamic,bounded
    is_static: Optional[bool] = None   # from the .ci title; None if unknown
    indirect_sites: List[str] = field(default_factory=list)  # .ci locations

    @property
    def dynamic_unbounded(self) -> bool:
        return self.qualifier == "dynamic"


_SU_LINE = re.compile(r"^(?P<loc>.*?:\d+:\d+):(?P<name>[^\t]+)\t(?P<bytes>\d+)\t(?P<qual>\S+)\s*$")


def unit_of(path: str) -> str:
    """"bazel-out/.../main.su" -> "main.c" (the ELF's STT_FILE spelling)."""
    stem = os.path.splitext(os.path.basename(path))[0]
    return stem + ".c"


def parse_su(path: str) -> List[FrameEntry]:
    unit = unit_of(path)
    entries = []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            if not raw.strip():
                continue
            m = _SU_LINE.match(raw.rstrip("\n"))
            if not m:
                raise ValueError("%s: cannot parse stack usage line %r" % (path, raw))
            entries.append(FrameEntry(
                name=m.group("name"), unit=unit, location=m.group("loc"),
                bytes=int(m.group("bytes")), qualifier=m.group("qual")))
    return entries


_CI_NODE = re.compile(r'^node: \{ title: "(?P<title>[^"]*)" label: "(?P<label>[^"]*)"')
_CI_EDGE = re.compile(r'^edge: \{ sourcename: "(?P<src>[^"]*)" targetname: "(?P<dst>[^"]*)"(?: label: "(?P<label>[^"]*)")?')


def parse_ci(path: str) -> Tuple[Dict[str, str], List[Tuple[str, str, str]]]:
    """Returns ({title: label}, [(source title, target title, location)])."""
    nodes = {}
    edges = []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            m = _CI_NODE.match(line)
            if m:
                nodes[m.group("title")] = m.group("label")
                continue
            m = _CI_EDGE.match(line)
            if m:
                edges.append((m.group("src"), m.group("dst"), m.group("label") or ""))
    return nodes, edges


def load_units(su_paths: List[str], ci_paths: List[str]) -> List[FrameEntry]:
    """All frames, with static-ness and indirect call sites from the .ci file
    of the same unit (matched by path stem)."""
    ci_by_stem = {os.path.splitext(p)[0]: p for p in ci_paths}
    frames = []
    for su_path in sorted(su_paths):
        entries = parse_su(su_path)
        ci_path = ci_by_stem.get(os.path.splitext(su_path)[0])
        if ci_path:
            nodes, edges = parse_ci(ci_path)
            # The .ci title is the assembler name ("file:" prefix when static);
            # the .su name can be shorter for clones ("f.constprop" vs the
            # symbol "f.constprop.0"): match them by the label's name and
            # location, in order.
            by_label: Dict[Tuple[str, str], List[str]] = {}
            for title, label in nodes.items():
                parts = label.split("\\n")
                if len(parts) >= 2:
                    by_label.setdefault((parts[0], parts[1]), []).append(title)
            indirect: Dict[str, List[str]] = {}
            for src, dst, loc in edges:
                if dst == INDIRECT_NODE:
                    indirect.setdefault(src, []).append(loc)
            for e in entries:
                titles = by_label.get((e.name, e.location))
                if not titles:
                    continue
                title = titles.pop(0)
                e.is_static = ":" in title
                e.name = title.rsplit(":", 1)[1] if e.is_static else title
                e.indirect_sites = indirect.get(title, [])
        frames.extend(entries)
    return frames
