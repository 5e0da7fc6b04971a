"""Generates, from hil/protocol/commands.json, one of:
  py  hil/mailbox_commands.py: the host's command, enum and result layout tables
  c   hil_commands.h: the same for the target (HIL_CMD_*, HIL_LAYOUT_*, enum
      values, result word counts) and HIL_COMMAND_LIST, from which the agent
      declares and tables its handlers cmd_<name>

usage: gen_commands.py {py|c} commands.json out
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


def _words(fields):
    return sum(1 if isinstance(f, str) else f[1] for f in fields)


def _define(name, value):
    return "#define %s %du" % (name, value)


def generate_c(schema):
    commands = schema["commands"]
    out = [
        "/* Generated from hil/protocol/commands.json by gen_commands.py: do not edit.",
        " * Included by hil_mailbox.h; docs/hil-protocol.md describes the protocol. */",
        "#ifndef HIL_COMMANDS_H",
        "#define HIL_COMMANDS_H",
        "",
        "/* ---- commands (mailbox.command) ---- */",
        _define("HIL_CMD_NONE", 0),
    ]
    for c in commands:
        args = ", ".join(_arg(a) for a in c["args"]) or "none"
        out.append("/* %s; args: %s */" % (c["doc"], args))
        out.append(_define("HIL_CMD_" + c["name"].upper(), c["id"]))
    out.append(_define("HIL_CMD_COUNT", max(c["id"] for c in commands) + 1))
    out += ["", "/* ---- result layouts (mailbox.result_layout), and their sizes in words ---- */",
            _define("HIL_LAYOUT_NONE", 0)]
    for c in commands:
        if c["result"]:
            name = "HIL_LAYOUT_" + c["name"].upper()
            out.append(_define(name, c["result"]["layout"]))
            out.append(_define(name + "_WORDS", _words(c["result"]["fields"])))
    out += ["", "/* ---- enumerated arguments ---- */"]
    for enum, values in schema["enums"].items():
        prefix = schema["c_enum_prefixes"][enum]
        for name, value in values.items():
            out.append(_define(prefix + name.upper(), value))
    out += [
        "",
        "/* X(HIL_CMD_<NAME>, cmd_<name>) for every command: the agent declares",
        " * and tables a handler per entry, so a missing handler fails its link. */",
        "#define HIL_COMMAND_LIST(X) \\",
    ]
    out += ["    X(HIL_CMD_%s, cmd_%s) \\" % (c["name"].upper(), c["name"]) for c in commands]
    out += ["", "#endif /* HIL_COMMANDS_H */", ""]
    return "\n".join(out)


GENERATORS = {"py": generate, "c": generate_c}


def main(argv):
    with open(argv[2]) as f:
        schema = json.load(f)
    with open(argv[3], "w") as f:
        f.write(GENERATORS[argv[1]](schema))


if __name__ == "__main__":
    main(sys.argv)
