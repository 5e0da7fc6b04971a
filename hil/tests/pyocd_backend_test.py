"""The pyocd backend up to the point a probe is needed. pyOCD is blocked from
import here (as on a machine without it) so the test means the same
everywhere: a clear install hint, no-flag runs fall back to the emulated
board and say why, and a mapped real board is an infrastructure error
(exit 2) that still takes and releases the board's lock."""

import argparse
import io
import os
import sys
import tempfile
import unittest

AGENT = next(p for p in sys.argv[1:] if p.endswith(".elf"))
del sys.argv[1:]
sys.modules["pyocd"] = None  # any "import pyocd..." now raises ImportError

from hil import pyocd_board  # noqa: E402
from hil.errors import BackendUnavailable  # noqa: E402
from hil.hardware_map import BoardSpec  # noqa: E402
from hil.progress import Progress  # noqa: E402
from hil.runner import execute  # noqa: E402
from hil.tests.runner_process import write_text  # noqa: E402

HINT = ("python3 -m venv --system-site-packages ~/.venvs/pyocd && "
        "~/.venvs/pyocd/bin/pip install 'pyocd>=0.36'")
UID = "066DFF485750717867114355"


def runner_args(**kw):
    base = dict(suite=None, board=None, map=None, firmware=[AGENT], out=None, flash_timeout=30.0,
                test_timeout=None, ready_timeout=None, lock_timeout=0.0, quiet=True, stack_bounds=[])
    base.update(kw)
    return argparse.Namespace(**base)


class PyocdMissing(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        os.environ["TIDEMARK_HIL_LOCK_DIR"] = self.dir
        self.suite = write_text(self.dir, "s.yaml", "cases:\n  - {name: p, command: ping, limits: {echo_ok: 1}}\n")
        self.map = write_text(self.dir, "boards.yaml", 'boards:\n  disco-1: {backend: pyocd, probe_uid: "%s", '
                              'platform: stm32f769}\n' % UID)

    def test_import_gives_install_hint(self):
        with self.assertRaises(BackendUnavailable) as ctx:
            pyocd_board.import_pyocd()
        self.assertIn(HINT, str(ctx.exception))
        self.assertIn("TIDEMARK_HIL_PYTHON=~/.venvs/pyocd/bin/python ./rig hil", str(ctx.exception))
        with self.assertRaises(ImportError) as ctx:
            pyocd_board.attached_probes()
        self.assertIn(HINT, str(ctx.exception))
        with self.assertRaises(BackendUnavailable):
            pyocd_board.PyocdBoard(BoardSpec("disco-1", "pyocd", "stm32f769", probe_uid=UID))

    def test_version_parsing(self):
        self.assertLess(pyocd_board._version_tuple("0.13.1"), pyocd_board.MIN_VERSION)
        self.assertGreaterEqual(pyocd_board._version_tuple("0.36.0"), pyocd_board.MIN_VERSION)
        self.assertGreaterEqual(pyocd_board._version_tuple("1.0.0rc1"), pyocd_board.MIN_VERSION)

    def test_no_flag_falls_back_to_emulated_and_says_so(self):
        stream = io.StringIO()
        run = execute(runner_args(suite=self.suite, map=self.map, firmware=["mps2_an500=" + AGENT]),
                      Progress(stream=stream))
        self.assertEqual(run.backend, "emulated")
        self.assertIn("pyOCD not importable", run.selection)
        self.assertIn(HINT, stream.getvalue())
        self.assertEqual(run.exit_code, 0, [c.reason for c in run.cases])

    def test_mapped_real_board_is_infrastructure_error(self):
        run = execute(runner_args(suite=self.suite, map=self.map, board="disco-1",
                                  firmware=["stm32f769=" + AGENT]), Progress(quiet=True))
        self.assertEqual(run.exit_code, 2)
        case = run.cases[0]
        self.assertEqual((case.outcome, case.attempts), ("error", 2))
        self.assertIn(HINT, case.reason)
        lock = os.path.join(self.dir, "tidemark-hil-%s.lock" % UID)
        self.assertTrue(os.path.exists(lock))
        from hil.board_lock import BoardLock
        with BoardLock(UID):  # released after the run
            pass


if __name__ == "__main__":
    unittest.main()
