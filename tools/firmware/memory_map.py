"""The memory maps tidemark's linker scripts must reproduce, restated from the
sources (RM0410 §2.2.2 for the STM32F769; QEMU 7.2 `info mtree` for
mps2-an500) so that a test can catch a wrong linker script."""

KIB = 1024

MEMORY_MAPS = {
    "stm32f769": {
        "flash": (0x0800_0000, 2048 * KIB),
        "itcm": (0x0000_0000, 16 * KIB),
        "dtcm": (0x2000_0000, 128 * KIB),
        "sram1": (0x2002_0000, 368 * KIB),
        "sram2": (0x2007_C000, 16 * KIB),
    },
    # Code memory at 0 (4 MiB); the F769's RAM addresses are mirrored in the
    # emulated board's 4 MiB SRAM at 0x2000_0000.
    "mps2_an500": {
        "flash": (0x0000_0000, 4096 * KIB),
        "dtcm": (0x2000_0000, 128 * KIB),
        "sram1": (0x2002_0000, 368 * KIB),
        "sram2": (0x2007_C000, 16 * KIB),
    },
}
