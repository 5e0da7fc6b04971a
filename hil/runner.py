"""tidemark HIL runner: runs a suite on one board and writes the reports.

    bazel run //hil:suite                      # default suite, agent for the board
    bazel run //hil:suite -- --board emulated --suite hil/suites/default.yaml \
        --firmware bazel-bin/apps/hil_agent/hil_agent_mps2_an500.elf --out /tmp/hil \
        --stack-bounds bazel-bin/apps/hil_agent/hil_agent_mps2_an500_stack_test.stack.json

Exit codes: 0 every case passed, 1 test failures (limits, wrong status,
timeouts), 2 infrastructure error (QEMU died, probe gone, protocol error,
board busy; each case is retried once first), 3 usage error.
See docs/hil.md.
"""

import argparse
import datetime
import os
import sys
import time

from hil.board_lock import BoardLock
from hil.board_session import BoardSession
from hil.case_executor import run_case
from hil.elf_image import ElfImage
from hil.default_paths import default_firmware, default_stack_bounds, default_suite, user_path
from hil.errors import InfrastructureError, UsageError
from hil.mailbox_protocol import MAILBOX_SYMBOL
from hil.hardware_map import default_map_path, load_map, select_board
from hil.probe_list import DEFAULT_SYSFS, SYSFS_ENV, format_listing, format_map, list_stlinks, \
    pyocd_board_names, sysfs_root
from hil.progress import Progress
from hil.report_html import write_html
from hil.report_json import write_json
from hil.report_junit import write_junit
from hil.results import ERROR, EXIT_USAGE, CaseResult, RunResult
from hil.results_table import format_table
from hil.stack_bound import resolve_bound
from hil.suite import load_suite


