"""Entry point of //hil:suite (see hil/runner.py)."""

import sys

from hil.runner import main

if __name__ == "__main__":
    sys.exit(main())
