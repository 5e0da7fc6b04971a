"""//hil:emulated_suite — the project's acceptance suite (hil/suites/default.yaml)
with the real agent (apps/hil_agent) on the emulated board, exactly as
`bazel run //hil:suite` runs it: the stack_report case is cross-checked
against the agent's static stack bound (hil_agent_mps2_an500_stack_test
.stack.json). The runner writes its JUnit report into $XML_OUTPUT_FILE and
the other reports into the test's undeclared outputs; the test passes when
the runner exits 0 (every case passed)."""

import sys

from hil.runner import main

ARGS = sys.argv[1:]
FIRMWARE = next(p for p in ARGS if p.endswith("hil_agent_mps2_an500.elf"))
SUITE = next(p for p in ARGS if p.endswith(".yaml"))
STACK_BOUND = next(p for p in ARGS if p.endswith("hil_agent_mps2_an500_stack_test.stack.json"))

if __name__ == "__main__":
    sys.exit(main(["--board", "emulated", "--suite", SUITE, "--firmware", "mps2_an500=" + FIRMWARE,
                   "--stack-bounds", "mps2_an500=" + STACK_BOUND]))
