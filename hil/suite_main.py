"""Entry point of //hil:suite (see hil/runner.py). It first switches to the
interpreter named by $TIDEMARK_HIL_PYTHON, if any (hil/python_reexec.py:
the venv pyOCD is installed in), and only then imports the runner."""

import sys

from hil.python_reexec import run_under_requested_python

if __name__ == "__main__":
    run_under_requested_python()
    from hil.runner import main  # pylint: disable=wrong-import-position
    sys.exit(main())
