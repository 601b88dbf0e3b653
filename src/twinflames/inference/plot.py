"""The phase ribbon of a journal: phase probabilities per day, and the keeper's roles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..model import layout as L
from ..plots import PHASE_COLOURS, finish
from .result import InferenceResult
from .words import ROLE_WORDS, phase_answer

WHO_WORDS = ("you", "they")


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
    top.set_ylabel("chance of each phase")
    top.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize="small")
    for r, colour in ((L.ROLE_CHASER, "#E69F00"), (L.ROLE_RUNNER, "#0072B2")):
        for i, style in ((0, "-"), (1, "--")):
            low.plot(dates, t.roles[:, i, r], color=colour, linestyle=style,
                     label=f"{WHO_WORDS[i]}: {ROLE_WORDS[L.ROLES[r]]}")
    low.set_ylim(0, 1)
    low.set_ylabel("chance of a role")
    low.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize="small")
    for ax in (top, low):
        ax.spines[["top", "right"]].set_visible(False)
    fig.suptitle(f"Where you are, as of {result.as_of}: your journal "
                 f"{phase_answer(result.phase)}")
    fig.autofmt_xdate()
    return finish(fig, path)
