"""The runner–chaser model's per-dyad parameters from both twins' daily well-being, by
simulation-based inference: approximate Bayesian computation on a reference table of engine
runs with local-linear regression adjustment (Beaumont, Zhang and Balding 2002).

One reference table of dyads drawn from the prior (:mod:`twinflames.fit.flagship_sim`) serves
every observed dyad: the dyads whose summaries lie nearest the observed ones are kept, weighted
by an Epanechnikov kernel, and their parameters (on a logit scale inside the prior's range) are
shifted along a weighted linear regression on the summaries to the observed summaries. The
result per parameter is the posterior median and a 90% interval. Why this method and how well
it is calibrated: docs/fitting.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import InputError
from . import flagship_sim as sim
from .panel import panel

DEFAULT_REFERENCE = 20_000
DEFAULT_KEEP = 0.02  # share of the reference table kept per observed dyad
LEVELS = (0.05, 0.5, 0.95)
_EPS = 1e-6


@dataclass(frozen=True)
class Reference:
    """Simulated dyads: parameters ``theta (N, P)`` and summaries ``stats (N, S)``."""

    theta: np.ndarray
    stats: np.ndarray
    design: sim.Design
    seed: int

    @property
    def scale(self) -> np.ndarray:
        """Each summary's spread (median absolute deviation; the sd where that is 0)."""
        med = np.median(self.stats, axis=0)
        mad = 1.4826 * np.median(np.abs(self.stats - med), axis=0)
        return np.where(mad > 0, mad, self.stats.std(axis=0) + 1e-12)


def _simulate_chunk(seed: int, design, start: int, stop: int) -> np.ndarray:
    ids = np.arange(start, stop, dtype=np.int64)
    theta = design.draw_prior(ids, seed)
    return np.column_stack([theta, design.observe(theta, ids, seed)])


def reference(n: int = DEFAULT_REFERENCE, seed: int = 0, design=None, client=None,
              chunk: int = 2_000) -> Reference:
    """Simulate a reference table of ``n`` prior dyads (on a Dask ``client`` if given).

    Parameters
    ----------
    n : int
        Dyads in the table.
    seed : int
        Seed of the prior draws and the engine's streams.
    design : flagship_sim.Design or journal_sim.JournalDesign, optional
        The simulator: what is fitted and how a dyad is observed (default: both twins'
        well-being, 180 days of the 'classic' preset).
    client : dask.distributed.Client, optional
    chunk : int
        Dyads per task.

    Dyad ``i`` has its own prior draw and random streams, so the table is the same bit for bit
    in-process or on a cluster, whatever ``chunk`` is.
    """
    design = design or sim.Design()
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or not 500 <= n <= 2_000_000:
        raise InputError(f"--reference: {n!r}; allowed: a whole number from 500 to 2000000")
    chunks = [(lo, min(lo + chunk, n)) for lo in range(0, n, chunk)]
    if client is None:
        parts = [_simulate_chunk(seed, design, lo, hi) for lo, hi in chunks]
    else:
        from ..cluster import map_chunks

        parts = map_chunks(client, _simulate_chunk, chunks, seed, design)
    table = np.vstack(parts)
    P = len(design.names())
    return Reference(table[:, :P], table[:, P:], design, seed)


def _logit(theta: np.ndarray, b: np.ndarray) -> np.ndarray:
    u = np.clip((theta - b[:, 0]) / (b[:, 1] - b[:, 0]), _EPS, 1 - _EPS)
    return np.log(u / (1 - u))


def _expit(phi: np.ndarray, b: np.ndarray) -> np.ndarray:
    return b[:, 0] + (b[:, 1] - b[:, 0]) / (1 + np.exp(-phi))


