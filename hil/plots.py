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


def latency_histogram(details, metrics):
    hist = details.get("hist")
    width = metrics.get("hist_bucket_width") or 1
    if not hist or not any(hist):
        return None
    plt, fig, ax = _figure()
    labels = ["%d" % (i * width) for i in range(len(hist) - 1)] + [">=%d" % ((len(hist) - 1) * width)]
    ax.bar(range(len(hist)), hist, color="#4c72b0")
    ax.set_xticks(range(len(hist)))
    ax.set_xticklabels(labels, rotation=60, fontsize=7)
    ax.set_xlabel("ISR-to-consumer latency (ticks, bucket start)")
    ax.set_ylabel("samples")
    ax.set_yscale("symlog")
    ax.set_title("latency: min %s, mean %.1f, max %s" % (
        metrics.get("latency_min"), metrics.get("latency_mean", 0.0), metrics.get("latency_max")))
    return _png(plt, fig)


def stack_use(details, metrics):
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


def level_trace(details, metrics):
    series = []
    if details.get("queue_level"):
        series.append(("queue fill (slots)", details["queue_level"], metrics.get("queue_capacity")))
    if details.get("pool_free_level"):
        series.append(("pool free blocks", details["pool_free_level"], metrics.get("pool_blocks")))
    if not series:
        return None
    plt, fig, ax = _figure()
    for label, values, capacity in series:
        line, = ax.plot(range(len(values)), values, marker="o", label=label)
        if capacity:
            ax.axhline(capacity, color=line.get_color(), linestyle="--", linewidth=0.8)
    ax.set_xlabel("sample point over the burst")
    ax.set_ylabel("level (dashed: capacity)")
    ax.legend(fontsize=7)
    ax.set_title("pool / queue levels")
    return _png(plt, fig)


PLOTTERS = (latency_histogram, stack_use, level_trace)


def plots_for(case):
    """[(title, base64 png)] for one CaseResult."""
    out = []
    for plotter in PLOTTERS:
        png = plotter(case.details, case.metrics)
        if png:
            out.append((plotter.__name__.replace("_", " "), png))
    return out
