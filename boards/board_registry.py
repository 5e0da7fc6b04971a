"""The board registry (//boards:boards.bzl) for Python, read from the
generated boards.json in this module's runfiles."""

import json
import os

_JSON = os.path.join(os.path.dirname(os.path.abspath(__file__)), "boards.json")

with open(_JSON, encoding="utf-8") as _f:
    BOARDS = json.load(_f)


def names():
    """Every board name, in registry order."""
    return list(BOARDS)


def emulated():
    """Boards with a QEMU machine."""
    return tuple(b for b, r in BOARDS.items() if r["qemu_machine"])


def real():
    """Boards without a QEMU machine (real hardware)."""
    return tuple(b for b, r in BOARDS.items() if not r["qemu_machine"])


def memory_map(board):
    """{region: (origin, length)} of `board`."""
    return {k: tuple(v) for k, v in BOARDS[board]["memory_map"].items()}
