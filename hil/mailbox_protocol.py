"""hil/protocol/hil_mailbox.h, mirrored for the host (protocol version 1).

The command tables come from hil/protocol/commands.json (generated module
hil/mailbox_commands.py); the rest is written here.

//hil/tests:protocol_layout_test compiles the header and checks every
constant and offset here against it. Result layouts are lists of
(field, word count); decode_results() turns result words into a dict.
"""

from hil.mailbox_commands import BENCH_OPS, COMMANDS, ENUM_ARGS, FAULT_KINDS, HEAPS, LAYOUTS

PROTOCOL_VERSION = 1
MAILBOX_MAGIC = 0x4C494854      # "THIL"
DOORBELL_RING = 0x474E4952      # "RING"
MAILBOX_SYMBOL = "hil_mailbox"

ARG_WORDS = 8
RESULT_WORDS = 64
HIST_BUCKETS = 16
TRACE_POINTS = 16
MAX_STACKS = 16

# Mailbox word offsets (bytes).
MAILBOX_FIELDS = [
    "magic", "version", "build_id", "capabilities", "timestamp_hz", "boot_count",
    "command", ("args", ARG_WORDS), "seq", "doorbell",
    "status", "result_layout", "result_words", "heartbeat", "ack_seq",
    ("results", RESULT_WORDS),
    ("last_fault", 12),
]


def _offsets(fields):
    out = {}
    offset = 0
    for f in fields:
        name, count = (f, 1) if isinstance(f, str) else f
        out[name] = offset
        offset += 4 * count
    return out, offset


MAILBOX_OFFSETS, MAILBOX_SIZE = _offsets(MAILBOX_FIELDS)

# hil_fault_info_t (mailbox.last_fault): a copy of the BSP's fault record.
FAULT_FIELDS = [
    "valid", "exception", "cfsr", "hfsr", "mmfar", "bfar",
    "pc", "lr", "xpsr", "sp", "exc_return", "flags",
]
FAULT_OFFSETS, FAULT_SIZE = _offsets(FAULT_FIELDS)
FAULT_FLAG_PSP, FAULT_FLAG_FP_FRAME, FAULT_FLAG_STACK_OVERFLOW, FAULT_FLAG_FRAME_INVALID = 1, 2, 4, 8
EXCEPTIONS = {3: "HardFault", 4: "MemManage", 5: "BusFault", 6: "UsageFault"}

# ---- commands, their enumerated arguments and result layouts: generated
# from hil/protocol/commands.json (//hil:mailbox_commands_py). COMMANDS maps a
# name to (id, argument names in args[] order); LAYOUTS a layout id to
# (name, fields). Argument bounds are the agent's to check (answer BAD_ARGS);
# they are listed in docs/hil-protocol.md ("What apps/hil_agent does for
# each command").
COMMAND_NAMES = {cid: name for name, (cid, _) in COMMANDS.items()}

# UNKNOWN_COMMAND: command 0 or >= HIL_CMD_COUNT.
STATUS = {
    0: "IDLE", 1: "BUSY", 2: "OK", 3: "UNKNOWN_COMMAND", 4: "BAD_ARGS",
    5: "UNSUPPORTED", 6: "FAILED", 7: "NO_FAULT",
}
STATUS_IDLE, STATUS_BUSY, STATUS_OK = 0, 1, 2
STATUS_NO_FAULT = 7

LAYOUT_IDS = {name: lid for lid, (name, _) in LAYOUTS.items()}
LAYOUT_OFFSETS = {name: _offsets(fields) for _, (name, fields) in LAYOUTS.items()}


def command_id(name):
    return COMMANDS[name][0]


def encode_args(command, args):
    """`args` (dict of name -> int or enum name) as the 8 argument words.
    Raises ValueError on an unknown argument or enum value."""
    if command not in COMMANDS:
        raise ValueError("unknown command %r (known: %s)" % (command, ", ".join(COMMANDS)))
    names = COMMANDS[command][1]
    words = [0] * ARG_WORDS
    for key, value in (args or {}).items():
        if key not in names:
            raise ValueError("%s has no argument %r (arguments: %s)" % (command, key, ", ".join(names) or "none"))
        enum = ENUM_ARGS.get((command, key))
        if isinstance(value, str):
            if enum is None or value not in enum:
                raise ValueError("%s.%s: %r is not one of %s" % (command, key, value, sorted(enum or [])))
            value = enum[value]
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 0xFFFFFFFF:
            raise ValueError("%s.%s must be a u32, got %r" % (command, key, value))
        words[names.index(key)] = value
    return words


def _u64(fields, base):
    return fields[base + "_lo"] | (fields[base + "_hi"] << 32)


def decode_results(layout_id, words):
    """Result words as a dict of named fields (arrays as lists), plus derived
    values (means, per-stack list). Raises ValueError for an unknown layout."""
    if layout_id not in LAYOUTS:
        raise ValueError("unknown result layout %d" % layout_id)
    name, fields = LAYOUTS[layout_id]
    words = list(words) + [0] * (RESULT_WORDS - len(words))
    out = {}
    offset = 0
    for f in fields:
        key, count = (f, 1) if isinstance(f, str) else f
        out[key] = words[offset] if isinstance(f, str) else words[offset:offset + count]
        offset += count
    if name == "adc_burst":
        out["latency_mean"] = _u64(out, "latency_total") / out["received"] if out["received"] else 0.0
    elif name == "packet_burst":
        n = out["accepted"]
        out["alloc_mean"] = _u64(out, "alloc_total") / n if n else 0.0
        out["free_mean"] = _u64(out, "free_total") / n if n else 0.0
    elif name == "heap_stress":
        out["alloc_mean"] = _u64(out, "alloc_total") / out["allocs"] if out["allocs"] else 0.0
        out["free_mean"] = _u64(out, "free_total") / out["frees"] if out["frees"] else 0.0
    elif name == "bench":
        out["mean"] = _u64(out, "total") / out["iterations"] if out["iterations"] else 0.0
    elif name == "stack_report":
        stacks = []
        flat = out.pop("stacks")
        for i in range(min(out["count"], MAX_STACKS)):
            tag, size, high = flat[3 * i:3 * i + 3]
            label = tag.to_bytes(4, "little").rstrip(b"\0").decode("ascii", "replace")
            stacks.append({"tag": label, "size": size, "high_water": high,
                           "use_ratio": high / size if size else 1.0})
        out["stacks"] = stacks
        out["max_use_ratio"] = max((s["use_ratio"] for s in stacks), default=0.0)
    return out


def decode_fault(words):
    """mailbox.last_fault words as a dict, plus flag bits and the exception name."""
    rec = dict(zip(FAULT_FIELDS, words))
    rec["valid"] = int(rec["valid"] == 1)
    rec["exception_name"] = EXCEPTIONS.get(rec["exception"], "none" if not rec["valid"] else "?")
    rec["stack_overflow_flag"] = int(bool(rec["flags"] & FAULT_FLAG_STACK_OVERFLOW))
    rec["frame_invalid_flag"] = int(bool(rec["flags"] & FAULT_FLAG_FRAME_INVALID))
    return rec
