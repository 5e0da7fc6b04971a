"""The stack cross-check: the agent's painted high-water mark against the
static worst case of //tools/stack for the same image.

    --stack-bounds FILE | PLATFORM=FILE      (repeatable)

FILE is JSON with an integer "bound" (bytes); the `<name>.stack.json` a
stack_budget target writes (apps/hil_agent:hil_agent_<board>_stack_report)
also carries "stack_usable" (the reservation minus the MPU guard) and "elf"
(the image it analysed). Anything else it holds is ignored, so a hand-written
`{"bound": 1024}` works too. Files not ending in .json are skipped (so
$(rootpaths) of the report filegroup can be passed whole).

Which file applies: a PLATFORM=FILE entry for the board's platform; else the
only plain file; else the plain file whose "elf" has the firmware's file
name. No entry: no cross-check.

The stack_report case then records, for the main stack (tag MSP), the
static bound, the measured high-water mark and the reservation the agent
reports, and FAILS when tools/stack/stack_crosscheck.verdict says so:
measured > bound (the analysis missed a path or an assumption in its
annotations is wrong), or the file's "stack_usable" differs from the
reservation the agent reports (the bound is for another image).
"""

import dataclasses
import json
import os

from hil.errors import UsageError
from hil.usage_parser import platform_entries
from tools.stack.stack_crosscheck import verdict

MAIN_STACK_TAG = "MSP"


@dataclasses.dataclass(frozen=True)
class StackBound:
    bound: int              # static worst case of the main stack, bytes
    source: str             # the file it came from
    stack_usable: int = 0   # reservation minus guard per the file, 0 if absent
    elf: str = ""           # the image the analysis ran on, "" if absent

    def to_dict(self):
        return dataclasses.asdict(self)


def load_bound(path):
    """A StackBound from a JSON file; UsageError when it is unusable."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except OSError as e:
        raise UsageError("cannot read stack bound %s: %s" % (path, e)) from None
    except ValueError as e:
        raise UsageError("stack bound %s is not JSON: %s" % (path, e)) from None
    if not isinstance(data, dict):
        raise UsageError("stack bound %s: expected a JSON object with an integer 'bound'" % path)
    bound = data.get("bound")
    if not isinstance(bound, int) or isinstance(bound, bool) or bound <= 0:
        raise UsageError("stack bound %s: 'bound' must be a positive integer (bytes), got %r" % (path, bound))
    usable = data.get("stack_usable", 0)
    if not isinstance(usable, int) or isinstance(usable, bool) or usable < 0:
        raise UsageError("stack bound %s: 'stack_usable' must be a non-negative integer, got %r" % (path, usable))
    return StackBound(bound, path, usable, str(data.get("elf", "")))


def resolve_bound(entries, platform, firmware):
    """The StackBound for `platform` / the `firmware` ELF from --stack-bounds
    entries, or None when no entry applies (see the module docstring)."""
    by_platform, plain = platform_entries(entries, ".json")
    if platform in by_platform:
        return load_bound(by_platform[platform])
    if len(plain) == 1:
        return load_bound(plain[0])
    if not plain:
        return None
    bounds = [load_bound(p) for p in plain]
    name = os.path.basename(firmware)
    matching = [b for b in bounds if b.elf and os.path.basename(b.elf) == name]
    if len(matching) == 1:
        return matching[0]
    raise UsageError("several stack bound files (%s) and %s for %s: use PLATFORM=FILE" % (
        ", ".join(plain), "none" if not matching else "more than one", name))


def cross_check(bound, stacks):
    """Compares the main stack of a decoded stack_report (`stacks`: list of
    {tag, size, high_water}) with `bound`. Returns the record kept in the
    case result: static_bound, measured, reserved, source, ok, message."""
    record = {"stack": MAIN_STACK_TAG, "static_bound": bound.bound, "measured": None,
              "reserved": None, "source": bound.source, "ok": False, "message": ""}
    main = next((s for s in stacks if s.get("tag") == MAIN_STACK_TAG), None)
    if main is None:
        record["message"] = "stack cross-check: the agent reported no %s stack" % MAIN_STACK_TAG
        return record
    record["measured"], record["reserved"] = main["high_water"], main["size"]
    why = verdict(main["high_water"], bound.bound, bound.stack_usable, main["size"], bound.source)
    record["ok"] = not why
    record["message"] = "stack cross-check: " + why if why else ""
    return record


def describe(record):
    """One line: static bound, measured, reserved side by side."""
    def b(v):
        return "-" if v is None else "%d B" % v
    return "stack %s: static bound %s, measured %s, reserved %s" % (
        record["stack"], b(record["static_bound"]), b(record["measured"]), b(record["reserved"]))
