"""Which board an attached probe sits on, and whether the rig may flash it
without being told (no --board, probe not in the hardware map).

The rig's real-board firmware is built for the STM32F769 (platform
stm32f769); it fits the STM32F76x/F77x family and nothing else. pyOCD 0.36+
reports, for an on-board ST-LINK, the board id of the board it sits on and,
when it knows that id, the board's name and target (BoardInfo). A probe is
taken as an F76x/F77x board when its board id is one pyOCD lists for such a
board, or when pyOCD's target name for it is stm32f76*/stm32f77*. Anything
else is refused before a session is opened: a probe on a known other board,
and a probe whose board pyOCD does not know.
"""

import dataclasses

from hil.errors import UsageError

#: Board ids of STM32F76x/F77x boards in pyOCD's board_ids.py.
F76X_F77X_BOARD_IDS = {
    "0817": "DISCO-F769NI",
    "0818": "NUCLEO-F767ZI",
}
F76X_F77X_TARGET_PREFIXES = ("stm32f76", "stm32f77")


@dataclasses.dataclass(frozen=True)
class AttachedProbe:
    """An attached debug probe as board selection sees it; the board fields
    are None when the probe does not report them or pyOCD does not know them."""
    unique_id: str
    board_id: str = None
    board_name: str = None
    board_target: str = None

    def describe_board(self):
        """The board as pyOCD reports it, e.g. "DISCO-F769NI (board id 0817,
        target stm32f769nihx)"."""
        known = ["board id %s" % (self.board_id or "none")]
        if self.board_target:
            known.append("target %s" % self.board_target)
        return "%s (%s)" % (self.board_name or "board", ", ".join(known))


def is_f76x_f77x(probe):
    if probe.board_id in F76X_F77X_BOARD_IDS:
        return True
    return (probe.board_target or "").lower().startswith(F76X_F77X_TARGET_PREFIXES)


def require_f76x_f77x(probe):
    """Returns quietly when `probe` (an AttachedProbe not in the hardware
    map) is on an STM32F76x/F77x board; UsageError naming what was found
    otherwise. Nothing has been opened or flashed at that point."""
    if is_f76x_f77x(probe):
        return
    if probe.board_name is None and probe.board_target is None:
        raise UsageError(
            "the one attached probe %s is on a board pyOCD does not know (board id %s), so "
            "it cannot tell whether it is an STM32F76x/F77x and nothing is flashed. If it "
            "is, add the probe to the hardware map (backend: pyocd, probe_uid: \"%s\", "
            "platform: stm32f769) and run with --map FILE --board NAME; or run with "
            "--board emulated" % (probe.unique_id, probe.board_id or "none", probe.unique_id))
    raise UsageError(
        "the one attached probe %s is on a %s, not an STM32F76x/F77x board: refusing to "
        "flash it. Unplug it, or run with --board emulated"
        % (probe.unique_id, probe.describe_board()))
