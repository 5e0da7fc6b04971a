"""The board registry (//boards:boards.bzl) for Python, read from the
generated boards.json in this module's runfiles.

Import it workspace-rooted (`from boards import board_registry`) with
//boards:board_registry in the target's deps: boards.json is a data file of
that target, so it sits next to this file in the runfiles tree. A child
process started with the parent's sys.path as PYTHONPATH finds it the same
way (the runfiles root is on that path)."""

import json
import os

# Outside Bazel (the benchmark scripts run from the source tree) there are no
# runfiles: the script builds //boards:boards and names the file in
# $TIDEMARK_BOARDS_JSON (bench/lib/bench_lib.sh, boards_json_env).
_JSON = os.environ.get("TIDEMARK_BOARDS_JSON") or \
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "boards.json")

with open(_JSON, encoding="utf-8") as _f:
    BOARDS = json.load(_f)


def names():
    """Every board name, in registry order."""
    return list(BOARDS)


def emulated():
    """Boards with a QEMU machine."""
    return tuple(b for b, r in BOARDS.items() if r["qemu_machine"])


def default_emulated():
    """The board firmware runs on when nobody names one: the first board with
    a QEMU machine (app tests, the rig's emulated board)."""
    return emulated()[0]


def real():
    """Boards without a QEMU machine (real hardware)."""
    return tuple(b for b, r in BOARDS.items() if not r["qemu_machine"])


def memory_map(board):
    """{region: (origin, length)} of `board`."""
    return {k: tuple(v) for k, v in BOARDS[board]["memory_map"].items()}


def record(board):
    """The registry record of `board` (KeyError for an unknown board)."""
    return BOARDS[board]


def qemu_machine(board):
    """`qemu-system-arm -M` name of `board`; ValueError when it has none."""
    machine = BOARDS[board]["qemu_machine"]
    if not machine:
        raise ValueError("board %s has no QEMU machine (real hardware)" % board)
    return machine
