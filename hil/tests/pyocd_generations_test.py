"""PyocdBoard against stand-in pyOCD packages shaped like both API
generations (hil/tests/fake_pyocd: the real module paths and signatures,
every call recorded): 0.36-0.39 name the hardware reset ResetType.HW, 0.40
and later ResetType.HARDWARE. For each, the recorded calls must show the
session made from the exact probe object, the ELF flashed with
file_format="elf", the hardware reset of that generation, halt/resume,
memory round trips and close; and a failing open() closing what it opened."""

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "fake_pyocd"))

import pyocd_standin  # noqa: E402

from hil.errors import BoardGone, InfrastructureError  # noqa: E402
from hil.hardware_map import BoardSpec  # noqa: E402
from hil.pyocd_board import PyocdBoard  # noqa: E402

UID = "066DFF485750717867114355"
ELF = "/firmware/hil_agent_stm32f769.elf"
RAM = 0x20010000
#: The releases imitated, with the name of their hardware reset.
HARDWARE_RESET = {"0.36.0": "HW", "0.39.0": "HW", "0.40.0": "HARDWARE", "0.45.1": "HARDWARE"}


def disco_spec():
    return BoardSpec(name="disco-1", backend="pyocd", platform="stm32f769", probe_uid=UID,
                     target="stm32f769nihx", frequency_hz=4000000)


def attach(*probes):
    """Makes the stand-in report `probes` (unique ids) as attached; returns them."""
    from pyocd.probe.stlink_probe import StlinkProbe
    made = [StlinkProbe(uid, board_id="0817") for uid in probes]
    pyocd_standin.attached.extend(made)
    return made


def arguments(name):
    """The arguments of every recorded call named `name`."""
    return [args for call, args in pyocd_standin.calls if call == name]


class EachGeneration(unittest.TestCase):
    def on_each_generation(self, check):
        """Runs check(name of the hardware reset) once per imitated release,
        each on a freshly loaded stand-in with an empty record."""
        for release, reset_name in sorted(HARDWARE_RESET.items()):
            with self.subTest(pyocd=release):
                pyocd_standin.load(release)
                check(reset_name)

    def test_whole_session_records_the_expected_calls(self):
        def check(reset_name):
            (probe,) = attach(UID)
            board = PyocdBoard(disco_spec())
            board.flash(ELF)
            board.reset()
            board.halt()
            board.resume()
            self.assertFalse(board.is_halted())
            board.write_u32(RAM, 0x1234ABCD)
            self.assertEqual(board.read_u32(RAM), 0x1234ABCD)
            board.write_block32(RAM + 16, [1, 2, -1])
            self.assertEqual(board.read_block32(RAM + 16, 3), [1, 2, 0xFFFFFFFF])
            board.write_memory(RAM + 64, b"tidemark")
            self.assertEqual(board.read_memory(RAM + 64, 8), b"tidemark")
            self.assertEqual(board.read_pc(), 0x08000100)
            board.close()

            self.assertEqual(pyocd_standin.names(), [
                "ConnectHelper.get_all_connected_probes",
                "Session", "session.open", "probe.open", "target.init",
                "FileProgrammer", "FileProgrammer.program",
                "target.reset_and_halt",                     # flash leaves the core halted
                "target.reset_and_halt", "target.resume",    # reset()
                "target.halt", "target.resume", "target.get_state",
                "target.write32", "target.read32",
                "target.write_memory_block32", "target.read_memory_block32",
                "target.write_memory_block8", "target.read_memory_block8",
                "target.get_state", "target.halt", "target.read_core_register",
                "session.close", "probe.disconnect", "probe.close",
            ])
            self.assertEqual(arguments("ConnectHelper.get_all_connected_probes"),
                             [{"blocking": False, "unique_id": None}])
            (session,) = arguments("Session")
            self.assertIs(session["probe"], probe)
            self.assertEqual(session["options"], {"target_override": "stm32f769nihx",
                                                  "frequency": 4000000,
                                                  "connect_mode": "under-reset"})
            self.assertEqual(arguments("FileProgrammer.program"),
                             [{"file_or_path": ELF, "file_format": "elf"}])
            self.assertEqual(arguments("FileProgrammer")[0]["chip_erase"], "sector")
            self.assertEqual(arguments("target.reset_and_halt"), [{"reset_type": reset_name}] * 2)
            self.assertFalse(probe.is_open)

        self.on_each_generation(check)

    def test_session_is_made_from_the_exact_probe_not_a_substring_match(self):
        def check(_reset_name):
            # Both neighbours contain the configured id: pyOCD's own lookup
            # by unique_id would match all three.
            longer, exact, prefixed = attach(UID + "01", UID, "0" + UID)
            board = PyocdBoard(disco_spec())
            (session,) = arguments("Session")
            self.assertIs(session["probe"], exact)
            self.assertEqual(arguments("probe.open"), [{"unique_id": UID}])
            self.assertNotIn("ConnectHelper.session_with_chosen_probe", pyocd_standin.names())
            board.close()
            self.assertFalse(longer.is_open or exact.is_open or prefixed.is_open)

        self.on_each_generation(check)

    def assert_failed_open_cleans_up(self, failing_call, error, calls_from_open):
        """Makes `failing_call` raise `error` while the board opens: the board
        reports it, the recorded calls from session.open() on are
        `calls_from_open`, and the probe is left closed."""
        def check(_reset_name):
            (probe,) = attach(UID)
            pyocd_standin.failures[failing_call] = RuntimeError(error)
            with self.assertRaises(BoardGone) as ctx:
                PyocdBoard(disco_spec())
            self.assertIn(error, str(ctx.exception))
            names = pyocd_standin.names()
            self.assertEqual(names[names.index("session.open"):], calls_from_open)
            self.assertFalse(probe.is_open)

        self.on_each_generation(check)

    def test_failed_probe_open_closes_session_and_probe(self):
        # pyOCD's Session.close() is a no-op here: the probe must be closed too.
        self.assert_failed_open_cleans_up(
            "probe.open", "LIBUSB_ERROR_ACCESS",
            ["session.open", "probe.open", "session.close", "probe.close"])

    def test_failed_target_init_closes_session_and_probe_once(self):
        self.assert_failed_open_cleans_up(
            "target.init", "no ACK from the DAP",
            ["session.open", "probe.open", "target.init",
             "session.close", "probe.disconnect", "probe.close"])

    def test_console_that_cannot_open_closes_the_session(self):
        def check(_reset_name):
            (probe,) = attach(UID)
            spec = disco_spec()
            spec.uart = "/nonexistent/ttyACM9"
            with self.assertRaises(InfrastructureError) as ctx:
                PyocdBoard(spec)
            self.assertRegex(str(ctx.exception), "ttyACM9|pyserial missing")
            self.assertEqual(pyocd_standin.names()[-3:],
                             ["session.close", "probe.disconnect", "probe.close"])
            self.assertFalse(probe.is_open)

        self.on_each_generation(check)


if __name__ == "__main__":
    unittest.main()
