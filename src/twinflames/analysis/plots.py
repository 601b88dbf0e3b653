"""Figures of analyses: bifurcation diagrams, early-warning indicators, Sobol indices."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from ..plots import finish


def plot_scan(scan, variable: str | None = None, path: str | Path | None = None):
    """Equilibria (filled: stable, open: unstable) and cycle min/max of ``variable`` (the
    system's first by default) against the scanned parameter."""
    variable = variable or scan.names[0]
    t = scan.table
    fig, ax = plt.subplots(figsize=(7, 4.5))
    if len(t):
        eq = t[t["object"] == "equilibrium"]
        for stable, style in ((True, {"mfc": "k"}), (False, {"mfc": "white"})):
            part = eq[eq["stable"] == stable]
            ax.plot(part["value"], part[variable], "o", color="k", ms=4, ls="none",
                    label="stable equilibrium" if stable else "unstable equilibrium", **style)
        cyc = t[t["object"] == "cycle"]
        if len(cyc):
            ax.plot(cyc["value"], cyc[f"{variable}_max"], "^", color="tab:red", ms=4,
                    label="cycle max")
            ax.plot(cyc["value"], cyc[f"{variable}_min"], "v", color="tab:red", ms=4,
                    label="cycle min")
    for tr in scan.transitions:
        ax.axvspan(*tr["between"], color="tab:orange", alpha=0.25)
    ax.set_xlabel(scan.parameter)
    ax.set_ylabel(variable)
    ax.set_title(f"{scan.system}: {variable} against {scan.parameter} "
                 "(shaded: transitions)")
    ax.legend(fontsize=8)
    return finish(fig, path)


def plot_indicators(ind, path: str | Path | None = None):
    """The series, its rolling variance and lag-1 autocorrelation, with Kendall's tau."""
    fig, axes = plt.subplots(3, 1, figsize=(7, 6), sharex=True)
    axes[0].plot(ind.t, ind.series, lw=0.8)
    if ind.trend is not None:
        axes[0].plot(ind.t, ind.trend, color="tab:orange", lw=1, label="trend removed")
        axes[0].legend(fontsize=8)
    axes[0].set_ylabel("series")
    axes[1].plot(ind.t, ind.variance, color="tab:red")
    axes[1].set_ylabel(f"variance\ntau={ind.tau_variance:.2f}")
    axes[2].plot(ind.t, ind.ac1, color="tab:purple")
    axes[2].set_ylabel(f"lag-1 autocorr.\ntau={ind.tau_ac1:.2f}")
    axes[2].set_xlabel("time")
    return finish(fig, path)


def plot_sobol(result, path: str | Path | None = None):
    """First-order and total Sobol indices with their 95% intervals."""
    t = result.table
    x = np.arange(len(t))
    fig, ax = plt.subplots(figsize=(max(5, 1.2 * len(t) + 2), 4))
    for off, key, label in ((-0.18, "S1", "first order"), (0.18, "ST", "total")):
        err = np.vstack([t[key] - t[f"{key}_low"], t[f"{key}_high"] - t[key]])
        ax.bar(x + off, t[key], width=0.36, yerr=err, capsize=3, label=label)
    ax.set_xticks(x, t["parameter"], rotation=20, ha="right")
    ax.set_ylabel("share of variance")
    ax.set_title(f"Sobol indices of {result.outcome}")
    ax.axhline(0, color="0.6", lw=0.8)
    ax.legend()
    return finish(fig, path)
