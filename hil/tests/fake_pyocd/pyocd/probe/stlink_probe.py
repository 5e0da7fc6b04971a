"""Stand-in for pyocd.probe.stlink_probe.StlinkProbe. Tests make them (the
real constructor takes a USB link) and put them in pyocd_standin.attached;
the properties and methods the rig uses have the real names and behaviour:
`board_id` (the ST-LINK's board id or None), `associated_board_info` (its
BoardInfo when pyOCD knows the id), `is_open`, open(), close()."""

import pyocd_standin
from pyocd.board.board_ids import BOARD_ID_TO_INFO


class StlinkProbe:
    vendor_name = "STMicroelectronics"
    product_name = "STLINK-V2-1"

    description = product_name   # pyOCD's StlinkProbe: the product name alone

    def __init__(self, unique_id, board_id=None):
        # Properties in pyOCD; plain attributes suffice, the rig only reads them.
        self.unique_id = unique_id
        self.board_id = board_id
        self._is_open = False
        self.session = None

    def __repr__(self):
        return "<StlinkProbe %s>" % self.unique_id

    @property
    def associated_board_info(self):
        return BOARD_ID_TO_INFO.get(self.board_id)

    @property
    def is_open(self):
        return self._is_open

    def open(self):
        # Like the ST-LINK's: the USB link is open before the rest of the
        # set-up, which may still fail (then the probe stays open).
        self._is_open = True
        pyocd_standin.record("probe.open", unique_id=self.unique_id)

    def disconnect(self):
        pyocd_standin.record("probe.disconnect", unique_id=self.unique_id)

    def close(self):
        pyocd_standin.record("probe.close", unique_id=self.unique_id)
        self._is_open = False
