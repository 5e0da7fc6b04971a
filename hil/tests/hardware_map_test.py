"""Hardware map parsing, board selection and exact probe matching."""

import json
import os
import tempfile
import unittest

from hil.errors import BoardGone, InfrastructureError, UsageError
from hil.hardware_map import choose_probe, load_map, parse_map, select_board
from hil.probe_identity import AttachedProbe

MAP = {"boards": {
    "disco-1": {"backend": "pyocd", "probe_uid": "066DFF485750717867114355",
                "target": "stm32f769nihx", "platform": "stm32f769"},
    "disco-2": {"backend": "pyocd", "probe_uid": "0669FF3032524B4E43123456", "platform": "stm32f769"},
    "qemu": {"backend": "emulated", "platform": "mps2_an500", "icount_shift": 4},
    "disco-oocd": {"backend": "openocd", "probe_serial": "0670FF123456", "platform": "stm32f769"},
    "lab": {"backend": "gdb-remote", "gdb_remote": "lab-host:3333", "platform": "stm32f769"},
    "lab-qemu": {"backend": "gdb-remote", "gdb_remote": "127.0.0.1:1234", "platform": "mps2_an500"},
}}


def probes(*uids, board_id="0817", board_name="DISCO-F769NI", board_target="stm32f769nihx"):
    """A list_probes() reporting probes `uids`, all on the board described."""
    return lambda: [AttachedProbe(uid, board_id, board_name, board_target) for uid in uids]


def no_pyocd():
    raise ImportError("pyOCD is not installed: ... pip install 'pyocd>=0.36'")


