"""What `bazel run //hil:suite` uses when not told otherwise.

The suite binary carries the acceptance suite and the agent firmware for
every board in its runfiles (hil/BUILD), so it runs with no arguments:
`--suite` defaults to hil/suites/default.yaml, `--firmware` to
PLATFORM=ELF entries for apps/hil_agent and, with the default firmware only,
`--stack-bounds` to PLATFORM=JSON entries for the agent's static stack
bounds (apps/hil_agent:hil_agent_<board>_stack_report). Paths the user gives are taken
relative to the directory the user ran ./rig in ($TIDEMARK_HIL_CWD, set by
rig), else the one `bazel run` was started in ($BUILD_WORKING_DIRECTORY),
not to the runfiles tree the binary runs in.
"""

import os

from boards import board_registry

WORKSPACE = "tidemark"
DEFAULT_SUITE = "hil/suites/default.yaml"
# The agent's outputs for every board in the registry (apps/hil_agent/BUILD
# builds one per board with firmware_for_boards).
AGENT_FIRMWARE = {
    board: "apps/hil_agent/hil_agent_%s.elf" % board for board in board_registry.names()
}
AGENT_STACK_BOUNDS = {
    board: "apps/hil_agent/hil_agent_%s_stack_test.stack.json" % board
    for board in board_registry.names()
}


def _roots():
    roots = []
    if os.environ.get("RUNFILES_DIR"):
        roots.append(os.path.join(os.environ["RUNFILES_DIR"], WORKSPACE))
    # hil/default_paths.py sits one level below the workspace (or runfiles) root.
    roots.append(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return roots


def find(relpath):
    """`relpath` (workspace-relative) in the runfiles, or None."""
    for root in _roots():
        path = os.path.join(root, relpath)
        if os.path.isfile(path):
            return path
    return None


def default_suite():
    return find(DEFAULT_SUITE)


def _platform_entries(relpaths):
    """PLATFORM=PATH entries for the `relpaths` (platform -> workspace path)
    found in the runfiles (maybe none)."""
    entries = []
    for platform, relpath in sorted(relpaths.items()):
        path = find(relpath)
        if path:
            entries.append("%s=%s" % (platform, path))
    return entries


def default_firmware():
    """PLATFORM=ELF entries for every agent image in the runfiles (maybe none)."""
    return _platform_entries(AGENT_FIRMWARE)


def default_stack_bounds():
    """PLATFORM=JSON entries for every agent stack bound in the runfiles."""
    return _platform_entries(AGENT_STACK_BOUNDS)


#: Set by ./rig to the directory the user ran it in (rig itself cds to the
#: repository root before `bazel run`, which makes that BUILD_WORKING_DIRECTORY).
USER_CWD_VARIABLE = "TIDEMARK_HIL_CWD"


def user_directory():
    """Where the user ran ./rig (or `bazel run`, or the runner itself)."""
    return (os.environ.get(USER_CWD_VARIABLE) or os.environ.get("BUILD_WORKING_DIRECTORY")
            or os.getcwd())


def user_path(path):
    """A path from the command line, relative to where the user ran ./rig
    or `bazel run` (user_directory())."""
    if path is None or os.path.isabs(path):
        return path
    return os.path.join(user_directory(), path)
