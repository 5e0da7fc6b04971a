# Reads `arm-none-eabi-objdump -d --no-show-raw-insn`, finds function `sym`
# and walks its uncontended success path: conditional branches (b<cc>, cbz,
# cbnz) fall through unless their ordinal on the walk (1 = first conditional
# branch met) is listed in `take` (comma-separated) -- needed where Thumb-2
# forces a layout, e.g. CBNZ can only jump forwards. Unconditional branches
# are followed; the walk ends at the first return (bx lr or a pop that loads
# pc). A BL counts as one instruction. With trace=1 the walked instructions
# are printed, to check the path by eye.
# Prints: <sym> static=<all instructions> hot_path=<walked instructions>
# POSIX awk (no strtonum).
function hex(s,    i, v) {
    v = 0; s = tolower(s)
    for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
    return v
}
/^[0-9a-f]+ <.*>:$/ {
    infn = ($2 == "<" sym ">:")
    next
}
infn && /^ *[0-9a-f]+:\t/ {
    split($0, parts, "\t")
    addr = parts[1]; sub(/^ */, "", addr); sub(/:$/, "", addr)
    addr = sprintf("%d", hex(addr))
    n++
    order[n] = addr
    mnem[addr] = parts[2]
    args[addr] = parts[3]
    next
}
END {
    if (n == 0) { print sym " not found"; exit 1 }
    for (i = 1; i <= n; i++) next_of[order[i]] = (i < n) ? order[i + 1] : -1
    split(take, taken, ",")
    for (k in taken) takeset[taken[k]] = 1
    pc = order[1]; hot = 0; cond = 0
    while (pc != -1 && hot < 500) {
        m = mnem[pc]; a = args[pc]
        hot++
        if (trace) printf "    %x: %s %s\n", pc, m, a
        if (m == "bx" && a ~ /lr/) break
        if (m ~ /^pop/ && a ~ /pc/) break
        if (m ~ /^b(\.n|\.w)?$/) {
            split(a, t, " ")
            pc = sprintf("%d", hex(t[1]))
            continue
        }
        if (m ~ /^(cbz|cbnz|b(eq|ne|cs|hs|cc|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le))(\.n|\.w)?$/) {
            cond++
            if (cond in takeset) {
                n2 = split(a, t, /[ ,]+/)
                for (j = 1; j <= n2; j++) if (t[j] ~ /^[0-9a-f]+$/ && j > 1 || (m ~ /^b/ && j == 1)) target = t[j]
                pc = sprintf("%d", hex(target))
                continue
            }
        }
        pc = next_of[pc]
    }
    printf "%-22s static=%3d hot_path=%3d\n", sym, n, hot
}
