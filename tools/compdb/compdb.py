#!/usr/bin/python3
"""Writes compile_commands.json from `bazel aquery --output=jsonproto` output.

    compdb.py --execroot DIR --workspace DIR --out FILE AQUERY.json

AQUERY.json holds the CppCompile actions of `deps(//...)`: host compiles
(tests, tools) and, through the firmware rule's transition, the Cortex-M7
compiles (BSPs, apps, //mem for the target). A file compiled both ways keeps
the host command (clangd takes one command per file); files only the
firmware compiles get the cross compiler's. Commands run in Bazel's execution root, as
Bazel ran them, so include paths (`-isystem mem/include`,
`bazel-out/...`, `external/...`) resolve there; "file" is the path in the
workspace, which is what an editor opens. GCC-only options clang would
reject are left out (the cross compiler itself stays the driver, so clangd
needs `--query-driver=/usr/bin/arm-none-eabi-gcc` to learn its target and
system headers).
"""

import argparse
import json
import os
import sys

# Options GCC takes and clang (clangd's parser) does not.
GCC_ONLY = {"-fno-canonical-system-headers"}


def source_of(arguments):
    """The file after -c in a compile command, or None."""
    for i, arg in enumerate(arguments[:-1]):
        if arg == "-c":
            return arguments[i + 1]
    return None


def is_cross(action):
    return os.path.basename(action["arguments"][0]).startswith("arm-none-eabi-")


def entries(aquery, execroot, workspace):
    """(workspace source path, entry) for every compile of a file of the
    workspace itself (external repositories and generated files skipped),
    host compiles first."""
    actions = [a for a in aquery.get("actions", []) if a.get("mnemonic") == "CppCompile"]
    for action in sorted(actions, key=is_cross):
        arguments = [a for a in action["arguments"] if a not in GCC_ONLY]
        source = source_of(arguments)
        if source is None or source.startswith(("external/", "bazel-out/")):
            continue
        path = os.path.join(workspace, source)
        if not os.path.exists(path):
            continue
        yield path, {"directory": execroot, "file": path, "arguments": arguments}


def main(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--execroot", required=True)
    p.add_argument("--workspace", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("aquery")
    args = p.parse_args(argv)
    with open(args.aquery, encoding="utf-8") as f:
        text = f.read()
    aquery = json.loads(text) if text.strip() else {}
    chosen = {}
    for path, entry in entries(aquery, args.execroot, args.workspace):
        chosen.setdefault(path, entry)
    if not chosen:
        sys.exit("compdb: no compile actions found")
    with open(args.out + ".tmp", "w", encoding="utf-8") as f:
        json.dump([chosen[k] for k in sorted(chosen)], f, indent=1)
        f.write("\n")
    os.replace(args.out + ".tmp", args.out)
    print("compdb: %d files -> %s" % (len(chosen), args.out))


if __name__ == "__main__":
    main(sys.argv[1:])
