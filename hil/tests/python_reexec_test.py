"""//hil:suite under $TIDEMARK_HIL_PYTHON, run through its real Bazel
launcher: with a venv made here (`python3 -m venv --system-site-packages
--without-pip`, no network) the runner re-executes itself under the venv's
python (which reports the venv as its prefix) and passes a suite on the
emulated board; a path that is no usable Python is a usage error (exit 3)
with a one-line message and no traceback, before any board is touched."""

import os
import subprocess
import sys
import tempfile
import unittest

ARGS = sys.argv[1:]
del sys.argv[1:]
AGENT = os.path.abspath(next(p for p in ARGS if p.endswith(".elf")))
SUITE_BINARY = os.path.abspath(next(p for p in ARGS if os.path.basename(p) == "suite"))


def run_suite(python, *args):
    """//hil:suite with TIDEMARK_HIL_PYTHON=`python`; the CompletedProcess."""
    env = dict(os.environ, TIDEMARK_HIL_PYTHON=python)
    for variable in ("XML_OUTPUT_FILE", "TEST_UNDECLARED_OUTPUTS_DIR", "TIDEMARK_HIL_PYTHON_ACTIVE"):
        env.pop(variable, None)
    return subprocess.run([SUITE_BINARY] + list(args), env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=120)


class RequestedPython(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(dir=os.environ.get("TEST_TMPDIR"))
        cls.venv = os.path.join(cls.dir, "venv")
        subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip",
                        cls.venv], check=True, timeout=120)
        cls.suite = os.path.join(cls.dir, "suite.yaml")
        with open(cls.suite, "w") as f:
            f.write("cases:\n  - {name: ping, command: ping, limits: {echo_ok: 1}}\n")

    def test_runner_runs_under_the_venv_python(self):
        python = os.path.join(self.venv, "bin", "python")
        proc = run_suite(python, "--board", "emulated", "--suite", self.suite, "--firmware", AGENT,
                         "--out", os.path.join(self.dir, "out"))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        # Printed by the re-executed process from its own sys.executable and
        # sys.prefix: only the venv's interpreter has the venv as its prefix.
        self.assertIn("hil: python %s (Python %d.%d, prefix %s), from $TIDEMARK_HIL_PYTHON" % (
            python, sys.version_info[0], sys.version_info[1], self.venv), proc.stderr)
        self.assertEqual(proc.stderr.count("hil: python "), 1)   # switched once, no loop
        self.assertIn("1 passed", proc.stdout)

    def assert_usage_error(self, python, message):
        proc = run_suite(python, "--board", "emulated", "--suite", self.suite, "--firmware", AGENT)
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertEqual(proc.stderr, "hil: usage error: TIDEMARK_HIL_PYTHON=%s: %s\n" % (python, message))
        self.assertEqual(proc.stdout, "")

    def test_missing_path_is_a_usage_error(self):
        self.assert_usage_error(os.path.join(self.dir, "no-venv", "bin", "python"),
                                "no such file (make the venv first: see docs/hil.md)")

    def test_file_that_is_not_executable_is_a_usage_error(self):
        self.assert_usage_error(self.suite, "not executable")

    def test_program_that_is_not_python_is_a_usage_error(self):
        impostor = os.path.join(self.dir, "impostor")
        with open(impostor, "w") as f:
            f.write("#!/bin/sh\necho hello\n")
        os.chmod(impostor, 0o755)
        self.assert_usage_error(impostor, "not a Python 3.7 or later (it does not run as Python)")


if __name__ == "__main__":
    unittest.main()
