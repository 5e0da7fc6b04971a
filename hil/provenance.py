"""Where a run's numbers come from, for results.json and the report: the
source commit, the firmware's identity and compiler, the versions of the
tools that drove the board, and the hardware map entry used.

Every field is best effort: a tool that is not installed, or a tree that is
not a git checkout (under `bazel test`), gives None, never an error. The
firmware link does not ask for a GNU build id (adding one to the shared
firmware rule would change every image and its memory baselines), so the
firmware's identity is the SHA-256 of the ELF, with the GNU build id when an
image has one and the agent's own build_id (from its mailbox) in "agent".
"""

import dataclasses
import os
import shutil
import subprocess

from hil.default_paths import user_directory

TOOL_TIMEOUT_S = 10


def _output(argv, cwd=None):
    """First line of argv's stdout+stderr, or None if it cannot run or fails."""
    try:
        answer = subprocess.run(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, timeout=TOOL_TIMEOUT_S, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    lines = answer.stdout.strip().splitlines()
    return lines[0].strip() if answer.returncode == 0 and lines else None


def git_commit():
    """{"commit", "dirty"} of the checkout the user ran from, or None."""
    where = os.environ.get("BUILD_WORKSPACE_DIRECTORY") or user_directory()
    if shutil.which("git") is None:
        return None
    commit = _output(["git", "rev-parse", "HEAD"], cwd=where)
    if commit is None:
        return None
    try:
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=where,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                timeout=TOOL_TIMEOUT_S, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        status = ""
    return {"commit": commit, "dirty": bool(status.strip())}


def tool_versions():
    """Versions of the board tools present on this machine (None: absent)."""
    versions = {"qemu": None, "openocd": None, "pyocd": None}
    if shutil.which("qemu-system-arm"):
        versions["qemu"] = _output(["qemu-system-arm", "--version"])
    if shutil.which("openocd"):
        versions["openocd"] = _output(["openocd", "--version"])   # it prints to stderr
    try:
        from importlib import metadata
        versions["pyocd"] = metadata.version("pyocd")
    except Exception:   # not installed (PackageNotFoundError), or no metadata
        pass
    return versions


def firmware_identity(elf):
    return {
        "path": elf.path,
        "sha256": elf.sha256,
        "gnu_build_id": elf.gnu_build_id,
        "compiler": next((c for c in elf.comment if c.startswith("GCC")), elf.comment[0] if elf.comment else None),
    }


def collect(elf, spec, map_path):
    """The provenance record of a run of `elf` on board `spec` (from `map_path`)."""
    return {
        "source": git_commit(),
        "firmware": firmware_identity(elf),
        "tools": tool_versions(),
        "board": {"map": map_path, "entry": dataclasses.asdict(spec)},
    }
