"""What a per-dyad fit returns: the table (one row per dyad), which mode ran, and the
observed and fitted series for pictures."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

MODES = ("corrected", "rties")


@dataclass(frozen=True)
class FitResult:
    """Per-dyad fit of one model.

    Attributes
    ----------
    model : str
        ``"ic"``, ``"clo"`` or ``"gottman"``.
    mode : str
        ``"rties"`` (rties' numbers reproduced) or ``"corrected"`` (see docs/fitting.md);
        empty for models rties does not have.
    table : pandas.DataFrame
        One row per dyad: coefficients (rties' names), ``se_*`` standard errors, fit measures,
        ``n_obs_used`` and ``reason`` (empty when the dyad was fitted, else why not).
    settings : dict
        The options the fit ran with.
    curves : pandas.DataFrame or None
        Long table ``dyad, partner, time, observed, fitted`` (only when asked for).
    grid : pandas.DataFrame or None
        CLO: the adjusted R² of every (tau, embed) per dyad.
    """

    model: str
    mode: str
    table: pd.DataFrame
    settings: dict = field(default_factory=dict)
    curves: pd.DataFrame | None = None
    grid: pd.DataFrame | None = None

    @property
    def n_fitted(self) -> int:
        """Dyads fitted without a problem (``reason`` empty)."""
        return int((self.dyads()["reason"] == "").sum())

    def dyads(self) -> pd.DataFrame:
        """The table's first row per dyad (Gottman's table has one row per influence model)."""
        return self.table.drop_duplicates("dyad")

    def summary(self) -> str:
        """One line: how many dyads were fitted, which mode ran, and why the others were not."""
        d = len(self.dyads())
        mode = f" ({self.mode} mode)" if self.mode else ""
        line = f"{self.model.upper()} fit{mode}: {self.n_fitted} of {d} dyads fitted"
        skipped = self.dyads().loc[self.dyads()["reason"] != "", "reason"]
        if len(skipped):
            counts = skipped.value_counts()
            line += ("; degenerate (see the reason column): "
                     + ", ".join(f"{why} ({n})" for why, n in counts.items()))
        return line

    def to_json(self) -> str:
        """The result as JSON: model, mode, settings, summary and the table's rows (NaN as
        null)."""
        rows = json.loads(self.table.to_json(orient="records", double_precision=15))
        return json.dumps({"model": self.model, "mode": self.mode, "settings": self.settings,
                           "summary": self.summary(), "dyads": rows}, indent=2)

    def plot(self, folder: str | Path) -> list[Path]:
        """Write one picture per fitted dyad (observed vs fitted, both partners) into
        ``folder``.

        Returns
        -------
        list of pathlib.Path
            The files written (one per dyad fitted without a problem).
        """
        if self.curves is None:
            raise ValueError("this result holds no curves; fit with keep_curves=True")
        from .plot import plot_curves

        return plot_curves(self, Path(folder))


#: dyads fitted at once (bounds the working memory near 1 GB for 600-point series)
CHUNK_DYADS = 2000


def in_chunks(fit_one, p, size: int = CHUNK_DYADS) -> FitResult:
    """Run ``fit_one(panel)`` on consecutive blocks of ``size`` dyads and join the results.

    Each dyad's fit depends on that dyad alone, so the joined result equals one fit of all.
    """
    parts = [fit_one(p.take(slice(lo, lo + size))) for lo in range(0, max(len(p.dyads), 1),
                                                                      size)]
    if len(parts) == 1:
        return parts[0]
    first = parts[0]
    curves = (None if first.curves is None
              else pd.concat([r.curves for r in parts], ignore_index=True))
    grid = (None if first.grid is None
            else pd.concat([r.grid for r in parts], ignore_index=True))
    return FitResult(first.model, first.mode,
                     pd.concat([r.table for r in parts], ignore_index=True), first.settings,
                     curves, grid)


def reasons(n_dyads: int, checks: list[tuple[np.ndarray, str]]) -> np.ndarray:
    """The first failing check's words per dyad (``""`` when all pass).

    Parameters
    ----------
    n_dyads : int
    checks : list of (bool array, str)
        ``True`` where a dyad fails, in order of precedence.
    """
    out = np.full(n_dyads, "", dtype=object)
    for failed, why in checks:
        out[(out == "") & failed] = why
    return out
