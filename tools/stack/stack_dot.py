"""The call graph of a stack analysis as Graphviz DOT: one node per reachable
function (frame and worst depth), the worst path of every root in red."""

from typing import List

from tools.stack.stack_bound import Analysis


def _q(s: str) -> str:
    return '"%s"' % s.replace('"', '\\"')


def to_dot(a: Analysis) -> str:
    worst = set()
    for r in a.roots:
        names = [s.function for s in r.path]
        worst.update(zip(names, names[1:]))
    out: List[str] = ["digraph stack {", "  node [shape=box, fontname=monospace];"]
    for name, row in sorted(a.functions.items()):
        label = "%s\\nframe %d B, depth %d B" % (name, row["frame"], row["depth"])
        if row["flags"]:
            label += "\\n" + ",".join(row["flags"])
        out.append("  %s [label=%s];" % (_q(name), _q(label)))
    for name, row in sorted(a.functions.items()):
        for c in row["callees"]:
            style = " [color=red, penwidth=2]" if (name, c) in worst else ""
            out.append("  %s -> %s%s;" % (_q(name), _q(c), style))
    out.append("}")
    return "\n".join(out) + "\n"
