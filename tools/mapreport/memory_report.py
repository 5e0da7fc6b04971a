"""Memory report of a firmware: per-region use, top symbols (ELF) and top
objects (linker map), changes versus a saved baseline, and limit checks."""

from typing import Dict, List, Optional

from tools.mapreport import linker_map
from tools.mapreport.elf_memory import MemoryImage

TOP = 10


def objects_per_region(image: MemoryImage, contributions: List[linker_map.Contribution]) -> Dict[str, Dict[str, int]]:
    """{region: {object: bytes}} over the ELF's allocated sections (run-time
    place, and load place when the bytes are stored elsewhere)."""
    alloc = set(image.alloc_section_names)
    # Output sections whose bytes are stored in flash. ld prints a "load
    # address" for zero-filled (NOLOAD) sections too; they occupy none.
    loaded = {s.name for s in image.sections if s.lma is not None}
    out: Dict[str, Dict[str, int]] = {r.name: {} for r in image.regions}
    for c in contributions:
        if c.output_section not in alloc:
            continue
        places = [image.region_at(c.address)]
        if c.load_address is not None and c.output_section in loaded:
            places.append(image.region_at(c.load_address))
        seen = set()
        for r in places:
            if r is None or r.name in seen:
                continue
            seen.add(r.name)
            out[r.name][c.obj] = out[r.name].get(c.obj, 0) + c.size
    return out


def build(image: MemoryImage, contributions: List[linker_map.Contribution]) -> dict:
    objects = objects_per_region(image, contributions)
    regions = {}
    for r in image.regions:
        regions[r.name] = {
            "start": r.start,
            "size": r.size,
            "used": r.used,
            "free": r.free,
            "sections": dict(sorted(r.sections.items())),
            "symbols": dict(sorted(r.symbols.items())),
            "objects": dict(sorted(objects[r.name].items())),
        }
    return {"elf": image.path, "regions": regions}


def top(d: Dict[str, int], n: int = TOP) -> List:
    return sorted(d.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def baseline_of(report: dict) -> dict:
    """What is saved: used bytes and every symbol's size per region."""
    return {"regions": {name: {"used": r["used"], "symbols": r["symbols"]}
                        for name, r in report["regions"].items()}}


def diff(report: dict, baseline: dict) -> dict:
    """{region: {"used": (old, new), "symbols": [(name, old or None, new or None)]}}"""
    out = {}
    base_regions = baseline.get("regions", {})
    for name, r in report["regions"].items():
        b = base_regions.get(name)
        if b is None:
            out[name] = {"used": (None, r["used"]), "symbols": []}
            continue
        changes = []
        old, new = b.get("symbols", {}), r["symbols"]
        for sym in sorted(set(old) | set(new)):
            if old.get(sym) != new.get(sym):
                changes.append((sym, old.get(sym), new.get(sym)))
        changes.sort(key=lambda c: (-abs((c[2] or 0) - (c[1] or 0)), c[0]))
        out[name] = {"used": (b.get("used"), r["used"]), "symbols": changes}
    for name in base_regions:
        if name not in report["regions"]:
            out[name] = {"used": (base_regions[name].get("used"), None), "symbols": []}
    return out


def check_limits(report: dict, limits: Dict[str, int]) -> List[str]:
    msgs = []
    for name, limit in sorted(limits.items()):
        r = report["regions"].get(name)
        if r is None:
            msgs.append("limit for region %r, which this firmware does not have (regions: %s)"
                        % (name, ", ".join(report["regions"])))
            continue
        if r["used"] > limit:
            syms = ", ".join("%s %d B" % kv for kv in top(r["symbols"], 5))
            msgs.append("%s: %d B used exceeds the limit %d B by %d B; top symbols: %s"
                        % (name, r["used"], limit, r["used"] - limit, syms))
    return msgs


def _pct(a, b):
    return "%5.1f%%" % (100.0 * a / b) if b else "    -"


def render(report: dict, title: str, limits: Dict[str, int], changes: Optional[dict], baseline_name: str) -> str:
    out = ["Memory report: " + title, ""]
    out.append("  %-7s %-11s %9s %9s %9s %7s %9s" % ("region", "start", "size", "used", "free", "used%", "limit"))
    for name, r in report["regions"].items():
        lim = limits.get(name)
        out.append("  %-7s 0x%08x %9d %9d %9d %7s %9s" % (
            name, r["start"], r["size"], r["used"], r["free"], _pct(r["used"], r["size"]),
            "%d" % lim if lim is not None else "-"))
    out.append("")
    out.append("Sections per region (bytes; load images count in the region that stores them)")
    for name, r in report["regions"].items():
        if r["sections"]:
            out.append("  %-6s %s" % (name + ":", ", ".join("%s %d" % kv for kv in top(r["sections"], 20))))
    out.append("")
    out.append("Top symbols per region (ELF symbol sizes)")
    for name, r in report["regions"].items():
        if not r["symbols"]:
            continue
        out.append("  %s" % name)
        for sym, size in top(r["symbols"]):
            out.append("    %8d  %s" % (size, sym))
    out.append("")
    out.append("Top objects per region (linker map)")
    for name, r in report["regions"].items():
        if not r["objects"]:
            continue
        out.append("  %s" % name)
        for obj, size in top(r["objects"]):
            out.append("    %8d  %s" % (size, obj))
    out.append("")
    if changes is None:
        out.append("Change versus baseline: no baseline given")
    else:
        out.append("Change versus baseline (%s)" % baseline_name)
        any_change = False
        for name, c in changes.items():
            old, new = c["used"]
            if old != new or c["symbols"]:
                any_change = True
                delta = "%+d B" % ((new or 0) - (old or 0))
                out.append("  %s: used %s -> %s (%s)" % (name, old, new, delta))
                for sym, o, n in c["symbols"][:TOP]:
                    if o is None:
                        out.append("    + %s %d B" % (sym, n))
                    elif n is None:
                        out.append("    - %s %d B" % (sym, o))
                    else:
                        out.append("    ~ %s %d -> %d B (%+d)" % (sym, o, n, n - o))
                if len(c["symbols"]) > TOP:
                    out.append("    ... %d more symbol changes" % (len(c["symbols"]) - TOP))
        if not any_change:
            out.append("  no change")
    return "\n".join(out) + "\n"
