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
    and anxiety by day with practice days and signs marked. The title gives the days since the
    last reach-out and the longest stretch.
    """
    from matplotlib.figure import Figure

    fig = Figure(figsize=(10, 7.5), layout="constrained")
    top, mid, low = fig.subplots(3, 1, sharex=True, height_ratios=(1, 1, 1.3))
    weeks = [dt.date.fromisoformat(w["week"]) + dt.timedelta(days=3) for w in stats["weeks"]]
    width = 2.8
    for offset, who, label in ((-width / 2, "me", "by me"), (width / 2, "them", "by them")):
        top.bar([w + dt.timedelta(days=offset) for w in weeks],
                [w[f"reach_outs_{who}"] for w in stats["weeks"]], width=width,
                color=COLOURS[who], label=label)
    top.set_ylabel("reach-outs\nper week")
    top.legend(loc="upper left", frameon=False, ncols=2)
    resisted = [w["urges_resisted"] for w in stats["weeks"]]
    mid.bar(weeks, resisted, width=5.6, color=COLOURS["resisted"], label="let pass")
    mid.bar(weeks, [w["urges_acted"] for w in stats["weeks"]], width=5.6, bottom=resisted,
            color=COLOURS["acted"], label="acted on")
    mid.set_ylabel("urges\nper week")
    mid.legend(loc="upper left", frameon=False, ncols=2)
    for kind in ("wellbeing", "anxiety"):
        series = stats["ratings"][kind]
        low.plot([dt.date.fromisoformat(p["date"]) for p in series], [p["mean"] for p in series],
                 marker="o", markersize=3, linewidth=1.2, color=COLOURS[kind],
                 label="well-being" if kind == "wellbeing" else kind)
    low.set_ylim(0.4, 6.7)
    low.set_yticks(range(1, 6))
    low.set_ylabel("rating 1-5")
    for w, row in zip(weeks, stats["weeks"], strict=True):
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
