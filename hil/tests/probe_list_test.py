"""./rig hil --list-probes against a directory laid out like
/sys/bus/usb/devices: which devices are ST-LINKs, the listing, and the
hardware map printed with --print-map (loaded back by the map parser)."""

import os
import tempfile
import unittest

import yaml
from hil.tests.runner_process import run_runner

from hil.hardware_map import parse_map
from hil.probe_list import SYSFS_ENV, format_map, list_stlinks

DEVICES = {
    # sysfs name: attribute files
    "1-1": {"idVendor": "0483", "idProduct": "374b", "serial": "066DFF485750717867114355",
            "product": "STM32 STLink"},
    "1-1:1.0": {"bInterfaceClass": "ff"},                                   # an interface, no idVendor
    "1-2": {"idVendor": "0483", "idProduct": "374e", "serial": "002F00283438510A33353533",
            "product": "STLINK-V3"},
    "1-3": {"idVendor": "0483", "idProduct": "5740", "serial": "207A3", "product": "Virtual COM"},
    "1-4": {"idVendor": "0483", "idProduct": "374d", "serial": "BOOT", "product": "STLINK-V3 loader"},
    "2-1": {"idVendor": "046d", "idProduct": "c52b", "product": "USB Receiver"},
    "usb1": {"idVendor": "1d6b", "idProduct": "0002", "serial": "0000:00:14.0"},
}


def fake_sysfs(devices):
    root = tempfile.mkdtemp()
    for name, attributes in devices.items():
        os.makedirs(os.path.join(root, name))
        for attribute, value in attributes.items():
            with open(os.path.join(root, name, attribute), "w") as f:
                f.write(value + "\n")
    return root


class ListStlinks(unittest.TestCase):
    def test_only_stlinks_with_their_models(self):
        probes = list_stlinks(fake_sysfs(DEVICES), {"066DFF485750717867114355": "DISCO-F769NI"})
        self.assertEqual([(p.serial, p.product_id, p.model, p.usb_path, p.board) for p in probes], [
            ("002F00283438510A33353533", "374e", "STLINK-V3", "1-2", "unknown"),
            ("066DFF485750717867114355", "374b", "ST-LINK/V2-1", "1-1", "DISCO-F769NI")])

    def test_missing_root_is_no_probe(self):
        self.assertEqual(list_stlinks("/nonexistent/usb"), [])

    def test_binary_serial_is_listed_but_left_out_of_the_map(self):
        root = fake_sysfs({"3-1": {"idVendor": "0483", "idProduct": "3748", "product": "STM32 STLink"}})
        with open(os.path.join(root, "3-1", "serial"), "wb") as f:
            f.write(b"\xaa\xbcn\x06Pu\xffU\x17B\x19?\n")
        probes = list_stlinks(root)
        self.assertEqual(len(probes), 1)
        self.assertFalse(probes[0].usable_serial)
        self.assertEqual(parse_map(yaml.safe_load(format_map(probes))), {})


class RunnerOption(unittest.TestCase):
    def test_list_probes(self):
        proc = run_runner("--list-probes", env_extra={SYSFS_ENV: fake_sysfs(DEVICES)})
        self.assertEqual(proc.returncode, 0, proc.stderr)
        lines = proc.stdout.splitlines()
        self.assertEqual(len(lines), 3, proc.stdout)
        self.assertIn("066DFF485750717867114355", lines[2])
        self.assertIn("ST-LINK/V2-1", lines[2])
        self.assertIn("board: unknown", lines[2])
        self.assertNotIn("Virtual COM", proc.stdout)

    def test_print_map_is_a_valid_hardware_map(self):
        proc = run_runner("--list-probes", "--print-map", env_extra={SYSFS_ENV: fake_sysfs(DEVICES)})
        self.assertEqual(proc.returncode, 0, proc.stderr)
        boards = parse_map(yaml.safe_load(proc.stdout))
        self.assertEqual({(b.name, b.backend, b.probe_serial, b.platform) for b in boards.values()}, {
            ("stlink-114355", "openocd", "066DFF485750717867114355", "stm32f769"),
            ("stlink-353533", "openocd", "002F00283438510A33353533", "stm32f769")})
        self.assertIn('probe_serial: "066DFF485750717867114355"', proc.stdout)   # quoted

    def test_nothing_attached(self):
        proc = run_runner("--list-probes", env_extra={SYSFS_ENV: fake_sysfs({})})
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("no ST-LINK attached", proc.stdout)

    def test_print_map_alone_is_a_usage_error(self):
        proc = run_runner("--print-map")
        self.assertEqual(proc.returncode, 3)
        self.assertIn("usage error: --print-map goes with --list-probes", proc.stderr)


if __name__ == "__main__":
    unittest.main()
