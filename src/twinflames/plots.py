"""Matplotlib figures: a run (closeness, wounds, intensity, toxicity and well-being over time,
a coloured phase ribbon with who runs and who chases, event markers) and a parameter sweep."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import numpy as np

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from .files import write_atomically  # noqa: E402

# the explorer's phase colours (web/static/charts.js): each at least 5:1 against white, with
# white labels, and none reused for a line or a twin
PHASE_COLOURS = {
    "chase": "#882255", "separation": "#332288", "mutual_running": "#AA4499",
    "turbulence": "#7A6400", "blocked": "#6E6E6E", "union": "#117733", "ended": "#3B2A1A",
}
TWIN_COLOURS = {"a": "#0072B2", "b": "#E69F00"}
EVENT_MARKERS = {
    "reach_out": ("|", "#E69F00"), "block": ("s", "#000000"), "unblock": ("D", "#999999"),
    "sign": ("*", "#CC79A7"), "role_swap": ("^", "#D55E00"), "reunion": ("o", "#009E73"),
    "moved_on": ("X", "#000000"), "communicate": ("v", "#56B4E9"),
}


def finish(fig, path: str | Path | None = None):
    """Lay out ``fig`` (unless it has a layout engine of its own) and, if ``path`` is given,
    save it there atomically (format from the extension) and release it. Returns the figure."""
    if fig.get_layout_engine() is None:
        fig.tight_layout()
    if path is not None:
        write_atomically(path, lambda tmp: fig.savefig(tmp, dpi=110), "--plot")
        plt.close(fig)
    return fig


def plot_run(run, path: str | Path | None = None):
    """Draw ``run`` (a :class:`~twinflames.results.SimulationResult`); save to ``path`` if given.

    Returns the matplotlib Figure.
    """
    df = run.to_dataframe()
    sc = run.scenario
    name = {t: (getattr(sc, t).name or t) for t in "ab"}
    fig, axes = plt.subplots(4, 1, figsize=(11, 8.5), sharex=True,
                             gridspec_kw={"height_ratios": [3, 2.2, 2.2, 0.7]})
    ax_rel, ax_wound, ax_well, ax_ribbon = axes
    day = df["day"]
    ax_rel.plot(day, df["closeness"], color="#009E73", lw=1.6, label="closeness")
    ax_rel.plot(day, df["intensity"], color="#CC79A7", lw=1.2, label="intensity")
    ax_rel.plot(day, df["toxicity"], color="#D55E00", lw=1.2, ls="--", label="toxicity")
    for kind, (marker, colour) in EVENT_MARKERS.items():
        days = [e["day"] for e in run.events if e["kind"] == kind]
        if days:
            y = 1.06 if kind == "reach_out" else 1.12
            ax_rel.scatter(days, [y] * len(days), marker=marker, color=colour, s=28,
                           label=kind.replace("_", " "), clip_on=False, zorder=3)
    ax_rel.set_ylim(0, 1.18)
    ax_rel.set_ylabel("dyad")
    ax_rel.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    ax_rel.set_title(f"{sc.name}: {name['a']} (a, {sc.a.policy.name}) and {name['b']} "
                     f"(b, {sc.b.policy.name}) — outcome: {run.outcome}, seed {run.seed}")
    for t in "ab":
        ax_wound.plot(day, df[f"wound_{t}"], color=TWIN_COLOURS[t], lw=1.4,
                      label=f"wound {name[t]}")
        ax_well.plot(day, df[f"wellbeing_{t}"], color=TWIN_COLOURS[t], lw=1.4,
                     label=f"well-being {name[t]}")
    ax_wound.axhline(sc.model.heal_threshold, color="#777777", lw=0.8, ls=":",
                     label="healed below")
    for ax, label in ((ax_wound, "wounds"), (ax_well, "well-being")):
        ax.set_ylim(0, 1)
        ax.set_ylabel(label)
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    for ep in run.phases:
        ax_ribbon.axvspan(ep["start"], ep["end"], color=PHASE_COLOURS[ep["phase"]], lw=0)
        label = _ribbon_label(ep, name, (ep["end"] - ep["start"]) / max(run.days, 1e-9))
        if label:
            ax_ribbon.text((ep["start"] + ep["end"]) / 2, 0.5, label, ha="center", va="center",
                           fontsize=7, clip_on=True, color="white")
    ax_ribbon.set_yticks([])
    ax_ribbon.set_ylabel("phase")
    ax_ribbon.set_xlabel("day")
    ax_ribbon.set_xlim(0, max(run.days, 1e-9))
    ax_ribbon.legend(handles=[Patch(color=c, label=p.replace("_", " "))
                              for p, c in PHASE_COLOURS.items()],
                     loc="upper left", bbox_to_anchor=(1.0, 1.6), fontsize=7, frameon=False)
    return finish(fig, path)


RIBBON_CHARACTERS = 150  # 7-point characters that fit across the ribbon of an 11-inch figure


def _ribbon_label(ep: dict, name: dict[str, str], share: float) -> str:
    """The longest label that fits an episode taking ``share`` of the ribbon: the phase with
    who runs and who chases, the phase alone, or nothing."""
    phase = ep["phase"].replace("_", " ")
    roles = ", ".join(f"{name[ep[role]]} {verb}" for role, verb in
                      (("runner", "runs"), ("chaser", "chases")) if ep[role])
    for label in (f"{phase}: {roles}" if roles else phase, phase):
        if len(label) + 2 <= share * RIBBON_CHARACTERS:
            return label
    return ""


def plot_sweep(ds, metric: str = "union", path: str | Path | None = None):
    """Draw a sweep: a labelled heat map for a 2-D grid, curves with 95% bands for 1-D.

    ``metric`` is an outcome (``union``, ``chasing``, ...), ``days_<phase>`` (mean days in a
    phase) or a variable of the dataset (``days_to_union_median``, ``role_swaps``, ...).
    """
    from .analysis.sweep import metric_values  # here: the analysis package imports this one

    value, low, high, label = metric_values(ds, metric)
    dims = list(value.dims)
    title = (f"{ds.attrs['scenario']}: {label}\n{ds.attrs['runs']} dyads per point, "
             f"{ds.attrs['days']:g} days, seed {ds.attrs['seed']}")
    fig, ax = plt.subplots(figsize=(8, 5.5))
    if len(dims) == 1:
        x = value[dims[0]].values
        ax.plot(x, value.values, marker="o", color="#0072B2", label=label)
        if low is not None:
            ax.fill_between(x, low.values, high.values, color="#0072B2", alpha=0.2,
                            label="95% interval" if metric != "days_to_union_median"
                            else "p10–p90")
        ax.set_xlabel(dims[0])
        ax.set_ylabel(label)
        ax.legend(frameon=False)
    else:
        y_dim, x_dim = dims
        image = ax.imshow(value.values, origin="lower", aspect="auto", cmap="viridis")
        ax.set_xticks(range(value.sizes[x_dim]),
                      [f"{v:.3g}" for v in value[x_dim].values], rotation=45)
        ax.set_yticks(range(value.sizes[y_dim]), [f"{v:.3g}" for v in value[y_dim].values])
        ax.set_xlabel(x_dim)
        ax.set_ylabel(y_dim)
        if value.size <= 144:
            for (i, j), v in np.ndenumerate(value.values):
                ax.text(j, i, "—" if np.isnan(v) else f"{v:.2g}", ha="center", va="center",
                        fontsize=8, color="white" if v < np.nanmean(value.values) else "black")
        fig.colorbar(image, ax=ax, label=label)
    ax.set_title(title, fontsize=10)
    return finish(fig, path)
