"""Generates, from hil/protocol/commands.json, one of:
  py  hil/mailbox_commands.py: the host's command, enum and result layout tables
  c   hil_commands.h: the same for the target (HIL_CMD_*, HIL_LAYOUT_*, enum
      values, result word counts, result structs and hil_results_t with
      _Static_asserts on every offset) and HIL_COMMAND_LIST, from which the agent
      declares and tables its handlers cmd_<name>
  md  the command table of docs/hil-protocol.md (checked by
      //hil/protocol:commands_doc_test)

usage: gen_commands.py {py|c} commands.json out
"""

import json
import sys


def _words_of(f, records):
    """Words of one result field: a name, [name, n] or [name, n, record]."""
    if isinstance(f, str):
        return 1
    return f[1] * (len(records[f[2]]) if len(f) > 2 else 1)


def _field(f, records):
    return repr(f) if isinstance(f, str) else "(%r, %d)" % (f[0], _words_of(f, records))


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
            fields = ", ".join(_field(f, schema["records"]) for f in c["result"]["fields"])
            out.append("    %d: (%r, [%s])," % (c["result"]["layout"], c["name"], fields))
    out += ["}", ""]
    return "\n".join(out)


def _words(fields, records):
    return sum(_words_of(f, records) for f in fields)


def _c_member(f):
    if isinstance(f, str):
        return "    uint32_t %s;" % f
    return "    %s %s[%d];" % ("hil_%s_t" % f[2] if len(f) > 2 else "uint32_t", f[0], f[1])


def _c_structs(schema):
    """The result structs, the hil_results_t union and their layout asserts."""
    out = ["/* ---- result structs (field meanings: docs/hil-protocol.md) ---- */"]
    for name, words in schema["records"].items():
        out += ["typedef struct {"] + ["    uint32_t %s;" % w for w in words]
        out += ["} hil_%s_t;" % name, ""]
    results = [c for c in schema["commands"] if c["result"]]
    for c in results:
        out += ["typedef struct {"] + [_c_member(f) for f in c["result"]["fields"]]
        out += ["} hil_%s_result_t;" % c["name"], ""]
    out += ["typedef union {", "    uint32_t words[HIL_RESULT_WORDS];"]
    out += ["    hil_%s_result_t %s;" % (c["name"], c["name"]) for c in results]
    out += ["} hil_results_t;", "",
            "#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L",
            '_Static_assert(sizeof(hil_results_t) == 4 * HIL_RESULT_WORDS, "hil results size");']
    for c in results:
        struct = "hil_%s_result_t" % c["name"]
        offset = 0
        for f in c["result"]["fields"]:
            member = f if isinstance(f, str) else f[0]
            out.append('_Static_assert(offsetof(%s, %s) == %d, "%s layout");' % (struct, member, offset, c["name"]))
            offset += 4 * _words_of(f, schema["records"])
        out.append('_Static_assert(sizeof(%s) == 4 * HIL_LAYOUT_%s_WORDS, "%s layout");'
                   % (struct, c["name"].upper(), c["name"]))
    out += ["#endif", ""]
    return out


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
        "#include <stddef.h>",
        "#include <stdint.h>",
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
            out.append(_define(name + "_WORDS", _words(c["result"]["fields"], schema["records"])))
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
    out += ["", "/* X(HIL_LAYOUT_<NAME>, hil_<name>_result_t) for every result layout. */",
            "#define HIL_RESULT_LIST(X) \\"]
    out += ["    X(HIL_LAYOUT_%s, hil_%s_result_t) \\" % (c["name"].upper(), c["name"])
            for c in commands if c["result"]]
    out += ["", "/* X(<enum value macro>) for every enumerated argument value. */",
            "#define HIL_ENUM_VALUE_LIST(X) \\"]
    for enum, values in schema["enums"].items():
        out += ["    X(%s%s) \\" % (schema["c_enum_prefixes"][enum], n.upper()) for n in values]
    out += [""] + _c_structs(schema) + ["#endif /* HIL_COMMANDS_H */", ""]
    return "\n".join(out)


def _md_arg(a, enums):
    if isinstance(a, str):
        return "`%s`" % a
    values = ", ".join("%d %s" % (v, n) for n, v in enums[a["enum"]].items())
    return "`%s` (%s)" % (a["name"], values)


def generate_md(schema):
    out = ["| id | command | args | result layout | what it does |", "|---|---|---|---|---|"]
    for c in schema["commands"]:
        args = ", ".join(_md_arg(a, schema["enums"]) for a in c["args"]) or "—"
        if c["result"]:
            layout = "%d: `hil_%s_result_t`, %d words" % (
                c["result"]["layout"], c["name"], _words(c["result"]["fields"], schema["records"]))
        else:
            layout = "none"
        out.append("| %d | `%s` | %s | %s | %s |" % (c["id"], c["name"], args, layout, c["doc"]))
    return "\n".join(out) + "\n"


GENERATORS = {"py": generate, "c": generate_c, "md": generate_md}


def main(argv):
    with open(argv[2]) as f:
        schema = json.load(f)
    with open(argv[3], "w") as f:
        f.write(GENERATORS[argv[1]](schema))


if __name__ == "__main__":
    main(sys.argv)
