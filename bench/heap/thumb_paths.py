#!/usr/bin/env python3
"""Longest instruction path through each function of a Thumb-2 object.

Usage: thumb_paths.py <objdump -d output> [function ...]

Builds the control-flow graph of every function from the disassembly, adds
the longest path of a called function at each `bl` to a local function, and
prints the number of instructions on the longest path from entry to return.
Every instruction counts 1 (IT-conditional ones too: they issue either way);
calls to functions outside the object (memset, mem_failure_report, hooks)
count as one instruction. All paths are counted, feasible or not, so this is
an upper bound on any single call. A loop makes the path unbounded: reported.
"""
import re
import sys

FUNC = re.compile(r"^([0-9a-f]+) <([^>]+)>:")
INSN = re.compile(r"^\s+([0-9a-f]+):\s+(?:[0-9a-f]{4}(?: [0-9a-f]{4})?\s+)?(\S+)\s*(.*)$")


def parse(text):
    funcs, cur = {}, None
    for line in text.splitlines():
        m = FUNC.match(line)
        if m:
            cur = m.group(2)
            funcs[cur] = []
            continue
        m = INSN.match(line)
        if m and cur:
            addr, mnem, ops = int(m.group(1), 16), m.group(2), m.group(3)
            if mnem.startswith(".") or mnem == "":
                continue
            funcs[cur].append((addr, mnem, ops))
    return funcs


def target(ops):
    m = re.search(r"\b([0-9a-f]+) <([^>+]+)(\+0x[0-9a-f]+)?>", ops)
    return (int(m.group(1), 16), m.group(2)) if m else (None, None)


def longest(funcs, name, memo, stack=()):
    if name in memo:
        return memo[name]
    if name in stack:
        raise ValueError(f"recursion through {name}")
    insns = funcs[name]
    index = {a: i for i, (a, _, _) in enumerate(insns)}
    # weight and successors of each instruction
    succ, weight = [], []
    for i, (a, mnem, ops) in enumerate(insns):
        w, s = 1, []
        base = mnem.split(".")[0]
        is_ret = (base in ("bx",) and "lr" in ops) or (base.startswith("pop") and "pc" in ops) \
            or (base.startswith("ldm") and "pc" in ops) or (base == "ldr" and ops.startswith("pc"))
        if base in ("bl", "blx"):
            t, tname = target(ops)
            if tname in funcs and tname != name and t == funcs[tname][0][0]:
                w += longest(funcs, tname, memo, stack + (name,))
            s = [i + 1]
        elif is_ret:
            s = []
        elif base in ("cbz", "cbnz") or (base.startswith("b") and base not in ("bic", "bics", "bfi", "bfc")
                                           and re.match(r"^b(eq|ne|cs|hs|cc|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le|al)?$", base)):
            t, tname = target(ops)
            cond = base not in ("b", "bal")
            if t in index and tname == name or (t in index):
                s = [index[t]]
            elif tname in funcs:  # tail call
                w += longest(funcs, tname, memo, stack + (name,))
                s = []
            if cond:
                s.append(i + 1)
        elif base in ("tbb", "tbh"):
            raise ValueError(f"{name}: jump table not supported")
        else:
            s = [i + 1]
        succ.append([x for x in s if x < len(insns)])
        weight.append(w)
    # longest path by DFS with cycle detection
    best = {}
    state = {}

    def visit(i):
        if state.get(i) == 1:
            raise ValueError(f"{name}: loop at {insns[i][0]:#x}")
        if i in best:
            return best[i]
        state[i] = 1
        b = weight[i] + max((visit(j) for j in succ[i]), default=0)
        state[i] = 2
        best[i] = b
        return b

    sys.setrecursionlimit(100000)
    memo[name] = visit(0)
    return memo[name]


def main():
    funcs = parse(open(sys.argv[1]).read())
    names = sys.argv[2:] or sorted(funcs)
    memo = {}
    for n in names:
        try:
            print(f"{n}: {longest(funcs, n, memo)}")
        except ValueError as e:
            print(f"{n}: unbounded ({e})")


if __name__ == "__main__":
    main()