class ParseMap(unittest.TestCase):
    def test_parses_boards(self):
        boards = parse_map(MAP)
        self.assertEqual(set(boards), {"disco-1", "disco-2", "qemu", "disco-oocd", "lab", "lab-qemu"})
        self.assertEqual(boards["disco-1"].target, "stm32f769nihx")
        self.assertEqual(boards["disco-2"].target, "stm32f767zi")  # default
        self.assertEqual(boards["qemu"].icount_shift, 4)
        self.assertEqual(boards["disco-1"].lock_key, "066DFF485750717867114355")
        self.assertIsNone(boards["qemu"].lock_key)
        self.assertEqual(boards["disco-oocd"].openocd_config, "board/stm32f769i-disco.cfg")  # default
        self.assertEqual(boards["disco-oocd"].openocd_bin, "openocd")
        self.assertEqual(boards["disco-oocd"].lock_key, "0670FF123456")
        self.assertEqual(boards["lab"].lock_key, "lab-host:3333")

    def test_loads_yaml_and_json_files(self):
        here = os.path.dirname(os.path.abspath(__file__))
        example = load_map(os.path.join(here, "..", "boards.yaml"))
        self.assertEqual(example["disco-1"].backend, "pyocd")
        self.assertEqual({s.backend for s in example.values()}, {"pyocd", "openocd", "gdb-remote", "emulated"})
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(MAP, f)
        self.addCleanup(os.unlink, f.name)
        self.assertEqual(set(load_map(f.name)), set(MAP["boards"]))

    def test_rejects_mistakes(self):
        bad = [
            {},
            {"boards": []},
            {"boards": {"x": {"backend": "openocd", "platform": "p"}}},
            {"boards": {"x": {"backend": "pyocd", "platform": "p"}}},                    # no uid
            {"boards": {"x": {"backend": "pyocd", "platform": "p", "probe_uid": 123}}},  # unquoted
            {"boards": {"x": {"backend": "emulated"}}},                                  # no platform
            {"boards": {"x": {"backend": "emulated", "platform": "p", "colour": 1}}},
            {"boards": {"a": {"backend": "pyocd", "platform": "p", "probe_uid": "U1"},
                        "b": {"backend": "pyocd", "platform": "p", "probe_uid": "U1"}}},  # shared probe
        ]
        for data in bad:
            with self.subTest(data=data), self.assertRaises(UsageError):
                parse_map(data)
        with self.assertRaises(UsageError):
            load_map("/nonexistent/boards.yaml")

    def rejected(self, entry, *words):
        """parse_map of a one-board map with `entry` raises a UsageError
        naming the file, the board and each of `words`."""
        with self.assertRaises(UsageError) as ctx:
            parse_map({"boards": {"b1": entry}}, source="lab.yaml")
        for word in ("lab.yaml", "'b1'") + words:
            self.assertIn(word, str(ctx.exception))

    def test_openocd_and_gdb_remote_keys_checked(self):
        real = {"platform": "stm32f769"}
        self.rejected(dict(real, backend="openocd"), "probe_serial")
        self.rejected(dict(real, backend="openocd", probe_serial=1234), "'probe_serial'", "string")
        self.rejected(dict(real, backend="openocd", probe_serial='06"; shutdown'), "'probe_serial'")
        self.rejected(dict(real, backend="openocd", probe_serial="AB", openocd_config=["x"]),
                      "'openocd_config'")
        self.rejected(dict(real, backend="gdb-remote"), "gdb_remote")
        self.rejected(dict(real, backend="gdb-remote", gdb_remote="lab-host"), "'gdb_remote'")
        self.rejected(dict(real, backend="gdb-remote", gdb_remote="lab-host:99999"), "'gdb_remote'")
        self.rejected(dict(real, backend="gdb-remote", gdb_remote=":3333"), "'gdb_remote'")
        self.rejected({"backend": "emulated", "platform": "mps2_an500", "icount_shift": "six"},
                      "'icount_shift'", "integer")

    def test_keys_of_another_backend_refused(self):
        self.rejected({"backend": "openocd", "platform": "stm32f769", "probe_serial": "AB",
                       "probe_uid": "AB"}, "'probe_uid'", "pyocd")
        self.rejected({"backend": "emulated", "platform": "mps2_an500", "gdb_remote": "h:1"},
                      "'gdb_remote'", "gdb-remote")
        self.rejected({"backend": "gdb-remote", "platform": "stm32f769", "gdb_remote": "h:1",
                       "openocd_config": "x.cfg"}, "'openocd_config'")

    def test_platform_must_fit_backend(self):
        self.rejected({"backend": "emulated", "platform": "stm32f769"}, "stm32f769", "mps2_an500")
        self.rejected({"backend": "openocd", "platform": "mps2_an500", "probe_serial": "AB"},
                      "mps2_an500", "stm32f769")
        self.rejected({"backend": "pyocd", "platform": "mps2_an500", "probe_uid": "AB"}, "mps2_an500")
        self.rejected({"backend": "gdb-remote", "platform": "stm32f4", "gdb_remote": "h:1"}, "stm32f4")

    def test_one_probe_or_server_one_board(self):
        for entries in (
                {"a": {"backend": "pyocd", "platform": "stm32f769", "probe_uid": "066D"},
                 "b": {"backend": "openocd", "platform": "stm32f769", "probe_serial": "066D"}},
                {"a": {"backend": "gdb-remote", "platform": "stm32f769", "gdb_remote": "h:3333"},
                 "b": {"backend": "gdb-remote", "platform": "mps2_an500", "gdb_remote": "h:3333"}}):
            with self.subTest(entries=entries), self.assertRaises(UsageError) as ctx:
                parse_map({"boards": entries})
            self.assertIn("already board 'a'", str(ctx.exception))

    def test_bad_values_name_the_board_and_key(self):
        bad = {
            "icount_shift": {"backend": "emulated", "platform": "mps2_an500", "icount_shift": "fast"},
            "frequency_hz": {"backend": "pyocd", "platform": "stm32f769", "probe_uid": "U", "frequency_hz": "4M"},
            "baud": {"backend": "pyocd", "platform": "stm32f769", "probe_uid": "U", "baud": -1},
            "uart": {"backend": "pyocd", "platform": "stm32f769", "probe_uid": "U", "uart": 0},
        }
        for key, entry in bad.items():
            with self.subTest(key=key), self.assertRaises(UsageError) as ctx:
                parse_map({"boards": {"b1": entry}}, "m.yaml")
            self.assertIn("m.yaml: board 'b1': key %r must be" % key, str(ctx.exception))


