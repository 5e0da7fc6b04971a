"""tidemark HIL runner: runs a suite on one board and writes the reports.

    bazel run //hil:suite                      # default suite, agent for the board
    bazel run //hil:suite -- --board emulated --suite hil/suites/default.yaml \
        --firmware bazel-bin/apps/hil_agent/hil_agent_mps2_an500.elf --out /tmp/hil \
        --stack-bounds bazel-bin/apps/hil_agent/hil_agent_mps2_an500_stack_test.stack.json

Exit codes:
  0    every case passed
  1    test failures (limits, wrong status, timeouts)
  2    infrastructure error (QEMU died, probe gone, protocol error, board busy,
       lock file unusable; each case is retried once first)
  3    usage error: any bad flag, file or value (suite, map, firmware, --out),
       found before anything runs
  130  interrupted by SIGINT, SIGTERM or SIGHUP: children reaped, board
       released, partial reports written and marked interrupted
Reports go to hil-results/<UTC time>-<board>/ (hil-results/latest points to
the last one), or exactly to --out DIR. --board a,b,... or --all runs several
boards at once, one runner process each (hil/multi_board.py), with merged
reports and the worst board's exit code. See docs/hil.md.
"""

import argparse
import dataclasses
import datetime
import os
import sys
import time

from hil import interrupts, provenance
from hil.board_lock import BoardLock
from hil.board_session import BoardSession
from hil.case_executor import run_case
from hil.child_processes import CHILDREN
from hil.default_paths import default_firmware, default_stack_bounds, default_suite, user_path
from hil.drift import drift
from hil.elf_image import ElfImage
from hil.errors import InfrastructureError, RunInterrupted, UsageError
from hil.mailbox_protocol import MAILBOX_SYMBOL
from hil.multi_board import run_boards, wants_many
from hil.hardware_map import default_map_path, load_map, select_board
from hil.known_state import KnownState
from hil.probe_list import DEFAULT_SYSFS, SYSFS_ENV, format_listing, format_map, list_stlinks, \
    pyocd_board_names, sysfs_root
from hil.progress import Progress
from hil.report_html import write_html
from hil.report_json import write_json
from hil.report_junit import write_junit
from hil.result_dirs import prepare_out_dir, write_atomically
from hil.results import ERROR, EXIT_INTERRUPTED, EXIT_USAGE, NOT_RUN, CaseResult, RunResult
from hil.results_table import format_table
from hil.static_bound import resolve_bound
from hil.suite import load_suite
from hil.suite_selection import format_case_list, repeat_cases, select_cases
from hil.usage_parser import COUNT, POSITIVE_SECONDS, SECONDS, UsageArgumentParser, platform_entries


