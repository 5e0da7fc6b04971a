"""Stack-pointer walk over one function's disassembly.

Why: a .su frame describes what the compiler planned, not what the code does
(inline asm, naked functions). The walk follows sp through every basic block
(worklist over intra-function branches; join = max depth) so the frame and the
depth at each outgoing branch come from the instructions themselves. Every sp
write it cannot bound is returned as "unknown" so the caller makes it a finding.
"""

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from tools.stack import elf_code

_IMM = r"#(\d+)"


@dataclass
class Walk:
    max_depth: int = 0
    depth_at: Dict[int, int] = field(default_factory=dict)   # insn addr -> depth before it
    unknown: List[str] = field(default_factory=list)          # "addr: insn" sp writes not bounded


def _regs_bytes(reglist: str, fp: bool) -> int:
    c = elf_code._reg_count(reglist)
    return 8 * c["d"] + 4 * c["s"] if fp else 4 * c["core"]


def _step(insn, depth: int, facts: Dict[str, int], allowed_msr: bool):
    """(new depth or None if unknown, ends_path). facts: reg -> depth offset,
    meaning reg == entry_sp - offset (the frame-pointer idiom at -O0)."""
    mn = insn.mnemonic.split(".")[0]
    ops = insn.operands.replace(" ", "").lower()
    ops = ops.split(";")[0]
    if mn in ("push", "vpush"):
        return depth + _regs_bytes(ops, mn == "vpush"), False
    if mn in ("stmdb", "vstmdb", "stmfd") and ops.startswith("sp!,"):
        return depth + _regs_bytes(ops[4:], mn == "vstmdb"), False
    if mn in ("pop", "vpop"):
        return depth - _regs_bytes(ops, mn == "vpop"), "pc" in ops
    if mn in ("ldmia", "ldm", "vldmia", "ldmfd") and ops.startswith("sp!,"):
        return depth - _regs_bytes(ops[4:], mn == "vldmia"), "pc" in ops
    m = re.match(r"^[a-z0-9]+,\[sp,#(-?\d+)\]!$", ops)
    if m and mn.startswith(("str", "ldr", "vstr", "vldr")):
        return depth - int(m.group(1)), False
    m = re.match(r"^([a-z0-9]+),\[sp\],#(-?\d+)$", ops)
    if m and mn.startswith(("str", "ldr", "vstr", "vldr")):
        return depth - int(m.group(2)), m.group(1) == "pc"
    if re.match(r"^(sub|subs|subw)$", mn) and ops.startswith("sp,"):
        m = re.match(r"^sp,(?:sp,)?" + _IMM + "$", ops)
        return (depth + int(m.group(1)), False) if m else (None, False)
    if re.match(r"^(add|adds|addw)$", mn) and ops.startswith("sp,"):
        m = re.match(r"^sp,(?:sp,)?" + _IMM + "$", ops)
        if m:
            return depth - int(m.group(1)), False
        return None, False
    if re.match(r"^movs?$", mn) and ops.startswith("sp,"):
        src = ops[3:]
        if src in facts:
            return facts[src], False
        return None, False
    if mn.startswith("ldr") and ops.startswith("sp,"):
        return None, False
    if mn == "msr" and (ops.startswith("msp,") or ops.startswith("psp,")):
        return (depth, False) if allowed_msr else (None, False)
    return depth, False


def _track_facts(insn, depth: int, facts: Dict[str, int]):
    """Keeps "reg = sp + k" facts for `add rX, sp, #k`, `mov rX, sp`,
    `adds rX, #k` / `add rX, rX, #k` on a known reg; forgets a reg otherwise written."""
    mn = insn.mnemonic.split(".")[0]
    ops = insn.operands.replace(" ", "").lower().split(";")[0]
    parts = ops.split(",")
    if not parts or not re.match(r"^r\d+$|^fp$|^ip$", parts[0]):
        return
    dst = parts[0]
    if re.match(r"^(add|adds|addw)$", mn):
        m = re.match(r"^%s,sp,%s$" % (dst, _IMM), ops)
        if m:
            facts[dst] = depth - int(m.group(1))
            return
        m = re.match(r"^%s,(?:%s,)?%s$" % (dst, dst, _IMM), ops)
        if m and dst in facts:
            facts[dst] -= int(m.group(1))
            return
    if re.match(r"^(sub|subs|subw)$", mn):
        m = re.match(r"^%s,(?:%s,)?%s$" % (dst, dst, _IMM), ops)
        if m and dst in facts:
            facts[dst] += int(m.group(1))
            return
    if re.match(r"^movs?$", mn) and ops == dst + ",sp":
        facts[dst] = depth
        return
    if mn.startswith(("str", "cmp", "tst", "cbz", "cbnz", "b", "push", "vstr", "vpush", "it")) \
            and not mn.startswith(("bic",)):
        return
    facts.pop(dst, None)


def walk(fn, body: List, allowed_msr: bool = False) -> Walk:
    """Worklist over basic blocks; an instruction reached with two depths
    keeps the larger one (join = max), so every path is covered. A backward
    branch that arrives deeper than its target was reached (a loop lowering sp
    on every pass) goes to `unknown` instead of being walked again."""
    w = Walk()
    index = {i.addr: n for n, i in enumerate(body)}
    state: Dict[int, int] = {}
    work = [(0, 0, {})] if body else []
    while work:
        n, depth, facts = work.pop()
        while n < len(body):
            insn = body[n]
            if insn.addr in state and state[insn.addr] >= depth:
                break
            state[insn.addr] = depth
            w.depth_at[insn.addr] = depth
            new, ends = _step(insn, depth, facts, allowed_msr)
            if new is None:
                w.unknown.append("%#x: %s %s" % (insn.addr, insn.mnemonic, insn.operands))
                # Continue with the known part so later pushes still count;
                # the unknown amount itself is the caller's finding.
                new = depth
            else:
                _track_facts(insn, depth, facts)
            depth = max(new, 0) if new is not None else depth
            w.max_depth = max(w.max_depth, depth)
            if ends:
                break
            t = elf_code.direct_target(insn)
            if t is not None and t[0] == "branch" and fn.addr <= t[1] < fn.addr + fn.size:
                if t[1] <= insn.addr and t[1] in state and depth > state[t[1]]:
                    # Every cycle has a backward branch; arriving back at the
                    # loop head deeper than before means each pass lowers sp.
                    # No fixed bound exists, so it is a finding, not a walk
                    # that never ends. (Assumes reducible loops: entered at
                    # the head, as compilers emit.)
                    w.unknown.append("%#x: %s %s (sp lower by %d B on each pass of the loop back to %#x)"
                                     % (insn.addr, insn.mnemonic, insn.operands,
                                        depth - state[t[1]], t[1]))
                elif t[1] in index:
                    work.append((index[t[1]], depth, dict(facts)))
                conditional = insn.mnemonic not in ("b", "b.w", "b.n")
                if not conditional:
                    break
            elif t is not None and t[0] == "branch" and insn.mnemonic in ("b", "b.w", "b.n"):
                break   # leaves the function (tail call or call-by-branch)
            elif insn.mnemonic in ("bx", "bx.n") and insn.operands.strip() == "lr":
                break
            n += 1
    return w
