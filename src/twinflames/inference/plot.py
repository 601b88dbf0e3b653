"""The phase ribbon of a journal: phase probabilities per day, and the keeper's roles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..model import layout as L
from ..plots import PHASE_COLOURS, finish
from .result import InferenceResult


def plot_where(result: InferenceResult, path: str | Path):
    """Draw the phase probabilities over the journal (a stacked ribbon) and the probability that
    the keeper is chasing or running, to an image file."""
    from matplotlib.figure import Figure

    t = result.track
    dates = [dt.date.fromisoformat(result.days.date(d)) for d in range(result.days.n)]
    fig = Figure(figsize=(10, 5.5), layout="constrained")
    top, low = fig.subplots(2, 1, sharex=True, height_ratios=(2, 1))
    top.stackplot(dates, t.phase.T, colors=[PHASE_COLOURS[p] for p in L.PHASES],
                  labels=[p.replace("_", " ") for p in L.PHASES], alpha=0.9)
    top.set_ylim(0, 1)
    top.set_ylabel("phase probability")
    top.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize="small")
    for r, colour in ((L.ROLE_CHASER, "#E69F00"), (L.ROLE_RUNNER, "#0072B2")):
        low.plot(dates, t.roles[:, 0, r], color=colour, label=f"me {L.ROLES[r]}")
        low.plot(dates, t.roles[:, 1, r], color=colour, linestyle="--",
                 label=f"them {L.ROLES[r]}")
    low.set_ylim(0, 1)
    low.set_ylabel("role probability")
    low.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize="small")
    for ax in (top, low):
        ax.spines[["top", "right"]].set_visible(False)
    phase, _ = result.most_likely()
    fig.suptitle(f"Where you are, as of {result.as_of}: most likely "
                 f"{phase.replace('_', ' ')} ({100 * result.phase[phase]:.0f} in 100)")
    fig.autofmt_xdate()
    return finish(fig, path)
