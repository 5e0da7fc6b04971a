"""Runs //hil:suite under the Python named by $TIDEMARK_HIL_PYTHON.

Why: on Debian 12 pyOCD cannot be pip-installed into the system python3
(externally managed); it goes into a venv made with
`python3 -m venv --system-site-packages`, which still sees Debian's
pyelftools, yaml, matplotlib and serial. Bazel starts the runner with
/usr/bin/python3 (//tools/python), so suite_main.py calls
run_under_requested_python() before importing anything else: it replaces
the process with the same script and arguments under the requested
interpreter, with the environment kept (Bazel's stub put the runfiles on
PYTHONPATH) plus a marker variable, so the new process does not switch
again and says which interpreter it runs on. A value that is not an
executable Python 3.7 or later is a usage error (exit 3), before anything
else happens.
"""

import os
import subprocess
import sys

from hil.default_paths import user_path
from hil.errors import UsageError
from hil.results import EXIT_USAGE

PYTHON_VARIABLE = "TIDEMARK_HIL_PYTHON"
#: Set in the re-executed process (to the interpreter's path): no second switch.
SWITCHED_MARKER = "TIDEMARK_HIL_PYTHON_ACTIVE"
MIN_PYTHON = (3, 7)   # dataclasses, subprocess.run(text=...)


def _python_version(path):
    """(major, minor) of the interpreter at `path`; None if it does not
    answer like a Python."""
    try:
        answer = subprocess.run([path, "-c", "import sys; print(*sys.version_info[:2])"],
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    try:
        major, minor = (int(part) for part in answer.stdout.split())
    except ValueError:
        return None
    return (major, minor) if answer.returncode == 0 else None


def requested_python(environ):
    """The interpreter to switch to: None when $TIDEMARK_HIL_PYTHON is unset
    or empty, or when this process already is the switched one. A relative
    path is taken from where `bazel run` started; `~` is expanded (for a
    quoted value). UsageError when it is not an executable Python 3.7+."""
    value = environ.get(PYTHON_VARIABLE, "")
    if not value or environ.get(SWITCHED_MARKER):
        return None
    # abspath, not realpath: a venv's bin/python is a symlink to the system
    # interpreter, and only the venv path gives the venv's site-packages.
    path = os.path.abspath(user_path(os.path.expanduser(value)))
    where = "%s=%s" % (PYTHON_VARIABLE, value)
    if not os.path.isfile(path):
        raise UsageError("%s: no such file (make the venv first: see docs/hil.md)" % where)
    if not os.access(path, os.X_OK):
        raise UsageError("%s: not executable" % where)
    version = _python_version(path)
    if version is None or version[0] != 3 or version < MIN_PYTHON:
        raise UsageError("%s: not a Python %d.%d or later (%s)" % (
            where, MIN_PYTHON[0], MIN_PYTHON[1],
            "Python %d.%d" % version if version else "it does not run as Python"))
    return path


def run_under_requested_python(argv=None, environ=None):
    """Replaces this process by the same script under $TIDEMARK_HIL_PYTHON,
    if set; returns when no switch is needed. Exits with the usage error code
    (and a one-line message) when the variable names no usable Python."""
    argv = sys.argv if argv is None else argv
    environ = os.environ if environ is None else environ
    if environ.get(SWITCHED_MARKER):
        sys.stderr.write("hil: python %s (Python %d.%d, prefix %s), from $%s\n" % (
            sys.executable, sys.version_info[0], sys.version_info[1], sys.prefix,
            PYTHON_VARIABLE))
        return
    try:
        path = requested_python(environ)
    except UsageError as e:
        sys.stderr.write("hil: usage error: %s\n" % e)
        sys.exit(EXIT_USAGE)
    if path is None:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(path, [path, os.path.abspath(argv[0])] + list(argv[1:]),
              dict(environ, **{SWITCHED_MARKER: path}))