class SelectBoard(unittest.TestCase):
    def setUp(self):
        self.boards = parse_map(MAP)

    def test_named_board(self):
        spec, why = select_board("disco-2", self.boards, no_pyocd)
        self.assertEqual(spec.name, "disco-2")
        self.assertIn("hardware map", why)

    def test_emulated_always_available(self):
        spec, _ = select_board("emulated", {}, no_pyocd)
        self.assertEqual((spec.backend, spec.platform), ("emulated", "mps2_an500"))

    def test_unknown_board_is_usage_error(self):
        with self.assertRaises(UsageError) as ctx:
            select_board("disco-9", self.boards, probes())
        self.assertIn("disco-1", str(ctx.exception))

    def test_no_flag_single_probe_in_map(self):
        spec, why = select_board(None, self.boards, probes("0669FF3032524B4E43123456"))
        self.assertEqual(spec.name, "disco-2")
        self.assertIn("one attached probe", why)

    def test_no_flag_single_probe_not_in_map(self):
        spec, why = select_board(None, {}, probes("ABC123"))
        self.assertEqual((spec.backend, spec.probe_uid), ("pyocd", "ABC123"))
        self.assertIn("not in the hardware map", why)
        self.assertIn("DISCO-F769NI (board id 0817, target stm32f769nihx)", why)

    def test_unmapped_f76x_f77x_by_board_id_or_target(self):
        for board in [dict(board_id="0818", board_name="NUCLEO-F767ZI", board_target=None),
                      dict(board_id="F7X0", board_name="CUSTOM", board_target="STM32F777NIHx")]:
            with self.subTest(**board):
                spec, _ = select_board(None, {}, probes("ABC123", **board))
                self.assertEqual(spec.backend, "pyocd")

    def test_unmapped_probe_on_another_board_is_refused(self):
        for board in [dict(board_id="0720", board_name="NUCLEO-F401RE", board_target="stm32f401retx"),
                      dict(board_id="0815", board_name="DISCO-F746NG", board_target="stm32f746nghx")]:
            with self.subTest(**board), self.assertRaises(UsageError) as ctx:
                select_board(None, {}, probes("ABC123", **board))
            message = str(ctx.exception)
            self.assertIn("%s (board id %s" % (board["board_name"], board["board_id"]), message)
            self.assertIn("not an STM32F76x/F77x board: refusing to flash", message)

    def test_unmapped_probe_on_unknown_board_is_refused(self):
        for board_id in ["ABCD", None]:
            with self.subTest(board_id=board_id), self.assertRaises(UsageError) as ctx:
                select_board(None, {}, probes("ABC123", board_id=board_id, board_name=None,
                                              board_target=None))
            message = str(ctx.exception)
            self.assertIn("board pyOCD does not know (board id %s)" % (board_id or "none"), message)
            self.assertIn('add the probe to the hardware map (backend: pyocd, probe_uid: "ABC123"',
                          message)
            self.assertIn("--board NAME", message)

    def test_mapped_probe_is_used_whatever_its_board(self):
        spec, _ = select_board(None, self.boards, probes("066DFF485750717867114355", board_id=None,
                                                         board_name=None, board_target=None))
        self.assertEqual(spec.name, "disco-1")

    def test_no_flag_without_pyocd_is_emulated_and_says_so(self):
        spec, why = select_board(None, self.boards, no_pyocd)
        self.assertEqual(spec.backend, "emulated")
        self.assertIn("pip install 'pyocd>=0.36'", why)

    def test_no_flag_no_probe(self):
        spec, why = select_board(None, self.boards, probes())
        self.assertEqual(spec.backend, "emulated")
        self.assertIn("no debug probe", why)

    def test_no_flag_several_probes_never_guesses(self):
        spec, why = select_board(None, self.boards, probes("066DFF485750717867114355", "0669FF3032524B4E43123456"))
        self.assertEqual(spec.backend, "emulated")
        self.assertIn("2 probes attached", why)


class ChooseProbe(unittest.TestCase):
    def test_exact_match(self):
        self.assertEqual(choose_probe("AB12", ["XX", "AB12", "AB123"]), "AB12")

    def test_substring_is_never_enough(self):
        with self.assertRaises(BoardGone) as ctx:
            choose_probe("AB12", ["AB1234", "XAB12"])
        self.assertIn("partial matches are never used", str(ctx.exception))

    def test_missing(self):
        with self.assertRaises(BoardGone):
            choose_probe("AB12", [])

    def test_duplicate_ids_refused(self):
        with self.assertRaises(InfrastructureError) as ctx:
            choose_probe("AB12", ["AB12", "AB12"])
        self.assertIn("refusing to flash", str(ctx.exception))


if __name__ == "__main__":
    unittest.main()
