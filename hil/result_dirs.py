"""Where a run's reports go, decided and checked before the suite runs.

- `--out DIR`: exactly DIR (created). Report files a previous run left
  there are removed first, so an interrupted or failed run cannot leave a
  stale PASS behind for CI to archive.
- under `bazel test`: $TEST_UNDECLARED_OUTPUTS_DIR.
- otherwise: a new directory per run, hil-results/<UTC time>-<board>/ (a
  -2, -3... suffix if two runs start in the same second on the same board),
  under the directory the user ran ./rig in; hil-results/latest points to
  the last run that wrote its reports. The link is replaced atomically (a
  temporary link renamed over it), so readers never see it missing.

Every report file is written under a temporary name and renamed into place,
so a reader sees a whole file or none. An out directory that cannot be
created or written is a usage error, found before anything runs.
"""

import datetime
import os
import re

from hil.default_paths import user_path
from hil.errors import UsageError

REPORT_FILES = ("results.json", "junit.xml", "report.html", "summary.txt")
RESULTS_ROOT = "hil-results"
LATEST = "latest"


def _check_writable(directory):
    try:
        os.makedirs(directory, exist_ok=True)
        probe = os.path.join(directory, ".write-test-%d" % os.getpid())
        with open(probe, "w", encoding="ascii"):
            pass
        os.unlink(probe)
    except OSError as e:
        raise UsageError("cannot write reports to %s: %s" % (directory, e.strerror or e)) from None


def run_dir_name(board, now=None):
    now = now or datetime.datetime.now(datetime.timezone.utc)
    return "%s-%s" % (now.strftime("%Y%m%dT%H%M%SZ"), re.sub(r"[^A-Za-z0-9_.-]", "_", board))


def new_run_dir(root, board):
    """Creates and returns root/<UTC time>-<board>[-N] (never an existing one)."""
    _check_writable(root)
    base = os.path.join(root, run_dir_name(board))
    for n in range(1, 1000):
        path = base if n == 1 else "%s-%d" % (base, n)
        try:
            os.mkdir(path)
            return path
        except FileExistsError:
            continue
        except OSError as e:
            raise UsageError("cannot write reports to %s: %s" % (path, e.strerror)) from None
    raise UsageError("cannot make a new run directory next to %s" % base)


class OutDir:
    """The run's report directory; `root` is set when it is a per-run
    directory whose `latest` link should follow it."""

    def __init__(self, path, root=None):
        self.path = path
        self.root = root

    def file(self, name):
        return os.path.join(self.path, name)

    def mark_latest(self):
        if self.root is None:
            return
        link = os.path.join(self.root, LATEST)
        temporary = os.path.join(self.root, ".%s-%d" % (LATEST, os.getpid()))
        try:
            os.symlink(os.path.basename(self.path), temporary)
            os.replace(temporary, link)
        except OSError:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise


def prepare_out_dir(out, board):
    """The OutDir for a run on `board`; `out` is the --out value (a path
    already taken from the user's directory) or None."""
    if out:
        _check_writable(out)
        for name in REPORT_FILES:
            try:
                os.unlink(os.path.join(out, name))
            except FileNotFoundError:
                pass
            except OSError as e:
                raise UsageError("cannot replace %s: %s" % (os.path.join(out, name), e.strerror)) from None
        return OutDir(out)
    if os.environ.get("TEST_UNDECLARED_OUTPUTS_DIR"):
        out = os.environ["TEST_UNDECLARED_OUTPUTS_DIR"]
        _check_writable(out)
        return OutDir(out)
    root = user_path(RESULTS_ROOT)
    return OutDir(new_run_dir(root, board), root=root)


def write_atomically(path, writer, *args):
    """writer(*args, temporary_path), then the temporary renamed to `path`."""
    temporary = "%s.tmp-%d" % (path, os.getpid())
    try:
        writer(*args, temporary)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