def posterior(stats: np.ndarray, ref: Reference, keep: float = DEFAULT_KEEP,
              adjust: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Weighted posterior samples per observed dyad.

    Parameters
    ----------
    stats : numpy.ndarray
        Observed summaries, shape ``(M, S)``; a missing summary (NaN, e.g. a journal without
        ratings) is left out of that dyad's distance and regression.
    ref : Reference
    keep : float
        Share of the reference table kept per dyad (at least ten per regression coefficient).
    adjust : bool
        Apply the regression adjustment (without it: plain rejection ABC).

    Returns
    -------
    samples : numpy.ndarray
        Shape ``(M, K, P)``.
    weights : numpy.ndarray
        Shape ``(M, K)``, each row summing to 1.
    """
    scale = ref.scale
    bounds = ref.design.bounds()
    # enough neighbours for the regression on S summaries not to overfit (ten per coefficient)
    k = min(len(ref.theta), max(10 * (ref.stats.shape[1] + 1), int(round(keep * len(ref.theta)))))
    z_ref = ref.stats / scale
    phi_ref = _logit(ref.theta, bounds)
    M = len(stats)
    samples = np.empty((M, k, phi_ref.shape[1]))
    weights = np.empty((M, k))
    for m in range(M):
        use = np.isfinite(stats[m])
        diff = z_ref[:, use] - stats[m, use] / scale[use]
        dist = np.sqrt(np.einsum("ns,ns->n", diff, diff))
        near = np.argpartition(dist, k - 1)[:k]
        h = dist[near].max() * (1 + 1e-9) + 1e-300
        w = 1 - (dist[near] / h) ** 2
        phi = phi_ref[near]
        if adjust:
            X = np.column_stack([np.ones(k), diff[near]])
            sw = np.sqrt(w)[:, None]
            beta, *_ = np.linalg.lstsq(X * sw, phi * sw, rcond=None)
            phi = phi - diff[near] @ beta[1:]
        samples[m] = _expit(phi, bounds)
        weights[m] = w / w.sum()
    return samples, weights


def weighted_quantiles(samples: np.ndarray, weights: np.ndarray, levels=LEVELS) -> np.ndarray:
    """Quantiles of weighted samples, shape ``(M, len(levels), P)``."""
    M, K, P = samples.shape
    out = np.empty((M, len(levels), P))
    for m in range(M):
        for j in range(P):
            order = np.argsort(samples[m, :, j])
            cdf = np.cumsum(weights[m, order]) - 0.5 * weights[m, order]
            out[m, :, j] = np.interp(levels, cdf, samples[m, order, j])
    return out


def estimates(stats: np.ndarray, ref: Reference, keep: float = DEFAULT_KEEP) -> pd.DataFrame:
    """Posterior median and 90% interval per parameter for each row of ``stats``.

    Parameters
    ----------
    stats : numpy.ndarray
        Observed summaries, shape ``(M, S)`` (NaN: a summary left out for that row).
    ref : Reference
    keep : float
        Share of the reference table kept per row.

    Returns
    -------
    pandas.DataFrame
        ``M`` rows; per parameter ``NAME`` (median), ``NAME_low`` and ``NAME_high`` (5% and
        95%).
    """
    names = ref.design.names()
    q = (weighted_quantiles(*posterior(stats, ref, keep)) if len(stats)
         else np.empty((0, 3, len(names))))
    return pd.DataFrame({name + suffix: q[:, i, j] for j, name in enumerate(names)
                         for i, suffix in ((1, ""), (0, "_low"), (2, "_high"))})


def fit_settings(ref: Reference, keep: float) -> dict:
    """What a fit on ``ref`` reports of its method: reference size, share kept, seed, prior."""
    names = ref.design.names()
    return {"reference": len(ref.theta), "keep": keep, "seed": ref.seed,
            "interval": "90% (5% to 95% posterior quantiles)",
            "prior": {n: list(b) for n, b in zip(names, ref.design.bounds().tolist(),
                                                 strict=True)}}


@dataclass(frozen=True)
class FlagshipResult:
    """Posterior summaries per dyad.

    Attributes
    ----------
    table : pandas.DataFrame
        ``dyad``, then per parameter ``NAME`` (median), ``NAME_low``, ``NAME_high`` (5% and 95%:
        a 90% interval), ``reason`` (empty when fitted).
    settings : dict
    """

    table: pd.DataFrame
    settings: dict = field(default_factory=dict)

    def summary(self) -> str:
        """One line: dyads fitted, method and reference size."""
        fitted = int((self.table["reason"] == "").sum())
        line = (f"FLAGSHIP fit: {fitted} of {len(self.table)} dyads fitted (ABC with regression "
                f"adjustment on {self.settings['reference']:,} simulated dyads from the "
                f"'{self.settings['preset']}' preset)")
        skipped = self.table.loc[self.table["reason"] != "", "reason"].value_counts()
        if len(skipped):
            line += "; not fitted: " + ", ".join(f"{w} ({n})" for w, n in skipped.items())
        return line

    def to_json(self) -> str:
        """The result as JSON."""
        rows = json.loads(self.table.to_json(orient="records", double_precision=15))
        return json.dumps({"model": "flagship", "settings": self.settings,
                           "summary": self.summary(), "dyads": rows}, indent=2)


def flagship(data: pd.DataFrame, dyad: str = "dyad", person: str = "person",
             time: str = "time", value: str = "value", distinguisher: str = "distinguisher",
             preset: str = "classic", noise: float = 0.03, scale: tuple[float, float] = (0, 1),
             n_reference: int = DEFAULT_REFERENCE, keep: float = DEFAULT_KEEP, seed: int = 0,
             client=None, ref: Reference | None = None) -> FlagshipResult:
    """Fit the runner–chaser model's parameters to each dyad's daily well-being series.

    Parameters
    ----------
    data : pandas.DataFrame
        Long format, one row per twin and day, every dyad observed on the same number of
        consecutive days; partner 0 is the model's twin ``a``.
    dyad, person, time, value, distinguisher : str
        Column names.
    preset : str
        The preset scenario whose other parameters the dyads share.
    noise : float
        Standard deviation of the rating noise on the 0..1 well-being scale.
    scale : (float, float)
        The value column's range, mapped to 0..1 (e.g. ``(1, 5)`` for 1–5 ratings).
    n_reference, keep, seed :
        Reference table size, share kept per dyad, seed of the simulations.
    client : dask.distributed.Client, optional
        Simulate the reference table on this cluster (same numbers as in-process).
    ref : Reference, optional
        A reference table to reuse (its design must match the data's length).

    Returns
    -------
    FlagshipResult
    """
    lo, hi = map(float, scale)
    if not hi > lo:
        raise InputError(f"--scale: {lo},{hi}; allowed: LOW,HIGH with LOW < HIGH")
    if not 0 < keep <= 0.5:
        raise InputError(f"--keep: {keep}; allowed: more than 0, at most 0.5")
    p = panel(data, dyad, person, time, value, distinguisher)
    days = int(p.n_time.max())
    y = (p.y - lo) / (hi - lo)
    complete = p.slots[:, None, :].repeat(2, axis=1) & np.isfinite(y)
    full = complete.all(axis=(1, 2)) & (p.n_time == days)
    reason = np.where(full, "", "missing days (the flagship fit needs complete series of "
                      "the same length)")
    design = sim.Design(preset=preset, days=days, noise=noise)
    if ref is None:
        ref = reference(n_reference, seed, design, client)
    elif ref.design != design:
        raise InputError(f"reference table: made for {ref.design}; allowed: one made for "
                         f"{design}")
    fitted = estimates(sim.summaries(y[full]), ref, keep).set_index(np.flatnonzero(full))
    table = pd.DataFrame({"dyad": p.dyads}).join(fitted)
    table["reason"] = reason
    settings = {"preset": preset, "days": days, "noise": noise, "scale": [lo, hi],
                **fit_settings(ref, keep)}
    return FlagshipResult(table, settings)
