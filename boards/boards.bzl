"""The board registry: every board tidemark builds for, written once.

Everything that needs the list of boards reads BOARDS: //platforms (the
constraint values and platforms), //bsp (the BSP and linker-script selects),
//tools/firmware:firmware.bzl (firmware_for_boards and its BOARDS), the stack
and memory budget macros, and, through the generated //boards:boards.json,
the Python tools. Adding a board starts here: docs/adding-a-board.md.

Each record:
  platform        the platform target (//platforms:<name>, made from this record)
  description     one line for humans
  cpu             constraint values the platform carries besides its board
  bsp             the cc_library implementing bsp/board.h
  linker_script   the board's linker script
  memory_map      {region: [origin, length]} the linker script must reproduce
                  (checked by tests/firmware/elf_check.py)
  qemu_machine    `qemu-system-arm -M` name, or None for real hardware
  pyocd_target    pyOCD target name, or None
  openocd_config  OpenOCD config (Debian's openocd 0.12 search path), or None
"""

_KIB = 1024

_CORTEX_M7_DP = ["armv7e-m", "fpv5-d16"]

BOARDS = {
    # STM32F769I-DISCO (real hardware). Memory map: RM0410 §2.2.2.
    "stm32f769": {
        "description": "STM32F769I-DISCO (real hardware)",
        "cpu": _CORTEX_M7_DP,
        "bsp": "//bsp/stm32f769",
        "linker_script": "//bsp/stm32f769:stm32f769.ld",
        "memory_map": {
            "flash": [0x08000000, 2048 * _KIB],
            "itcm": [0x00000000, 16 * _KIB],
            "dtcm": [0x20000000, 128 * _KIB],
            "sram1": [0x20020000, 368 * _KIB],
            "sram2": [0x2007C000, 16 * _KIB],
        },
        "qemu_machine": None,
        # Built into pyOCD; stm32f769nihx needs `pyocd pack install`.
        "pyocd_target": "stm32f767zi",
        "openocd_config": "board/stm32f769i-disco.cfg",
    },
    # QEMU 7.2 mps2-an500 (emulated Cortex-M7, the HIL rig's default board).
    # Memory map: QEMU `info mtree`; code memory at 0 (4 MiB), the F769's RAM
    # addresses mirrored in the emulated board's 4 MiB SRAM at 0x2000_0000.
    "mps2_an500": {
        "description": "QEMU 7.2 mps2-an500 (emulated Cortex-M7)",
        "cpu": _CORTEX_M7_DP,
        "bsp": "//bsp/mps2_an500",
        "linker_script": "//bsp/mps2_an500:mps2_an500.ld",
        "memory_map": {
            "flash": [0x00000000, 4096 * _KIB],
            "dtcm": [0x20000000, 128 * _KIB],
            "sram1": [0x20020000, 368 * _KIB],
            "sram2": [0x2007C000, 16 * _KIB],
        },
        "qemu_machine": "mps2-an500",
        "pyocd_target": None,
        "openocd_config": None,
    },
}

def _platform(board):
    return str(Label("//platforms:" + board))

def board_platforms():
    """{board: platform label string}."""
    return {board: _platform(board) for board in BOARDS}

def board_select(field, default):
    """A select() dict choosing BOARDS[board][field] on each board's platform."""
    choices = {
        str(Label("//platforms:is_" + board)): BOARDS[board][field]
        for board in BOARDS
    }
    choices["//conditions:default"] = default
    return choices

def _boards_json_impl(ctx):
    records = {}
    for board, record in BOARDS.items():
        r = dict(record)
        r["platform"] = _platform(board)
        records[board] = r
    out = ctx.actions.declare_file(ctx.label.name + ".json")
    ctx.actions.write(out, json.encode_indent(records, indent = "  ") + "\n")
    return [DefaultInfo(files = depset([out]), runfiles = ctx.runfiles(files = [out]))]

boards_json = rule(
    implementation = _boards_json_impl,
    doc = "Writes BOARDS (with each platform label) as <name>.json for the Python tools.",
)

def board_platform_targets():
    """For each board: constraint_value board_<board>, platform <board> and
    config_setting is_<board>. Called once, in //platforms:BUILD."""
    for board, record in BOARDS.items():
        native.constraint_value(
            name = "board_" + board,
            constraint_setting = ":board",
        )
        native.platform(
            name = board,
            constraint_values = [":" + c for c in record["cpu"]] + [
                ":board_" + board,
                "@platforms//os:none",
            ],
        )
        native.config_setting(
            name = "is_" + board,
            constraint_values = [":board_" + board],
        )
