"""Generates hil/mailbox_commands.py (the host's command, enum and result
layout tables) from hil/protocol/commands.json.

usage: gen_commands.py commands.json out.py
"""

import json
import sys


def _field(f):
    return repr(f) if isinstance(f, str) else "(%r, %d)" % (f[0], f[1])


def _arg(a):
    return a if isinstance(a, str) else a["name"]


def generate(schema):
    out = ['"""Generated from hil/protocol/commands.json by gen_commands.py: do not edit."""', ""]
    for name, values in schema["enums"].items():
        out.append("%s = %r" % (name, values))
    out += ["", "# name -> (id, argument names in args[] order)", "COMMANDS = {"]
    for c in schema["commands"]:
        out.append("    %r: (%d, %r)," % (c["name"], c["id"], [_arg(a) for a in c["args"]]))
    out += ["}", "", "# (command, argument) -> enum of names", "ENUM_ARGS = {"]
    for c in schema["commands"]:
        for a in c["args"]:
            if not isinstance(a, str):
                out.append("    (%r, %r): %s," % (c["name"], a["name"], a["enum"]))
    out += ["}", "", "# layout id -> (name, fields); a field is a name or (name, word count)", "LAYOUTS = {"]
    for c in schema["commands"]:
        if c["result"]:
            fields = ", ".join(_field(f) for f in c["result"]["fields"])
            out.append("    %d: (%r, [%s])," % (c["result"]["layout"], c["name"], fields))
    out += ["}", ""]
    return "\n".join(out)


def main(argv):
    with open(argv[1]) as f:
        schema = json.load(f)
    with open(argv[2], "w") as f:
        f.write(generate(schema))


if __name__ == "__main__":
    main(sys.argv)
