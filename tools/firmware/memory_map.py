"""The memory maps tidemark's linker scripts must reproduce, so that a test can
catch a wrong linker script. The maps live in the board registry
(//boards:boards.bzl, with their sources: RM0410 §2.2.2 for the STM32F769,
QEMU 7.2 `info mtree` for mps2-an500); this module reads its JSON export."""

from boards import board_registry

MEMORY_MAPS = {board: board_registry.memory_map(board) for board in board_registry.names()}
