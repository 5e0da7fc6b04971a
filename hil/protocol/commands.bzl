"""generated_from_commands: one output of gen_commands.py from commands.json."""

def generated_from_commands(name, kind, out, **kwargs):
    """Generates `out` from //hil/protocol:commands.json.

    Args:
      name: target name.
      kind: gen_commands.py's output kind: "py", "c" or "md".
      out: the generated file, in the calling package.
      **kwargs: passed to the genrule (visibility, testonly, ...).
    """
    native.genrule(
        name = name,
        srcs = ["//hil/protocol:commands.json"],
        outs = [out],
        cmd = "$(execpath //hil/protocol:gen_commands) %s $< $@" % kind,
        tools = ["//hil/protocol:gen_commands"],
        **kwargs
    )