def parse_args(argv):
    p = UsageArgumentParser(prog="hil-suite", description=__doc__,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--suite", help="suite YAML file (default: hil/suites/default.yaml from the runfiles)")
    p.add_argument("--board", help="board name from the hardware map, or 'emulated'; default: "
                   "the single attached probe, else the emulated board; a,b,... runs several "
                   "boards at once (one runner process each, merged reports)")
    p.add_argument("--all", action="store_true",
                   help="run every board of the hardware map at once (see --board a,b,...)")
    p.add_argument("--map", help="hardware map (YAML/JSON); default $TIDEMARK_HIL_MAP or hil/boards.yaml")
    p.add_argument("--firmware", action="append", default=[], metavar="ELF|PLATFORM=ELF",
                   help="agent firmware; PLATFORM=ELF entries pick by the board's platform "
                        "(repeatable; non-.elf files from $(rootpaths) are ignored; default: "
                        "apps/hil_agent for every board, from the runfiles)")
    p.add_argument("--stack-bounds", action="append", default=[], metavar="JSON|PLATFORM=JSON",
                   help="static stack bound(s) for the stack_report cross-check (a stack_budget's "
                        "<name>.stack.json or any JSON with an integer 'bound'; repeatable; non-.json "
                        "files are ignored; default with the default firmware: apps/hil_agent's, "
                        "from the runfiles; none: no cross-check). See hil/static_bound.py")
    p.add_argument("--out", help="exactly this report directory (default: $TEST_UNDECLARED_OUTPUTS_DIR, "
                   "else a new ./hil-results/<UTC time>-<board>/, with ./hil-results/latest)")
    p.add_argument("--flash-timeout", type=POSITIVE_SECONDS, default=120.0, help="seconds for connect + flash")
    p.add_argument("--test-timeout", type=POSITIVE_SECONDS, help="seconds per case (overrides the suite)")
    p.add_argument("--ready-timeout", type=POSITIVE_SECONDS,
                   help="seconds for the agent to come up (overrides the suite)")
    p.add_argument("--lock-timeout", type=SECONDS, default=0.0, help="seconds to wait for a busy board")
    p.add_argument("--list", action="store_true", help="list the suite's (selected) cases and exit")
    p.add_argument("--case", action="append", default=[], metavar="NAME",
                   help="run only this case (repeatable)")
    p.add_argument("-k", action="append", default=[], dest="patterns", metavar="PATTERN",
                   help="run only cases whose name matches (substring or shell pattern; repeatable)")
    p.add_argument("--repeat", type=COUNT, default=1, metavar="N",
                   help="run the selected cases N times and report drift across the repeats")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.add_argument("--list-probes", action="store_true",
                   help="list the attached ST-LINK probes (USB serial, model, board if pyOCD knows "
                        "it) and exit; reads $%s (default %s)" % (SYSFS_ENV, DEFAULT_SYSFS))
    p.add_argument("--print-map", action="store_true",
                   help="with --list-probes: print a hardware map entry (openocd backend) per probe")
    args = p.parse_args(argv)
    if args.print_map and not args.list_probes:
        p.exit(EXIT_USAGE, "hil: usage error: --print-map goes with --list-probes\n")
    if args.list_probes:
        return args
    args.suite = user_path(args.suite) if args.suite else default_suite()
    if args.suite is None:
        p.error("--suite is required (no default suite in the runfiles)")
    if not args.stack_bounds and not args.firmware:
        args.stack_bounds = default_stack_bounds()   # they belong to the default firmware only
    else:
        args.stack_bounds = [_path_entry(e) for e in args.stack_bounds]
    args.firmware = [_path_entry(e) for e in args.firmware] or default_firmware()
    args.map = user_path(args.map)
    args.out = user_path(args.out)
    return args


def _path_entry(entry):
    """A --firmware / --stack-bounds entry with its path made absolute (see user_path)."""
    if "=" in entry:
        key, path = entry.split("=", 1)
        return "%s=%s" % (key, user_path(path))
    return user_path(entry)


def resolve_firmware(entries, platform):
    """The ELF for `platform` from --firmware entries; UsageError if none fits."""
    by_platform, plain = platform_entries(entries, ".elf")
    if platform in by_platform:
        return by_platform[platform]
    if len(plain) == 1:
        return plain[0]
    if len(plain) > 1:
        raise UsageError("several .elf files given (%s): use PLATFORM=ELF" % ", ".join(plain))
    raise UsageError("no firmware for platform %s (give --firmware ELF or --firmware %s=ELF)"
                     % (platform, platform))


def list_probes():
    from hil.pyocd_board import attached_probes
    return attached_probes()


REPORT_WRITERS = (("results.json", write_json), ("junit.xml", write_junit), ("report.html", write_html))


def write_reports(run, out_dir, progress):
    """The three reports into `out_dir` (result_dirs.OutDir), each written
    whole or not at all; then `latest` follows a per-run directory."""
    start = time.monotonic()
    for name, writer in REPORT_WRITERS:
        write_atomically(out_dir.file(name), writer, run)
    if os.environ.get("XML_OUTPUT_FILE"):
        write_junit(run, os.environ["XML_OUTPUT_FILE"])
    out_dir.mark_latest()
    progress.step("reports in %s (results.json, junit.xml, report.html), written in %.2fs "
                  "(the suite took %.2fs)" % (out_dir.path, time.monotonic() - start, run.duration_s))


@dataclasses.dataclass
class Plan:
    """Everything a run needs, loaded and checked before any board is touched."""
    suite: object
    cases: list
    spec: object
    selection: str
    elf: object
    stack_bound: object
    ready_timeout_s: float
    map_path: str = None


def planned_cases(args):
    """The suite and the cases to run (--case, -k, --repeat, --test-timeout)."""
    suite = load_suite(args.suite)
    cases = repeat_cases(select_cases(suite, getattr(args, "case", []), getattr(args, "patterns", [])),
                         getattr(args, "repeat", 1))
    if args.test_timeout is not None:
        cases = [dataclasses.replace(c, timeout_s=args.test_timeout) for c in cases]
    return suite, cases


def prepare(args, progress, probe_lister=list_probes):
    """Loads and checks the suite, map, board, firmware and stack bound.
    Raises UsageError for bad input, before any board is touched."""
    suite, cases = planned_cases(args)
    ready_timeout = args.ready_timeout if args.ready_timeout is not None else suite.ready_timeout_s
    map_path = args.map or default_map_path()
    boards = load_map(map_path) if map_path else {}
    spec, why = select_board(args.board, boards, probe_lister)
    progress.step("board %s (%s): %s" % (spec.name, spec.backend, why))
    firmware = resolve_firmware(args.firmware, spec.platform)
    elf = ElfImage(firmware)
    if elf.symbol(MAILBOX_SYMBOL) is None:
        raise UsageError("%s has no %s symbol: not a HIL agent build" % (firmware, MAILBOX_SYMBOL))
    stack_bound = resolve_bound(getattr(args, "stack_bounds", []), spec.platform, firmware)
    return Plan(suite, cases, spec, why, elf, stack_bound, ready_timeout, map_path)


def execute(args, progress, probe_lister=list_probes):
    """prepare() and run_plan(): the RunResult of the whole run."""
    return run_plan(prepare(args, progress, probe_lister), args, progress)


def run_plan(plan, args, progress):
    """Runs the planned cases; returns the RunResult, also when a signal
    interrupted the run (run.interrupted names it)."""
    spec, elf, stack_bound, cases = plan.spec, plan.elf, plan.stack_bound, plan.cases
    run = RunResult(plan.suite.name, spec.name, spec.backend, plan.selection, elf.path, elf.sha256,
                    started_at=datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                    stack_bound=stack_bound.to_dict() if stack_bound else {},
                    provenance=provenance.collect(elf, spec, plan.map_path))
    progress.step("stack cross-check: %s" % (
        "static bound %d B from %s" % (stack_bound.bound, stack_bound.source) if stack_bound
        else "none (no --stack-bounds for this board)"))
    start = time.monotonic()
    session = BoardSession(spec, elf, progress, flash_timeout_s=args.flash_timeout,
                           ready_timeout_s=plan.ready_timeout_s)
    known_state = KnownState(session, progress)
    lock = BoardLock(spec.lock_key) if spec.lock_key else None
    try:
        if lock:
            lock.acquire(timeout_s=args.lock_timeout)
            progress.step("locked %s" % lock.path)
        for i, case in enumerate(cases, 1):
            if any(c.outcome == ERROR for c in run.cases):
                run.cases.append(CaseResult(case.name, case.command, dict(case.args), ERROR,
                                            "not run: infrastructure failure in an earlier case"))
                continue
            progress.step("case %d/%d %s: %s %s" % (i, len(cases), case.name, case.command, case.args))
            state_note = known_state.prepare(case, stack_bound)
            result = run_case(case, session, progress, stack_bound)
            result.state_note = state_note
            known_state.record(case, result)
            progress.step("case %d/%d %s: %s%s (%.2fs)" % (
                i, len(cases), case.name, result.outcome.upper(),
                ": " + result.reason if result.reason else "", result.duration_s))
            run.cases.append(result)
            if session.mailbox is not None and session.mailbox.info is not None:
                run.agent = {k: v for k, v in vars(session.mailbox.info).items()}
    except InfrastructureError as e:
        run.infrastructure_error = str(e)
        progress.step("infrastructure error: %s" % e)
        for case in cases[len(run.cases):]:
            run.cases.append(CaseResult(case.name, case.command, dict(case.args), ERROR, "not run: %s" % e))
    except RunInterrupted as e:
        run.interrupted = e.signal_name
        progress.step("interrupted by %s: stopping the board, writing partial results" % e.signal_name)
        for case in cases[len(run.cases):]:
            run.cases.append(CaseResult(case.name, case.command, dict(case.args), NOT_RUN,
                                        "not run: interrupted by %s" % e.signal_name))
    finally:
        run.uart_log = session.log()
        session.close()
        if lock:
            lock.release()
        run.duration_s = time.monotonic() - start
        run.drift = drift(run.cases) if getattr(args, "repeat", 1) > 1 else {}
    return run


def print_probes(print_map):
    """--list-probes: the attached ST-LINKs, or map entries for them."""
    probes = list_stlinks(sysfs_root(), pyocd_board_names())
    if print_map:
        sys.stdout.write(format_map(probes))
    else:
        print(format_listing(probes, sysfs_root()))


def main(argv=None):
    """The runner's exit code (module docstring) for `argv`."""
    handler = interrupts.install()
    CHILDREN.open()
    try:
        return _run_main(sys.argv[1:] if argv is None else argv, handler)
    except RunInterrupted as e:   # before a run began: nothing to report yet
        sys.stderr.write("hil: interrupted by %s before the run started\n" % e.signal_name)
        return EXIT_INTERRUPTED
    finally:
        CHILDREN.close_all()
        handler.restore()


def _run_main(argv, handler):
    args = parse_args(argv)
    if args.list_probes:
        print_probes(args.print_map)
        return 0
    progress = Progress(quiet=args.quiet)
    try:
        if args.list:
            print(format_case_list(*planned_cases(args)))
            return 0
        if wants_many(args):
            return run_boards(args, argv, prepare, progress)
        plan = prepare(args, progress)
        out_dir = prepare_out_dir(args.out, plan.spec.name)
    except UsageError as e:
        print("hil: usage error: %s" % e, file=sys.stderr)
        return EXIT_USAGE
    progress.step("reports will go to %s" % out_dir.path)
    run = run_plan(plan, args, progress)
    with handler.deferred():   # the reports are written whole, signal or not
        write_reports(run, out_dir, progress)
        print(format_table(run))
    if handler.received is not None:
        return EXIT_INTERRUPTED
    return run.exit_code


if __name__ == "__main__":
    sys.exit(main())
