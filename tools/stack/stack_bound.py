"""Worst-case main-stack bound of a linked Cortex-M image.

Call graph: direct calls and tail calls from the disassembly of the ELF
(bl/blx <label> = call, charged with the caller's frame; b <label> into
another function = tail call where the sp walk finds sp back at its entry
value (the frame is released), otherwise a call charged with the depth the
walk found at the branch);
indirect call sites from the disassembly (blx/bx <reg>), located with the
.ci files; frames from the .su files, or for functions without one
(assembly, newlib) estimated from the prologue (see elf_code.estimate_frame).

Roots: every vector table entry. Reset is the thread root; every other entry
is a handler at the preemption priority given by the per-app priorities
file. Bound = worst thread path + for each preemption level in use
(worst handler at that level + one exception frame).

Anything the analysis cannot bound is a Finding: recursion, a dynamic
(alloca/VLA) frame, an indirect call, a frame it cannot estimate, a vector
without priority, a call to an address that is no function. The annotations
file bounds them; the report lists every assumption it used.
"""

import sys
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from tools.stack import elf_code
from tools.stack import sp_walk
from tools.stack.stack_inputs import FrameEntry

# Armv7-M exception frame: 8 words basic, 26 words with FP context
# (S0-S15, FPSCR, reserved); with CCR.STKALIGN (always 1 on the M7) the core
# may insert one padding word to 8-byte-align the frame.
FRAME_BASIC = 32
FRAME_FP = 104
FRAME_ALIGN = 4

SYSTEM_VECTORS = {
    1: ("Reset", "Reset_Handler"),
    2: ("NMI", "NMI_Handler"),
    3: ("HardFault", "HardFault_Handler"),
    4: ("MemManage", "MemManage_Handler"),
    5: ("BusFault", "BusFault_Handler"),
    6: ("UsageFault", "UsageFault_Handler"),
    11: ("SVCall", "SVC_Handler"),
    12: ("DebugMonitor", "DebugMon_Handler"),
    14: ("PendSV", "PendSV_Handler"),
    15: ("SysTick", "SysTick_Handler"),
}
FIXED_PRIORITY = {2: -2, 3: -1}
DISABLED = "disabled"


@dataclass
class Finding:
    kind: str          # recursion | dynamic_frame | indirect_call | unknown_frame | no_priority | bad_call
    function: str
    location: str
    detail: str
    annotated: bool = False
    assumption: str = ""
    reached_from: List[str] = field(default_factory=list)
    # indirect_call: functions whose address is stored in data, "name (section holder)"
    candidates: List[str] = field(default_factory=list)
    not_assumed: List[str] = field(default_factory=list)   # candidates the annotation leaves out


@dataclass
class Node:
    fn: elf_code.Function
    frame: int = 0
    frame_source: str = "su"          # su | estimate | annotation
    location: str = ""
    calls: Dict[int, str] = field(default_factory=dict)   # callee addr -> "call" | "branch" | "tail"
    branch_depth: Dict[int, int] = field(default_factory=dict)  # "branch" callee -> sp depth at the b
    recursion_bound: int = 1
    walk: Optional[sp_walk.Walk] = None


@dataclass
class Step:
    function: str
    location: str
    frame: int         # bytes this activation adds on this path
    note: str = ""


@dataclass
class Root:
    vector: int
    exception: str
    function: str
    priority: object   # "thread", int, or "disabled"
    depth: int = 0
    path: List[Step] = field(default_factory=list)


@dataclass
class Level:
    priority: int
    root: Root
    frame: int

    @property
    def total(self) -> int:
        return self.root.depth + self.frame


@dataclass
class Analysis:
    roots: List[Root]
    thread: Optional[Root]
    levels: List[Level]
    bound: int
    exception_frame: int
    fp_context: bool
    findings: List[Finding]
    estimated: List[Tuple[str, int]]
    assumptions: List[str]
    unused_annotations: List[str]
    depths: Dict[str, int]           # worst depth from each reachable function
    # name -> {frame, depth, callees, flags}: the per-function table
    functions: Dict[str, dict] = field(default_factory=dict)

    @property
    def unbounded(self) -> List[Finding]:
        return [f for f in self.findings if not f.annotated]


