"""Observed vs fitted series per dyad, one picture each (matplotlib, no display needed)."""

from __future__ import annotations

import re
from pathlib import Path

from ..files import write_atomically


def plot_curves(result, folder: Path) -> list[Path]:
    """Draw ``result.curves`` per dyad into ``folder/<model>_dyad_<id>.png``.

    Parameters
    ----------
    result : FitResult
    folder : pathlib.Path
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written = []
    folder.mkdir(parents=True, exist_ok=True)
    names = result.settings.get("partners", ["partner 0", "partner 1"])
    for dyad, rows in result.curves.groupby("dyad", sort=True):
        fig, axes = plt.subplots(2, 1, figsize=(8, 4.5), sharex=True)
        for k, ax in enumerate(axes):
            part = rows[rows["partner"] == k]
            ax.plot(part["time"], part["observed"], ".", ms=2.5, color="0.45", label="observed")
            ax.plot(part["time"], part["fitted"], "-", lw=1.0, color="C3", label="fitted")
            ax.set_ylabel(str(names[k]))
        axes[0].legend(loc="upper right", fontsize=8, frameon=False)
        mode = f" ({result.mode} mode)" if result.mode else ""
        axes[0].set_title(f"{result.model.upper()} fit, dyad {dyad}{mode}: "
                          f"{result.settings.get('observed', 'series')}")
        axes[1].set_xlabel("time")
        fig.tight_layout()
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", str(dyad)).strip(".-") or "dyad"
        path = folder / f"{result.model}_dyad_{safe}.png"
        write_atomically(path, lambda tmp, fig=fig: fig.savefig(tmp, format="png", dpi=90),
                         option="--plot")
        plt.close(fig)
        written.append(path)
    return written
