"""Reads a GNU ld map file (-Wl,-Map): which object file put how many bytes
into which output section, from the "Linker script and memory map" part.

Input section lines look like
     .text.main     0x08000bb0       0x9c path/libhello.a(main.o)
or, when the name is long, the name alone with the numbers on the next line.
"""

import os
import re
from dataclasses import dataclass
from typing import List, Optional

_OUTPUT = re.compile(r"^(\.\S+|COMMON)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)(?:\s+load address 0x([0-9a-f]+))?")
_OUTPUT_NAME = re.compile(r"^(\.\S+)\s*$")
_OUTPUT_NUMS = re.compile(r"^\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)(?:\s+load address 0x([0-9a-f]+))?\s*$")
_INPUT = re.compile(r"^ (\S+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)(?:\s+(\S.*?))?\s*$")
_INPUT_NAME = re.compile(r"^ (\.\S+|COMMON)\s*$")
_INPUT_NUMS = re.compile(r"^\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$")


@dataclass
class Contribution:
    output_section: str
    input_section: str
    address: int
    size: int
    load_address: Optional[int]   # where its bytes are stored, if elsewhere
    obj: str                      # "libhello.a(main.o)" or "*fill*"


def short_object(path: str) -> str:
    """bazel-out/.../libhello.a(main.o) -> libhello.a(main.o)."""
    m = re.match(r"^(.*?)(\(.*\))?$", path.strip())
    return os.path.basename(m.group(1)) + (m.group(2) or "")


def parse(path: str) -> List[Contribution]:
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    try:
        start = lines.index("Linker script and memory map")
    except ValueError:
        raise ValueError("%s: not a GNU ld map file (no memory map part)" % path)
    out: List[Contribution] = []
    section = None
    shift = 0            # load address - address of the current output section
    pending_input = None
    pending_output = None
    for line in lines[start + 1:]:
        if pending_output is not None:
            m = _OUTPUT_NUMS.match(line)
            if m:
                addr = int(m.group(1), 16)
                section = pending_output
                shift = int(m.group(3), 16) - addr if m.group(3) else 0
            pending_output = None
            continue
        if pending_input is not None:
            m = _INPUT_NUMS.match(line)
            pending, pending_input = pending_input, None
            if m:
                _add(out, section, pending, m.group(1), m.group(2), m.group(3), shift)
                continue
        if not line or line[0] not in " \t":
            m = _OUTPUT.match(line)
            if m:
                section = m.group(1)
                shift = int(m.group(4), 16) - int(m.group(2), 16) if m.group(4) else 0
                continue
            m = _OUTPUT_NAME.match(line)
            if m:
                pending_output = m.group(1)
                continue
            if line and not line.startswith(" "):
                section = None if not line.startswith(".") else section
            continue
        if section is None:
            continue
        m = _INPUT.match(line)
        if m and (m.group(1).startswith(".") or m.group(1) in ("*fill*", "COMMON")):
            _add(out, section, m.group(1), m.group(2), m.group(3), m.group(4), shift)
            continue
        m = _INPUT_NAME.match(line)
        if m:
            pending_input = m.group(1)
    return out


def _add(out, section, name, addr, size, obj, shift):
    size = int(size, 16)
    if size == 0:
        return
    addr = int(addr, 16)
    obj = "*fill*" if name == "*fill*" or not obj else short_object(obj)
    out.append(Contribution(section, name, addr, size, addr + shift if shift else None, obj))