def compact(exceptions: List[str]) -> str:
    """["SVCall", "IRQ0", "IRQ1", "IRQ2", "IRQ5"] -> "SVCall, IRQ0..IRQ2, IRQ5"."""
    out = []
    run = []
    for e in exceptions + [None]:
        n = int(e[3:]) if e and e.startswith("IRQ") else None
        if n is not None and run and n == run[-1] + 1:
            run.append(n)
            continue
        if run:
            out.append("IRQ%d" % run[0] if len(run) == 1 else "IRQ%d..IRQ%d" % (run[0], run[-1]))
            run = []
        if n is not None:
            run = [n]
        elif e is not None:
            out.append(e)
    return ", ".join(out)


class Analyzer:
    def __init__(self, image: elf_code.Image, insns: List[elf_code.Insn],
                 frames: List[FrameEntry], priorities: dict, annotations: dict):
        self.image = image
        self.insns = insns
        self.insn_addrs = [i.addr for i in insns]
        self.priorities = priorities.get("priorities", {})
        self.fp_context = bool(priorities.get("fp_context", True))
        self.ann_indirect = annotations.get("indirect_calls", {})
        self.ann_recursion = annotations.get("recursion", {})
        self.ann_dynamic = annotations.get("dynamic_frames", {})
        self.ann_frames = annotations.get("frames", {})
        self.used_annotations = set()
        self.findings: List[Finding] = []
        self.assumptions: List[str] = []
        self.nodes: Dict[int, Node] = {}
        self._frames: Dict[str, List[FrameEntry]] = {}
        for e in frames:
            self._frames.setdefault(e.name, []).append(e)
        self._indirect_sites: Dict[int, List[str]] = {}
        # Every function per name: a static name can exist in several units,
        # and an annotation must not silently pick one of them.
        self._all_named: Dict[str, List[elf_code.Function]] = {}
        for fn in image.functions:
            for n in fn.names:
                self._all_named.setdefault(n, []).append(fn)

    # ---- annotation names ----------------------------------------------------

    @staticmethod
    def _qualified(fn: elf_code.Function, name: str) -> str:
        return "%s:%s" % (fn.unit, name) if fn.is_local and fn.unit else name

    def _resolve(self, key: str) -> elf_code.Function:
        """The one function an annotation names: "name" or "file.c:name"."""
        unit, _, name = key.rpartition(":")
        cands = self._all_named.get(name, [])
        if unit:
            cands = [f for f in cands if f.unit and (f.unit == unit or f.unit.endswith("/" + unit)
                                                    or unit.endswith("/" + f.unit))]
        if len(cands) == 1:
            return cands[0]
        if not cands:
            raise ValueError("annotation names %s, which is not a function of the image" % key)
        raise ValueError("annotation name %s is ambiguous; write one of: %s"
                         % (key, ", ".join(sorted(self._qualified(f, name) for f in cands))))

    def _ann(self, section: dict, section_name: str, fn: elf_code.Function):
        """(key, value) of the annotation in section that names fn, else None."""
        for key in section:
            if fn.name == key.rpartition(":")[2] and self._resolve(key) is fn:
                self.used_annotations.add(section_name + "." + key)
                return key, section[key]
        return None

    # ---- frames ----------------------------------------------------------------

    def _frame_entry(self, fn: elf_code.Function) -> Optional[FrameEntry]:
        cands = [e for n in fn.names for e in self._frames.get(n, [])]
        if fn.is_local:
            cands = [e for e in cands if e.is_static is not False and e.unit == fn.unit]
        else:
            cands = [e for e in cands if not e.is_static]
        if not cands:
            return None
        # Same global name in two units (a weak default and its override):
        # take the larger frame.
        return max(cands, key=lambda e: e.bytes)

    def _build_node(self, fn: elf_code.Function) -> Node:
        node = Node(fn)
        body = elf_code.instructions_of(self.insns, self.insn_addrs, fn)
        entry = self._frame_entry(fn)
        # The walk checks what the code does; .su alone trusts the compiler
        # (inline asm, naked functions). The fault entry switches to its own
        # stack on purpose, so its msr msp/psp is not a finding.
        node.walk = sp_walk.walk(fn, body, allowed_msr=fn.name == "cm7_fault_entry")
        ann_frame = self._ann(self.ann_frames, "frames", fn)
        if ann_frame is not None:
            node.frame = int(ann_frame[1])
            node.frame_source = "annotation"
            self.assumptions.append("frame of %s is %d B (annotation)" % (fn.name, node.frame))
        elif entry is not None:
            node.frame = entry.bytes
            node.location = entry.location
            if entry.dynamic_unbounded:
                extra = (self._ann(self.ann_dynamic, "dynamic_frames", fn) or (None, None))[1]
                f = Finding("dynamic_frame", fn.name, entry.location,
                            "dynamic stack allocation (alloca/VLA): %d B fixed + unknown" % entry.bytes)
                if extra is not None:
                    node.frame += int(extra)
                    f.annotated = True
                    f.assumption = "dynamic part at most %d B" % int(extra)
                self.findings.append(f)
            self._indirect_sites[fn.addr] = entry.indirect_sites
        else:
            est = elf_code.estimate_frame(body)
            node.frame = est.bytes
            node.frame_source = "estimate"
            node.location = "%#x" % fn.addr
            if est.unknown:
                self.findings.append(Finding(
                    "unknown_frame", fn.name, "%#x" % fn.addr,
                    "no .su entry and the prologue moves sp by an unknown amount: " + "; ".join(est.unknown)))
        if node.frame_source != "annotation":
            if node.walk.max_depth > node.frame:
                self.assumptions.append("frame of %s is %d B from the sp walk (.su/estimate said %d B)"
                                        % (fn.name, node.walk.max_depth, node.frame))
                node.frame = node.walk.max_depth
            # .su "dynamic" and the estimate already report their unknown sp moves.
            reported = entry.dynamic_unbounded if entry is not None else bool(elf_code.estimate_frame(body).unknown)
            if node.walk.unknown and not reported:
                self.findings.append(Finding(
                    "unknown_frame", fn.name, node.walk.unknown[0].split(":")[0],
                    "sp is written by an amount the walk cannot bound: " + "; ".join(node.walk.unknown)))
        self._edges(node, body)
        return node

    # ---- edges -------------------------------------------------------------------

    def _edges(self, node: Node, body: List[elf_code.Insn]):
        fn = node.fn
        indirect = []
        for n, insn in enumerate(body):
            t = elf_code.direct_target(insn)
            if t is not None:
                kind, addr, label = t
                if kind == "branch" and fn.addr <= addr < fn.addr + fn.size:
                    continue
                callee = self.image.function_at(addr)
                if callee is None and label and label.endswith("_veneer"):
                    callee = self.image.by_name.get(label[2:-len("_veneer")] if label.startswith("__") else label)
                if callee is None:
                    self.findings.append(Finding("bad_call", fn.name, "%#x" % insn.addr,
                                                 "%s to %#x <%s>, which is in no function" % (insn.mnemonic, addr, label)))
                    continue
                # A branch releases the frame only where sp is back at its
                # entry value; otherwise it is a call charged with the depth
                # the walk found at the branch (not the whole frame).
                if kind == "call":
                    node.calls[callee.addr] = "call"
                    continue
                at = node.walk.depth_at.get(insn.addr, node.frame)
                if node.calls.get(callee.addr) == "call":
                    continue
                if at > 0:
                    node.calls[callee.addr] = "branch"
                    node.branch_depth[callee.addr] = max(at, node.branch_depth.get(callee.addr, 0))
                elif callee.addr not in node.calls:
                    node.calls[callee.addr] = "tail"
                continue
            k = elf_code.indirect_kind(insn)
            if k is not None:
                indirect.append((insn, k, body[n + 1].addr if n + 1 < len(body) else None))
        if not indirect:
            return
        sites = self._indirect_sites.get(fn.addr) or []
        where = ", ".join(sites) if sites else node.location
        addrs = ", ".join("%#x %s %s" % (i.addr, i.mnemonic, i.operands) for i, _, _ in indirect)
        f = Finding("indirect_call", fn.name, where, "indirect call/jump at " + addrs)
        stored = self._stored_candidates(indirect)
        if len(stored) < len(self.image.stored):
            f.detail += " (candidates: the tables DWARF's DW_AT_call_target reads)"
        f.candidates = ["%s (%s %s)" % (self._qualified(s.function, s.function.name), s.section, s.holder)
                        for s in stored]
        targets = (self._ann(self.ann_indirect, "indirect_calls", fn) or (None, None))[1]
        if targets is not None:
            f.annotated = True
            f.assumption = "calls only: " + (", ".join(targets) if targets else "(nothing: not a call)")
            assumed = set()
            for name in targets:
                callee = self._resolve(name)
                node.calls[callee.addr] = "call"
                assumed.add(callee.addr)
            f.not_assumed = [c for c, s in zip(f.candidates, stored) if s.function.addr not in assumed]
        self.findings.append(f)

    def _stored_candidates(self, indirect) -> List[elf_code.StoredAddress]:
        """The functions stored in data that the indirect calls may reach.
        The call's pointer type is not in GCC's DWARF, so by default every
        stored function; when DW_AT_call_target of every call names an
        address inside objects holding stored functions (a table), only the
        functions stored in those objects."""
        named = []
        for _, _, ret in indirect:
            addrs = self.image.call_targets.get(ret)
            if not addrs:
                return self.image.stored
            named += addrs
        narrowed = [s for s in self.image.stored
                    if any(s.holder_range[0] <= a < s.holder_range[1] for a in named)]
        return narrowed or self.image.stored

    # ---- graph -----------------------------------------------------------------

    def _reachable(self, roots: List[int]) -> List[int]:
        seen = []
        seen_set = set()
        stack = list(roots)
        while stack:
            a = stack.pop()
            if a in seen_set:
                continue
            seen_set.add(a)
            seen.append(a)
            if a not in self.nodes:
                self.nodes[a] = self._build_node(self.image.function_at(a))
            stack.extend(self.nodes[a].calls.keys())
        return seen

    def _sccs(self, addrs: List[int]) -> List[List[int]]:
        """Tarjan, iterative; SCCs come out callees first."""
        index = {}
        low = {}
        on = set()
        st = []
        out = []
        counter = [0]
        for start in addrs:
            if start in index:
                continue
            work = [(start, iter(self.nodes[start].calls.keys()))]
            index[start] = low[start] = counter[0]
            counter[0] += 1
            st.append(start)
            on.add(start)
            while work:
                v, it = work[-1]
                advanced = False
                for w in it:
                    if w not in index:
                        index[w] = low[w] = counter[0]
                        counter[0] += 1
                        st.append(w)
                        on.add(w)
                        work.append((w, iter(self.nodes[w].calls.keys())))
                        advanced = True
                        break
                    if w in on:
                        low[v] = min(low[v], index[w])
                if advanced:
                    continue
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = st.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    out.append(comp)
        return out

    def _depths(self, addrs: List[int]):
        """depth[a] and best[a] = (next addr or None, kind, scc members)."""
        self.depth: Dict[int, int] = {}
        self.best: Dict[int, Tuple[Optional[int], str, List[int]]] = {}
        for comp in self._sccs(addrs):
            members = set(comp)
            recursive = len(comp) > 1 or comp[0] in self.nodes[comp[0]].calls
            if not recursive:
                a = comp[0]
                node = self.nodes[a]
                best_total, best_next, best_kind = node.frame, None, ""
                for c, kind in node.calls.items():
                    total = self.depth[c] + self._charge(node, c, kind)
                    if total > best_total:
                        best_total, best_next, best_kind = total, c, kind
                self.depth[a] = best_total
                self.best[a] = (best_next, best_kind, [])
                continue
            names = sorted(self.nodes[m].fn.name for m in comp)
            bound = None
            for n in names:
                if n in self.ann_recursion:
                    self.used_annotations.add("recursion." + n)
                    bound = max(bound or 0, int(self.ann_recursion[n]))
            f = Finding("recursion", " <-> ".join(names), self.nodes[comp[0]].location,
                        "recursive cycle through " + ", ".join(names))
            if bound is not None:
                f.annotated = True
                f.assumption = "at most %d activations of the cycle on the stack" % bound
            else:
                bound = 1
            self.findings.append(f)
            cycle = bound * sum(self.nodes[m].frame for m in comp)
            best_exit, best_next = 0, None
            for m in comp:
                for c in self.nodes[m].calls:
                    if c not in members and self.depth[c] > best_exit:
                        best_exit, best_next = self.depth[c], c
            for m in comp:
                self.nodes[m].recursion_bound = bound
                self.depth[m] = cycle + best_exit
                self.best[m] = (best_next, "call", sorted(comp, key=lambda x: self.nodes[x].fn.name))

    @staticmethod
    def _charge(node: Node, callee: int, kind: str) -> int:
        """Bytes of node's frame still on the stack when callee runs."""
        return {"call": node.frame, "branch": node.branch_depth.get(callee, 0)}.get(kind, 0)

    def _path(self, addr: int) -> List[Step]:
        steps = []
        seen = set()
        a = addr
        while a is not None and a not in seen:
            seen.add(a)
            node = self.nodes[a]
            nxt, kind, comp = self.best[a]
            if comp:
                for m in comp:
                    seen.add(m)
                    mn = self.nodes[m]
                    steps.append(Step(mn.fn.name, mn.location, mn.frame * mn.recursion_bound,
                                      "recursion: %d B x %d" % (mn.frame, mn.recursion_bound)))
            else:
                note = {"estimate": "estimated from prologue", "annotation": "frame from annotation"}.get(node.frame_source, "")
                if kind == "tail":
                    steps.append(Step(node.fn.name, node.location, 0,
                                      "tail call: frame %d B released" % node.frame))
                elif kind == "branch":
                    steps.append(Step(node.fn.name, node.location, self._charge(node, nxt, kind),
                                      "branch with %d B of its %d B frame on the stack"
                                      % (self._charge(node, nxt, kind), node.frame)))
                else:
                    steps.append(Step(node.fn.name, node.location, node.frame, note))
            a = nxt
        return steps

    def _route(self, roots: List[int], target: int) -> List[str]:
        """A call chain from one of roots to target (for findings)."""
        parent = {r: None for r in roots}
        queue = list(roots)
        while queue:
            a = queue.pop(0)
            if a == target:
                chain = []
                while a is not None:
                    chain.append(self.nodes[a].fn.name)
                    a = parent[a]
                return list(reversed(chain))
            for c in self.nodes[a].calls:
                if c not in parent:
                    parent[c] = a
                    queue.append(c)
        return []

    # ---- roots -----------------------------------------------------------------

    def _priority_of(self, vector: int, fn: elf_code.Function):
        exc, canonical = SYSTEM_VECTORS.get(vector, ("IRQ%d" % (vector - 16), None))
        keys = ([canonical] if canonical else []) + [exc] + fn.names
        for k in keys:
            if k in self.priorities:
                p = self.priorities[k]
                if p != DISABLED and (isinstance(p, bool) or not isinstance(p, int)):
                    raise ValueError("priority of %s must be an integer or \"disabled\", not %r" % (k, p))
                if vector in FIXED_PRIORITY and p != DISABLED and p != FIXED_PRIORITY[vector]:
                    raise ValueError("%s has the fixed priority %d, not %r" % (exc, FIXED_PRIORITY[vector], p))
                return p, k
        if vector in FIXED_PRIORITY:
            return FIXED_PRIORITY[vector], "architecture"
        return None, None

    def run(self) -> Analysis:
        frame = (FRAME_FP if self.fp_context else FRAME_BASIC) + FRAME_ALIGN
        roots: List[Root] = []
        active: List[int] = []
        missing: Dict[str, List[str]] = {}
        disabled: Dict[Tuple[str, str], List[str]] = {}
        for vector, target in enumerate(self.image.vectors):
            if vector == 0 or target == 0:
                continue
            fn = self.image.function_at(target)
            if fn is None:
                self.findings.append(Finding("bad_call", "vector %d" % vector, "%#x" % target,
                                             "vector table entry points to no function"))
                continue
            exc = SYSTEM_VECTORS.get(vector, ("IRQ%d" % (vector - 16), None))[0]
            if vector == 1:
                prio = "thread"
            else:
                prio, source = self._priority_of(vector, fn)
                if prio is None:
                    missing.setdefault(fn.name, []).append(exc)
                    prio = DISABLED
                elif prio == DISABLED:
                    disabled.setdefault((fn.name, source), []).append(exc)
            root = Root(vector, exc, fn.name, prio)
            roots.append(root)
            if prio != DISABLED:
                active.append(fn.addr)
        for (name, source), excs in disabled.items():
            self.assumptions.append("never runs (\"disabled\" via %s): %s -> %s"
                                    % (source, compact(excs), name))
        for name, excs in missing.items():
            self.findings.append(Finding(
                "no_priority", name, "vectors " + compact(excs),
                "handler has no priority in the priorities file (give a number or \"disabled\")"))
        reach = self._reachable(active)
        self._depths(reach)
        for r in roots:
            if r.priority != DISABLED:
                a = self.image.by_name[r.function].addr
                r.depth = self.depth[a]
                r.path = self._path(a)
        # Findings only matter where the code can run; name a route to each.
        by_name = {}
        for a in reach:
            for n in self.nodes[a].fn.names:
                by_name[n] = a
        kept = []
        for f in self.findings:
            first = f.function.split(" <-> ")[0]
            if f.kind == "no_priority" or first.startswith("vector ") or first in by_name:
                if first in by_name and f.kind != "no_priority":
                    f.reached_from = self._route(active, by_name[first])
                kept.append(f)
        self.findings = kept

        thread = next((r for r in roots if r.priority == "thread"), None)
        levels: Dict[int, Level] = {}
        for r in roots:
            if r.priority in ("thread", DISABLED):
                continue
            p = int(r.priority)
            if p not in levels or r.depth > levels[p].root.depth:
                levels[p] = Level(p, r, frame)
        level_list = [levels[p] for p in sorted(levels)]
        bound = (thread.depth if thread else 0) + sum(l.total for l in level_list)
        estimated = sorted((n.fn.name, n.frame) for a, n in self.nodes.items()
                           if n.frame_source == "estimate" and a in set(reach))
        all_ann = (["indirect_calls." + k for k in self.ann_indirect] +
                   ["recursion." + k for k in self.ann_recursion] +
                   ["dynamic_frames." + k for k in self.ann_dynamic] +
                   ["frames." + k for k in self.ann_frames])
        unused = [a for a in all_ann if a not in self.used_annotations and not a.split(".", 1)[1].startswith("_")]
        for f in self.findings:
            if f.annotated:
                self.assumptions.append("%s in %s: %s" % (f.kind, f.function, f.assumption))
        depths = {self.nodes[a].fn.name: self.depth[a] for a in reach}
        return Analysis(roots, thread, level_list, bound, frame, self.fp_context,
                        self.findings, estimated, self.assumptions, unused, depths,
                        self._table(reach))

    def _table(self, reach: List[int]) -> Dict[str, dict]:
        """Per reachable function: frame, worst depth below it, callees, flags."""
        kinds = {"recursion": "recursion", "dynamic_frame": "dynamic", "unknown_frame": "dynamic",
                 "indirect_call": "indirect"}
        flags: Dict[str, set] = {}
        for f in self.findings:
            if f.kind in kinds:
                for name in f.function.split(" <-> "):
                    flags.setdefault(name, set()).add(kinds[f.kind])
        table = {}
        for a in reach:
            node = self.nodes[a]
            fl = flags.get(node.fn.name, set())
            if node.frame_source == "estimate":
                fl = fl | {"estimated"}
            # file:name for statics, so two units' fail_alloc stay two rows
            table[self._qualified(node.fn, node.fn.name)] = {
                "frame": node.frame,
                "depth": self.depth[a],
                "callees": sorted(self._qualified(self.nodes[c].fn, self.nodes[c].fn.name) if c in self.nodes else "%#x" % c
                                  for c in node.calls),
                "flags": sorted(fl),
                "file": node.location.split(":")[0] if ":" in node.location else "",
            }
        return table


def analyze(elf_path: str, objdump: str, frames: List[FrameEntry],
            priorities: dict, annotations: dict) -> Tuple[Analysis, elf_code.Image]:
    image = elf_code.Image(elf_path)
    insns = elf_code.disassemble(objdump, elf_path)
    sys.setrecursionlimit(10000)
    return Analyzer(image, insns, frames, priorities, annotations).run(), image
