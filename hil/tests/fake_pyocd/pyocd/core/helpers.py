"""Stand-in for pyocd.core.helpers.ConnectHelper: probe listing (unique_id is
a substring match, as in pyOCD) and session_with_chosen_probe."""

import pyocd_standin
from pyocd.core.session import Session


class ConnectHelper:
    @staticmethod
    def get_all_connected_probes(blocking=True, unique_id=None, print_wait_message=True):
        pyocd_standin.record("ConnectHelper.get_all_connected_probes",
                             blocking=blocking, unique_id=unique_id)
        if blocking:
            raise AssertionError("blocking=True waits forever for a probe")
        matching = [p for p in pyocd_standin.attached
                    if unique_id is None or unique_id.lower() in p.unique_id.lower()]
        return sorted(matching, key=lambda p: p.description + p.unique_id)

    @staticmethod
    def session_with_chosen_probe(blocking=True, return_first=False, unique_id=None,
                                  auto_open=True, options=None, **kwargs):
        pyocd_standin.record("ConnectHelper.session_with_chosen_probe", unique_id=unique_id,
                             return_first=return_first)
        probes = ConnectHelper.get_all_connected_probes(blocking=blocking, unique_id=unique_id)
        # Several matches: pyOCD asks on the console; without an answer, None.
        if not probes or (len(probes) > 1 and not return_first):
            return None
        return Session(probes[0], auto_open=auto_open, options=options, **kwargs)
