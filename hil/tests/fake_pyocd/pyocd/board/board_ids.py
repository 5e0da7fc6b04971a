"""Stand-in for pyocd.board.board_ids: BoardInfo and a few of pyOCD's board
ids (the same ids, names and targets as in pyOCD 0.36+)."""

from typing import NamedTuple, Optional


class BoardInfo(NamedTuple):
    name: str
    target: Optional[str] = None
    binary: Optional[str] = None
    vendor: Optional[str] = None


BOARD_ID_TO_INFO = {
    "0720": BoardInfo("NUCLEO-F401RE", "stm32f401retx"),
    "0815": BoardInfo("DISCO-F746NG", "stm32f746nghx"),
    "0817": BoardInfo("DISCO-F769NI", "stm32f769nihx"),
    "0818": BoardInfo("NUCLEO-F767ZI", "stm32f767zitx"),
}
