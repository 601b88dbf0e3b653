"""Figures of classic-model runs (matplotlib, no display needed)."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt

from ..plots import finish


def plot_run(result, path: str | Path | None = None):
    """Each variable against time (left) and the path in the plane of the first two (right)."""
    m = result.model
    fig, (ax_t, ax_p) = plt.subplots(1, 2, figsize=(10, 4))
    style = "o-" if m.kind == "map" else "-"
    for i, name in enumerate(m.state):
        ax_t.plot(result.t, result.states[:, i], style, ms=3, label=name)
    ax_t.set_xlabel(m.time_unit)
    ax_t.axhline(0, color="0.8", lw=0.8)
    ax_t.legend()
    ax_t.set_title(m.title)
    ax_p.plot(result.states[:, 0], result.states[:, 1], style, ms=3)
    ax_p.plot(*result.states[0, :2], "go", label="start")
    ax_p.plot(*result.states[-1, :2], "rs", label="end")
    ax_p.set_xlabel(m.state[0])
    ax_p.set_ylabel(m.state[1])
    ax_p.legend()
    return finish(fig, path)


def plot_ensemble(ens, path: str | Path | None = None):
    """Median and 10-90% band of each variable over time."""
    m = ens.model
    q = ens.quantiles()
    fig, ax = plt.subplots(figsize=(8, 4))
    for i, name in enumerate(m.state):
        line, = ax.plot(ens.t, q[1, :, i], label=f"{name} median")
        ax.fill_between(ens.t, q[0, :, i], q[2, :, i], color=line.get_color(), alpha=0.2,
                        label=f"{name} 10-90%")
    ax.set_xlabel(m.time_unit)
    ax.set_title(f"{m.title}: {ens.runs} runs, noise {ens.params.noise:g}")
    ax.legend()
    return finish(fig, path)
