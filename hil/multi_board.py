"""Many boards at once: `--board a,b,...` or `--all` (every board in the map).

Everything is checked first, for every board (suite, map, board names,
firmware per platform), so a usage error stops the run before any board is
touched. Then one runner process per board runs concurrently (with emulated
boards: N QEMUs), each with its own board lock and its own result directory
`<out>/<board>/`, its progress in `<out>/<board>.progress.log`. When all
have finished, the merged reports (hil/report_merged.py) go to `<out>/`:
one summary, one table and one report comparing the boards side by side.

The board runners are children in the run's registry (child_processes.py):
on SIGINT/SIGTERM/SIGHUP each gets SIGTERM and a grace period to write its
own partial reports before its process group is killed; the merged report
is then written from what they left, marked interrupted.
"""

import argparse
import os
import signal
import subprocess
import sys
import time

from hil.child_processes import CHILDREN, ProcessGroup, spawn
from hil.errors import RunInterrupted, UsageError
from hil.hardware_map import default_map_path, load_map
from hil.progress import Progress
from hil.report_merged import load_board_results, write_merged_reports
from hil.result_dirs import prepare_out_dir
from hil.results import EXIT_INTERRUPTED

#: Seconds a board runner gets after SIGTERM to write its partial reports.
STOP_GRACE_S = 15.0
#: Flags the parent decides per board; the rest is passed on unchanged.
PARENT_FLAGS = {"--board": 1, "--all": 0, "--out": 1}


def wants_many(args):
    return bool(args.all) or (args.board is not None and "," in args.board)


def requested_boards(args):
    """The board names to run, in order; UsageError for an empty or
    unknown name (checked against the map, 'emulated' always exists)."""
    map_path = args.map or default_map_path()
    boards = load_map(map_path) if map_path else {}
    if args.all:
        if args.board:
            raise UsageError("give --board a,b,... or --all, not both")
        names = sorted(boards)
        if not names:
            raise UsageError("--all: the hardware map %s names no boards" % map_path)
        return names
    names = [n.strip() for n in args.board.split(",")]
    if any(not n for n in names) or len(set(names)) != len(names):
        raise UsageError("--board %s: give distinct board names separated by commas" % args.board)
    return names


def child_argv(argv):
    """`argv` without the flags the parent sets per board."""
    out, skip = [], 0
    for arg in argv:
        if skip:
            skip -= 1
            continue
        name = arg.split("=", 1)[0]
        if name in PARENT_FLAGS:
            skip = PARENT_FLAGS[name] if "=" not in arg else 0
            continue
        out.append(arg)
    return out


def check_every_board(args, names, prepare):
    """prepare() for each board (suite, map, firmware): usage errors before anything runs."""
    quiet = Progress(quiet=True)
    for name in names:
        prepare(argparse.Namespace(**dict(vars(args), board=name)), quiet)


class BoardRunner:
    def __init__(self, name, out_root, argv):
        self.name = name
        self.out = os.path.join(out_root, name)
        self.log_path = os.path.join(out_root, "%s.progress.log" % name)
        command = [sys.executable, "-m", "hil.runner"] + argv + ["--board", name, "--out", self.out]
        self.log = open(self.log_path, "w", encoding="utf-8")
        self.started = time.time()
        self.ended = None
        self.proc = spawn(command, "runner for %s" % name, stdin=subprocess.DEVNULL, stdout=self.log,
                          stderr=subprocess.STDOUT,
                          closer=lambda proc, what: ProcessGroup(proc, what, signal.SIGTERM, STOP_GRACE_S))

    def poll(self):
        code = self.proc.poll()
        if code is not None and self.ended is None:
            self.ended = time.time()
            self.log.close()
        return code


def run_boards(args, argv, prepare, progress):
    """Runs every requested board concurrently; the merged exit code."""
    names = requested_boards(args)
    check_every_board(args, names, prepare)
    out_dir = prepare_out_dir(args.out, "all" if args.all else "+".join(names))
    progress.step("%d boards at once (%s); reports in %s" % (len(names), ", ".join(names), out_dir.path))
    passed_on = child_argv(argv)
    runners = []
    interrupted = None
    try:
        for name in names:
            runners.append(BoardRunner(name, out_dir.path, passed_on))
            progress.step("board %s: started (progress in %s)" % (name, runners[-1].log_path))
        waiting = list(runners)
        while waiting:
            for runner in list(waiting):
                code = runner.poll()
                if code is not None:
                    waiting.remove(runner)
                    progress.step("board %s: exit %d after %.1fs" % (runner.name, code,
                                                                   runner.ended - runner.started))
            time.sleep(0.05)
    except RunInterrupted as e:
        interrupted = e.signal_name
        progress.step("interrupted by %s: stopping every board runner, merging partial results" % interrupted)
        CHILDREN.close_all()   # SIGTERM each runner, grace period, then its group is killed
        for runner in runners:
            runner.poll()
    results = load_board_results(runners)
    exit_code = EXIT_INTERRUPTED if interrupted else merged_exit_code(results)
    write_merged_reports(results, out_dir, interrupted, progress, exit_code)
    return exit_code


#: Worst first: the merged run's exit code is the worst of its boards'.
SEVERITY = (EXIT_INTERRUPTED, 3, 2, 1, 0)


def merged_exit_code(results):
    codes = [r.exit_code for r in results]
    return next(code for code in SEVERITY if code in codes) if codes else 2
