"""Turn result objects into the JSON the page draws: a run, an ensemble, a comparison."""

from __future__ import annotations

from math import sqrt
from typing import Any

import numpy as np

from .. import __version__
from ..model import layout as L
from ..results import ComparisonResult, EnsembleResult, SimulationResult
from ..scenarios import presets
from ..story import tell
from . import sliders

HISTOGRAM_BINS = 30
_Z = 1.959964  # 95%


def _rows(n: int, points: int) -> np.ndarray:
    """At most ``points`` evenly spread row indices of ``n`` rows, first and last included."""
    if n <= points:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, points).round().astype(int))


def trajectory(run: SimulationResult, points: int) -> dict[str, list[Any]]:
    """The run's trajectory as columns, thinned to at most ``points`` rows."""
    frame = run.to_dataframe().iloc[_rows(len(run.record), points)]
    out: dict[str, list[Any]] = {}
    for col in frame.columns:
        values = frame[col]
        out[col] = values.round(5).tolist() if values.dtype.kind == "f" else values.tolist()
    return out


def run_payload(run: SimulationResult, points: int, changes: dict[str, Any]) -> dict[str, Any]:
    """Everything the Explore view shows about one run."""
    sc = run.scenario
    return {**run.to_dict(), "dt_hours": sc.dt_hours, "changes": changes,
            "story": list(tell(run).sentences), "heal_threshold": sc.model.heal_threshold,
            "names": {t: getattr(sc, t).name or t for t in "ab"},
            "trajectory": trajectory(run, points), "version": __version__}


def wilson(count: int, n: int) -> tuple[float, float]:
    """95% Wilson score interval of a proportion ``count / n``."""
    if n == 0:
        return 0.0, 1.0
    p = count / n
    centre = (p + _Z**2 / (2 * n)) / (1 + _Z**2 / n)
    half = _Z * sqrt(p * (1 - p) / n + _Z**2 / (4 * n * n)) / (1 + _Z**2 / n)
    return round(max(0.0, centre - half), 6), round(min(1.0, centre + half), 6)


def ensemble_summary(label: str, changes: dict[str, Any], ens: EnsembleResult) -> dict[str, Any]:
    """Outcome counts with 95% intervals, days to union (quantiles and histogram) and rates."""
    n = ens.runs
    counts = ens.summary["outcome"].value_counts()
    outcomes = {}
    for o in L.OUTCOMES:
        c = int(counts.get(o, 0))
        low, high = wilson(c, n)
        outcomes[o] = {"count": c, "probability": round(c / n, 6), "low": low, "high": high}
    d = ens.summary["days_to_union"].dropna().to_numpy()
    edges = np.linspace(0.0, ens.days, HISTOGRAM_BINS + 1)
    hist, _ = np.histogram(d, bins=edges)
    return {"label": label, "changes": changes, "runs": n, "outcomes": outcomes,
            "days_to_union": ens.days_to_union,
            "days_to_union_histogram": {"edges": edges.round(4).tolist(),
                                        "counts": hist.tolist()},
            "days_in_phase": ens.days_in_phase, "rates": ens.rates}


def _context(ens: EnsembleResult) -> dict[str, Any]:
    return {"scenario": ens.scenario.name, "seed": ens.seed, "days": ens.days,
            "dt_hours": ens.scenario.dt_hours, "version": __version__}


def ensemble_payload(ens: EnsembleResult, changes: dict[str, Any]) -> dict[str, Any]:
    return {**ensemble_summary(ens.scenario.name, changes, ens), **_context(ens)}


def comparison_payload(cmp: ComparisonResult, labels: list[str],
                       changes: list[dict[str, Any]]) -> dict[str, Any]:
    """The arms side by side (in the order asked) and each one's paired difference from the
    first, keyed by the labels given."""
    arms = list(cmp.arms.values())
    keys = dict(zip(cmp.arms, labels, strict=True))
    return {**_context(arms[0]), "runs": arms[0].runs, "baseline": labels[0],
            "arms": [ensemble_summary(label, ch, ens)
                     for label, ch, ens in zip(labels, changes, arms, strict=True)],
            "differences": {keys[k]: v for k, v in cmp.differences.items()}}


def scenario_list() -> list[dict[str, Any]]:
    """The presets with what the page needs: description, article section, horizon, seed,
    names, policies and the value of every slider parameter."""
    names = [s["name"] for s in sliders.sliders()]
    return [{"name": s.name, "description": s.description, "section": s.section,
             "shows": s.shows, "days": s.days, "dt_hours": s.dt_hours, "seed": s.seed,
             "names": {t: getattr(s, t).name or t for t in "ab"},
             "policies": {t: getattr(s, t).policy.name for t in "ab"},
             "values": {n: sliders.value_of(s, n) for n in names},
             "varies": sorted(s.vary)} for s in presets()]
