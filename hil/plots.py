"""Plots for the HTML report, as base64 PNG (matplotlib, Agg backend).

Each function takes a CaseResult's `details`/`metrics` and returns a base64
PNG string, or None when the case has nothing to plot.
"""

import base64
import io


def _figure():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6.4, 3.0), dpi=80)
    return plt, fig, ax


def _png(plt, fig):
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def latency_histogram(details, metrics, tick_hz=None):
    """ISR-to-consumer latency, in µs when the tick rate is known (the
    agent's timestamp_hz), on linear axes: bars at their real positions, so
    the spread is read off the axis. The last bucket collects everything
    from its start on."""
    hist = details.get("hist")
    width = metrics.get("hist_bucket_width") or 1
    if not hist or not any(hist):
        return None
    scale, unit = (1e6 / tick_hz, "µs") if tick_hz else (1.0, "ticks")
    plt, fig, ax = _figure()
    starts = [i * width * scale for i in range(len(hist))]
    ax.bar(starts, hist, width=width * scale * 0.9, align="edge", color="#4c72b0")
    ax.bar(starts[-1:], hist[-1:], width=width * scale * 0.9, align="edge", color="#c44e52",
           label="last bucket: %.3g %s and more" % (starts[-1], unit))
    ax.set_xlim(0, (len(hist) + 0.5) * width * scale)
    ax.set_xlabel("ISR-to-consumer latency (%s, bucket start)" % unit)
    ax.set_ylabel("samples")
    ax.legend(fontsize=7)
    ax.set_title("latency (%s): min %.3g, mean %.3g, max %.3g" % (
        unit, (metrics.get("latency_min") or 0) * scale, (metrics.get("latency_mean") or 0.0) * scale,
        (metrics.get("latency_max") or 0) * scale))
    return _png(plt, fig)


def stack_use(details, metrics, tick_hz=None):
    stacks = details.get("stacks")
    if not stacks:
        return None
    plt, fig, ax = _figure()
    names = [s["tag"] or "?" for s in stacks]
    ax.barh(names, [s["size"] for s in stacks], color="#dddddd", label="size")
    ax.barh(names, [s["high_water"] for s in stacks],
            color=["#c44e52" if s["use_ratio"] >= 0.8 else "#55a868" for s in stacks],
            label="high-water")
    bound_drawn = False
    for i, s in enumerate(stacks):
        ax.axvline(0.8 * s["size"], ymin=i / len(stacks), ymax=(i + 1) / len(stacks),
                   color="black", linestyle=":")
        bound = metrics.get("stack.%s.static_bound" % s["tag"])
        if bound:
            ax.axvline(bound, ymin=i / len(stacks), ymax=(i + 1) / len(stacks), color="#8172b2",
                       linestyle="--", linewidth=2, label=None if bound_drawn else "static bound")
            bound_drawn = True
    ax.set_xlabel("bytes (dotted: 80 %% of size%s)" % ("; dashed: static bound" if bound_drawn else ""))
    ax.legend(loc="lower right", fontsize=7)
    ax.set_title("stack high-water against size" + (" and static bound" if bound_drawn else ""))
    return _png(plt, fig)


def level_trace(details, metrics, tick_hz=None):
    series = []
    if details.get("queue_level"):
        series.append(("queue fill (slots)", details["queue_level"], metrics.get("queue_capacity")))
    if details.get("pool_free_level"):
        series.append(("pool free blocks", details["pool_free_level"], metrics.get("pool_blocks")))
    if not series:
        return None
    plt, fig, ax = _figure()
    for label, values, capacity in series:
        # The agent samples the level at evenly spaced points of the burst.
        position = [100.0 * i / max(len(values) - 1, 1) for i in range(len(values))]
        line, = ax.plot(position, values, marker="o", label=label)
        if capacity:
            ax.axhline(capacity, color=line.get_color(), linestyle="--", linewidth=0.8)
    ax.set_xlabel("progress through the burst (%)")
    ax.set_xlim(0, 100)
    ax.set_ylim(bottom=0)
    ax.set_ylabel("level (dashed: capacity)")
    ax.legend(fontsize=7)
    ax.set_title("pool / queue levels")
    return _png(plt, fig)


PLOTTERS = (latency_histogram, stack_use, level_trace)


def plots_for(case, tick_hz=None):
    """[(title, base64 png)] for one CaseResult; `tick_hz` (the agent's
    timestamp_hz) turns tick counts into µs."""
    out = []
    for plotter in PLOTTERS:
        png = plotter(case.details, case.metrics, tick_hz)
        if png:
            out.append((plotter.__name__.replace("_", " "), png))
    return out
