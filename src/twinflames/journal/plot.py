"""The journal's stats as one matplotlib figure: three panels on one shared time axis."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..plots import finish

COLOURS = {"me": "#c2185b", "them": "#1565c0", "resisted": "#2e7d32", "acted": "#ef6c00",
           "wellbeing": "#2e7d32", "anxiety": "#6a1b9a", "practice": "#00897b", "sign": "#f9a825"}


def plot_stats(stats: dict, path: str | Path):
    """Draw ``stats`` (from :func:`~twinflames.journal.stats.compute_stats`) to an image file.

    Panels: reach-outs by each side per week; urges let pass vs acted on per week; well-being
    and anxiety by day with practice days and signs marked. Weekly bars span their week
    (Monday to Sunday; the current week only up to today) and counts have whole-number ticks.
    The title gives the days since the last reach-out and the longest stretch.
    """
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=(10, 7.5), layout="constrained")
    top, mid, low = fig.subplots(3, 1, sharex=True, height_ratios=(1, 1, 1.3))
    starts, ends = _week_spans(stats)
    spans = [e - s for s, e in zip(starts, ends, strict=True)]
    halves = [s + (e - s) / 2 for s, e in zip(starts, ends, strict=True)]
    for side, who, label in ((0, "me", "by me"), (1, "them", "by them")):
        top.bar([s + d * side / 2 for s, d in zip(starts, spans, strict=True)],
                [w[f"reach_outs_{who}"] for w in stats["weeks"]],
                width=[d / 2 for d in spans], align="edge", color=COLOURS[who], label=label)
    top.set_ylabel("reach-outs\nper week")
    resisted = [w["urges_resisted"] for w in stats["weeks"]]
    mid.bar(starts, resisted, width=spans, align="edge", color=COLOURS["resisted"],
            label="let pass")
    mid.bar(starts, [w["urges_acted"] for w in stats["weeks"]], width=spans, align="edge",
            bottom=resisted, color=COLOURS["acted"], label="acted on")
    mid.set_ylabel("urges\nper week")
    for ax, keys, none in ((top, ("reach_outs_me", "reach_outs_them"), "no reach-outs logged"),
                           (mid, ("urges_resisted", "urges_acted"), "no urges logged")):
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        peak = max((sum(w[k] for k in keys) for w in stats["weeks"]), default=0)
        ax.set_ylim(0, max(peak, 1) * 1.15)
        if peak:
            ax.legend(loc="upper left", frameon=False, ncols=2)
        else:
            ax.text(0.5, 0.5, none, transform=ax.transAxes, ha="center", va="center",
                    color="#555555")
    for kind in ("wellbeing", "anxiety"):
        series = stats["ratings"][kind]
        low.plot([dt.date.fromisoformat(p["date"]) for p in series], [p["mean"] for p in series],
                 marker="o", markersize=3, linewidth=1.2, color=COLOURS[kind],
                 label="well-being" if kind == "wellbeing" else kind)
    low.set_ylim(0.4, 6.7)
    low.set_yticks(range(1, 6))
    low.set_ylabel("rating 1-5")
    for w, row in zip(halves, stats["weeks"], strict=True):
        if row["practice_days"]:
            low.scatter([w], [0.7], s=12 * row["practice_days"], color=COLOURS["practice"],
                        marker="s")
        if row["signs"]:
            low.scatter([w], [5.6], s=30, color=COLOURS["sign"], marker="*")
    low.scatter([], [], color=COLOURS["practice"], marker="s", label="practice days (size)")
    low.scatter([], [], color=COLOURS["sign"], marker="*", label="signs that week")
    low.legend(loc="upper left", frameon=False, ncols=4, fontsize="small")
    for ax in (top, mid, low):
        ax.grid(axis="y", alpha=0.3)
        ax.spines[["top", "right"]].set_visible(False)
    since = stats["days_since_reach_out"]
    head = ("no reach-outs logged" if since is None
            else f"{since} days since you last reached out")
    fig.suptitle(f"Your journal: {head}; longest stretch {stats['longest_without_reaching_out']}"
                 " days")
    fig.autofmt_xdate()
    return finish(fig, path)


def _week_spans(stats: dict) -> tuple[list[dt.date], list[dt.date]]:
    """Where each week's bar starts and ends: Monday to the next Monday, the current week cut
    at the end of today (so nothing is drawn in the future)."""
    end_of_today = dt.date.fromisoformat(stats["today"]) + dt.timedelta(days=1)
    starts = [dt.date.fromisoformat(w["week"]) for w in stats["weeks"]]
    return starts, [min(s + dt.timedelta(days=7), end_of_today) for s in starts]
