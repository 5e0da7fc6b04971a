"""Per-board stack and memory budgets of one firmware_for_boards() app.

    load("//tools/stack:firmware_budgets.bzl", "firmware_budgets")

    firmware_budgets(
        name = "adc_sampler",             # the firmware_for_boards() name
        max_stack_bytes = 2048,
        limits = {"flash": 32 * 1024, "dtcm": 16 * 1024},
        report_boards = ["mps2_an500"],   # default: every board
    )

makes, for every board of //tools/firmware:firmware.bzl's BOARDS:
  <name>_<board>_stack_test   stack_budget of :<name>_<board> with
                              <name>_stack_annotations.json and
                              <name>_priorities.json (docs/stack-analysis.md);
  <name>_<board>_memory_test  memory_budget of :<name>_<board> against the
                              baseline <name>_<board>_memory.json when
                              it exists (a new board has none until it is
                              written; docs/memory-map-report.md), plus its
                              <name>_<board>_memory_test_update_baseline;
and, for each board in report_boards,
  <name>_<board>_stack_report a testonly filegroup of the stack_budget's
                              report files (<test>.stack.txt, .stack.json) for
                              use as data: a test target's own files are not
                              in its dependents' runfiles.
"""

load("//tools/firmware:firmware.bzl", "BOARDS")
load("//tools/mapreport:memory_budget.bzl", "memory_budget")
load("//tools/stack:stack_budget.bzl", "stack_budget")

def firmware_budgets(name, max_stack_bytes, limits, report_boards = None):
    """Stack budget, memory budget and (optionally) stack report per board.

    max_stack_bytes: the stack_budget's max_bytes (every board).
    limits: memory_budget limits, {region: int bytes} (every board).
    report_boards: boards that get a <name>_<board>_stack_report filegroup;
      None means all of BOARDS.
    """
    if report_boards == None:
        report_boards = BOARDS.keys()
    for board in BOARDS:
        stack_budget(
            name = "%s_%s_stack_test" % (name, board),
            annotations = "%s_stack_annotations.json" % name,
            firmware = ":%s_%s" % (name, board),
            max_bytes = max_stack_bytes,
            priorities = "%s_priorities.json" % name,
        )
        memory_budget(
            name = "%s_%s_memory_test" % (name, board),
            baseline = "%s_%s_memory.json" % (name, board),
            # A board just added to //boards has no baseline until its
            # <name>_<board>_memory_test_update_baseline is run.
            baseline_optional = True,
            firmware = ":%s_%s" % (name, board),
            limits = limits,
        )
    for board in report_boards:
        native.filegroup(
            name = "%s_%s_stack_report" % (name, board),
            testonly = True,
            srcs = [":%s_%s_stack_test" % (name, board)],
            output_group = "report",
        )
