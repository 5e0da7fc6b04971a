"""Stand-in for pyocd.flash.file_programmer.FileProgrammer (recorded)."""

import pyocd_standin


class FileProgrammer:
    def __init__(self, session, progress=None, chip_erase=None, smart_flash=None,
                 trust_crc=None, keep_unwritten=None, no_reset=None):
        pyocd_standin.record("FileProgrammer", session=session, chip_erase=chip_erase,
                             smart_flash=smart_flash)
        self._progress = progress

    def program(self, file_or_path, file_format=None, **kwargs):
        pyocd_standin.record("FileProgrammer.program", file_or_path=file_or_path,
                             file_format=file_format)
        if self._progress is not None:
            self._progress(1.0)
