"""Running the HIL runner as a separate process from a test, and finding the
QEMU processes it starts (shared by the runner tests)."""

import os
import subprocess
import sys

# `python -m hil.runner` with the test's own interpreter.
RUNNER = [sys.executable, "-m", "hil.runner"]


def runner_env(extra=None):
    """The test's environment for a child runner: the same import path, and
    without Bazel's JUnit/output variables (the child must not write the
    test's own XML_OUTPUT_FILE unless asked to through `extra`)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    env.pop("XML_OUTPUT_FILE", None)
    env.pop("TEST_UNDECLARED_OUTPUTS_DIR", None)
    env.update(extra or {})
    return env


def write_text(directory, name, text):
    """Writes `text` to directory/name (a suite or map for a test); the path."""
    path = os.path.join(directory, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def run_runner(*args, env_extra=None, timeout=60):
    """Runs the runner with `args` to completion; the CompletedProcess
    (stdout and stderr captured as text)."""
    return subprocess.run(RUNNER + list(args), env=runner_env(env_extra),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, text=True)


def find_processes(match):
    """pids of live (not zombie) processes for which match(ppid, comm,
    cmdline) is true; cmdline has its arguments separated by spaces."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                stat = f.read()
            with open("/proc/%s/cmdline" % entry, "rb") as f:
                cmdline = f.read().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        state, ppid = stat[stat.rindex(")") + 2:].split()[:2]
        if state != "Z" and match(int(ppid), comm, cmdline):
            found.append(int(entry))
    return found


def process_gone(pid):
    """True when `pid` no longer runs (absent, or a zombie waiting for init)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            stat = f.read()
    except OSError:
        return True
    return stat[stat.rindex(")") + 2] == "Z"


def qemu_children(parent):
    """pids of emulators (qemu-system-* with a -kernel image) whose parent is
    `parent`; not the short-lived `qemu-system-arm --version` the runner
    asks for its provenance record."""
    return find_processes(lambda ppid, comm, cmdline: ppid == parent and comm.startswith("qemu-system")
                          and " -kernel " in cmdline)
