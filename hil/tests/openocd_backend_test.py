"""The openocd backend with Debian's real openocd and no probe attached:
the exact command line; OpenOCD killed with its process group on close and
at interpreter exit (kept alive for that by OpenOCD's dummy adapter); and a
whole run on an openocd board whose ST-LINK is absent: an infrastructure
error (exit 2) carrying OpenOCD's own message, and no OpenOCD left."""

import json
import os
import subprocess
import sys
import tempfile
import time
import unittest

from hil.tests.runner_process import find_processes, run_runner, runner_env

from hil.openocd_process import OpenocdProcess, error_lines, openocd_command

ARGS = sys.argv[1:]
del sys.argv[1:]
AGENT = next(p for p in ARGS if p.endswith("hil_agent_stm32f769.elf"))

# An adapter that needs no hardware: OpenOCD starts and stays up.
DUMMY_CFG = "adapter driver dummy\ntransport select jtag\nadapter speed 100\n"


def openocd_pids(marker):
    """pids of live openocd processes whose command line contains `marker`."""
    return find_processes(lambda _, comm, cmdline: comm == "openocd" and marker in cmdline)


def wait_gone(marker, timeout_s=5.0):
    deadline = time.monotonic() + timeout_s
    while openocd_pids(marker) and time.monotonic() < deadline:
        time.sleep(0.05)
    return openocd_pids(marker)


class CommandLine(unittest.TestCase):
    def test_exact_arguments(self):
        self.assertEqual(
            openocd_command("/usr/bin/openocd", "board/stm32f769i-disco.cfg", "066DFF485750717867114355",
                            50333, 50666),
            ["/usr/bin/openocd",
             "-c", "adapter serial 066DFF485750717867114355",
             "-c", "gdb_port 50333",
             "-c", "tcl_port 50666",
             "-c", "telnet_port disabled",
             "-c", "bindto 127.0.0.1",
             "-f", "board/stm32f769i-disco.cfg"])

    def test_error_lines(self):
        log = "Info : clock speed 2000 kHz\nError: open failed\nInfo : x\nError: init mode failed\n"
        self.assertEqual(error_lines(log), "Error: open failed; Error: init mode failed")
        self.assertEqual(error_lines("only info"), "only info")


class ProcessReaping(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.cfg = os.path.join(self.dir, "dummy.cfg")
        with open(self.cfg, "w") as f:
            f.write(DUMMY_CFG)

    def test_close_kills_openocd(self):
        marker = "REAPCLOSE%d" % os.getpid()
        proc = OpenocdProcess(marker, config=self.cfg)
        self.addCleanup(proc.remove_files)
        self.addCleanup(proc.close)
        time.sleep(0.3)
        self.assertTrue(proc.alive(), proc.diagnostics())
        self.assertEqual(openocd_pids(marker), [proc.pid])
        self.assertNotEqual(proc.gdb_port, proc.tcl_port)
        proc.close()
        self.assertEqual(wait_gone(marker), [])
        self.assertIn("Open On-Chip Debugger 0.12", proc.diagnostics())

    def test_interpreter_exit_kills_openocd(self):
        marker = "REAPEXIT%d" % os.getpid()
        script = ("from hil.openocd_process import OpenocdProcess\n"
                  "p = OpenocdProcess(%r, config=%r)\nprint(p.pid)\n" % (marker, self.cfg))
        child = subprocess.run([sys.executable, "-c", script], env=runner_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=30)
        self.assertEqual(child.returncode, 0, child.stderr)
        self.assertTrue(child.stdout.strip().isdigit(), child.stdout)
        self.assertEqual(wait_gone(marker), [])

    def test_failed_bring_up_leaves_no_openocd(self):
        from hil.errors import BoardGone
        from hil.hardware_map import parse_map
        from hil.openocd_board import OpenocdBoard
        marker = "BRINGUP%d" % os.getpid()
        spec = parse_map({"boards": {"d": {"backend": "openocd", "platform": "stm32f769",
                                           "probe_serial": marker}}})["d"]
        board = OpenocdBoard(spec)
        with self.assertRaises(BoardGone) as ctx:
            board.flash(AGENT)     # no ST-LINK: OpenOCD exits, nothing is closed by the caller
        self.assertIn("Error: open failed", str(ctx.exception))
        self.assertIsNone(board.openocd)
        self.assertEqual(wait_gone(marker), [])

    def test_missing_binary_says_how_to_install(self):
        from hil.errors import BackendUnavailable
        with self.assertRaises(BackendUnavailable) as ctx:
            OpenocdProcess("X", openocd_bin="/nonexistent/openocd")
        self.assertIn("apt-get install -y openocd", str(ctx.exception))


class RunWithoutProbe(unittest.TestCase):
    def test_infrastructure_error_with_openocds_message(self):
        out = tempfile.mkdtemp()
        serial = "NOPROBE%d" % os.getpid()
        board_map = os.path.join(out, "map.yaml")
        with open(board_map, "w") as f:
            f.write('boards:\n  disco:\n    backend: openocd\n    probe_serial: "%s"\n'
                    '    platform: stm32f769\n' % serial)
        proc = run_runner("--map", board_map, "--board", "disco", "--suite", two_ping_suite(out),
                          "--firmware", "stm32f769=" + AGENT, "--out", out,
                          env_extra={"TIDEMARK_HIL_LOCK_DIR": out})
        self.assertEqual(proc.returncode, 2, proc.stderr)
        with open(os.path.join(out, "results.json")) as f:
            results = json.load(f)
        first = results["cases"][0]
        self.assertEqual((first["outcome"], first["attempts"]), ("error", 2))
        self.assertIn("OpenOCD", first["reason"])
        self.assertIn("Error: open failed", first["reason"])    # OpenOCD's own words
        self.assertIn(serial, first["reason"])
        self.assertEqual(results["cases"][1]["outcome"], "error")
        self.assertNotIn("Traceback", proc.stderr)
        self.assertEqual(wait_gone(serial), [])


def two_ping_suite(directory):
    path = os.path.join(directory, "two.yaml")
    with open(path, "w") as f:
        f.write("cases:\n  - {name: p1, command: ping}\n  - {name: p2, command: ping}\n")
    return path


if __name__ == "__main__":
    unittest.main()