def parse_args(argv):
    p = argparse.ArgumentParser(prog="hil-suite", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--suite", help="suite YAML file (default: hil/suites/default.yaml from the runfiles)")
    p.add_argument("--board", help="board name from the hardware map, or 'emulated'; default: "
                   "the single attached probe, else the emulated board")
    p.add_argument("--map", help="hardware map (YAML/JSON); default $TIDEMARK_HIL_MAP or hil/boards.yaml")
    p.add_argument("--firmware", action="append", default=[], metavar="ELF|PLATFORM=ELF",
                   help="agent firmware; PLATFORM=ELF entries pick by the board's platform "
                        "(repeatable; non-.elf files from $(rootpaths) are ignored; default: "
                        "apps/hil_agent for every board, from the runfiles)")
    p.add_argument("--stack-bounds", action="append", default=[], metavar="JSON|PLATFORM=JSON",
                   help="static stack bound(s) for the stack_report cross-check (a stack_budget's "
                        "<name>.stack.json or any JSON with an integer 'bound'; repeatable; non-.json "
                        "files are ignored; default with the default firmware: apps/hil_agent's, "
                        "from the runfiles; none: no cross-check). See hil/stack_bound.py")
    p.add_argument("--out", help="report directory (default: $TEST_UNDECLARED_OUTPUTS_DIR, else ./hil-results)")
    p.add_argument("--flash-timeout", type=float, default=120.0, help="seconds for connect + flash")
    p.add_argument("--test-timeout", type=float, help="seconds per case (overrides the suite)")
    p.add_argument("--ready-timeout", type=float, help="seconds for the agent to come up (overrides the suite)")
    p.add_argument("--lock-timeout", type=float, default=0.0, help="seconds to wait for a busy board")
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
    plain, by_platform = [], {}
    for entry in entries:
        if "=" in entry:
            key, path = entry.split("=", 1)
            by_platform[key] = path
        elif entry.endswith(".elf"):
            plain.append(entry)
    if platform in by_platform:
        return by_platform[platform]
    if len(plain) == 1:
        return plain[0]
    if len(plain) > 1:
        raise UsageError("several .elf files given (%s): use PLATFORM=ELF" % ", ".join(plain))
    raise UsageError("no firmware for platform %s (give --firmware ELF or --firmware %s=ELF)"
                     % (platform, platform))


def default_out_dir():
    if os.environ.get("TEST_UNDECLARED_OUTPUTS_DIR"):
        return os.environ["TEST_UNDECLARED_OUTPUTS_DIR"]
    return os.path.join(os.environ.get("BUILD_WORKING_DIRECTORY", os.getcwd()), "hil-results")


def list_probes():
    from hil.pyocd_board import attached_probes
    return attached_probes()


def write_reports(run, out_dir, progress):
    os.makedirs(out_dir, exist_ok=True)
    write_json(run, os.path.join(out_dir, "results.json"))
    write_junit(run, os.path.join(out_dir, "junit.xml"))
    if os.environ.get("XML_OUTPUT_FILE"):
        write_junit(run, os.environ["XML_OUTPUT_FILE"])
    write_html(run, os.path.join(out_dir, "report.html"))
    progress.step("reports in %s (results.json, junit.xml, report.html)" % out_dir)


def execute(args, progress, probe_lister=list_probes):
    """Loads everything, runs the suite; returns the RunResult. Raises
    UsageError for bad input before any board is touched."""
    suite = load_suite(args.suite)
    if args.test_timeout is not None:
        for case in suite.cases:
            case.timeout_s = args.test_timeout
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
    run = RunResult(suite.name, spec.name, spec.backend, why, firmware, elf.sha256,
                    started_at=datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                    stack_bound=stack_bound.to_dict() if stack_bound else {})
    progress.step("stack cross-check: %s" % (
        "static bound %d B from %s" % (stack_bound.bound, stack_bound.source) if stack_bound
        else "none (no --stack-bounds for this board)"))
    start = time.monotonic()
    session = BoardSession(spec, elf, progress, flash_timeout_s=args.flash_timeout,
                           ready_timeout_s=ready_timeout)
    lock = BoardLock(spec.lock_key) if spec.lock_key else None
    try:
        if lock:
            lock.acquire(timeout_s=args.lock_timeout)
            progress.step("locked %s" % lock.path)
        for i, case in enumerate(suite.cases, 1):
            if any(c.outcome == ERROR for c in run.cases):
                run.cases.append(CaseResult(case.name, case.command, dict(case.args), ERROR,
                                            "not run: infrastructure failure in an earlier case"))
                continue
            progress.step("case %d/%d %s: %s %s" % (i, len(suite.cases), case.name, case.command, case.args))
            result = run_case(case, session, progress, stack_bound)
            progress.step("case %d/%d %s: %s%s (%.2fs)" % (
                i, len(suite.cases), case.name, result.outcome.upper(),
                ": " + result.reason if result.reason else "", result.duration_s))
            run.cases.append(result)
            if session.mailbox is not None and session.mailbox.info is not None:
                run.agent = {k: v for k, v in vars(session.mailbox.info).items()}
    except InfrastructureError as e:
        run.infrastructure_error = str(e)
        progress.step("infrastructure error: %s" % e)
        for case in suite.cases[len(run.cases):]:
            run.cases.append(CaseResult(case.name, case.command, dict(case.args), ERROR, "not run: %s" % e))
    finally:
        run.uart_log = session.log()
        session.close()
        if lock:
            lock.release()
        run.duration_s = time.monotonic() - start
    return run


def print_probes(print_map):
    """--list-probes: the attached ST-LINKs, or map entries for them."""
    probes = list_stlinks(sysfs_root(), pyocd_board_names())
    if print_map:
        sys.stdout.write(format_map(probes))
    else:
        print(format_listing(probes, sysfs_root()))


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.list_probes:
        print_probes(args.print_map)
        return 0
    progress = Progress(quiet=args.quiet)
    try:
        run = execute(args, progress)
    except UsageError as e:
        print("hil: usage error: %s" % e, file=sys.stderr)
        return EXIT_USAGE
    write_reports(run, args.out or default_out_dir(), progress)
    print(format_table(run))
    return run.exit_code


if __name__ == "__main__":
    sys.exit(main())
