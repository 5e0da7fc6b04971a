"""docs/hil-protocol.md's command table must be the one gen_commands.py
generates from commands.json (//hil/protocol:commands_md), so the committed
doc, readable as is, never drifts from the commands the code is built from."""

import unittest

# Runfiles paths (the test runs from the workspace root in its runfiles).
GENERATED = "hil/protocol/commands.md"
DOC = "docs/hil-protocol.md"

BEGIN = "<!-- commands table: generated from hil/protocol/commands.json -->"
END = "<!-- end of commands table -->"


def committed_table(text):
    """The text between BEGIN and END (each on its own line)."""
    start = text.index(BEGIN) + len(BEGIN) + 1
    return text[start:text.index(END, start)]


class DocTableMatchesSchema(unittest.TestCase):
    def test_table(self):
        with open(GENERATED) as f:
            generated = f.read()
        with open(DOC) as f:
            committed = committed_table(f.read())
        self.assertEqual(
            committed, generated,
            "docs/hil-protocol.md's command table is stale: replace it with "
            "bazel-bin/hil/protocol/commands.md (bazel build //hil/protocol:commands_md)")


if __name__ == "__main__":
    unittest.main()
