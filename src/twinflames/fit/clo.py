"""The coupled-oscillator (CLO) model of rties, per dyad.

Each partner's second derivative is regressed on its own level and first derivative and on the
partner's, with no intercept::

    y''_k = obs_k y_k + d1_k y'_k + p_obs_k y_{1-k} + p_d1_k y'_{1-k} + error

Levels and derivatives come from GLLA (Boker, Deboeck, Edler and Keel 2010, generalised local
linear approximation) with embedding dimension ``embed``, lag ``tau`` and time step ``delta``,
after dropping the time points where either partner is missing. ``(tau, embed)`` is chosen per
dyad from a grid by the adjusted R² of the coupled model. Butler, E. A. rties (R package).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import product

import numpy as np
import pandas as pd

from ..errors import InputError
from .ic import check_mode, long_curves
from .ols import fit_pairs
from .panel import Panel, panel
from .result import FitResult, in_chunks, reasons

COEFS = ("obs_0", "d1_0", "p_obs_0", "p_d1_0", "obs_1", "d1_1", "p_obs_1", "p_d1_1")


def glla_weights(embed: int, tau: int, delta: float = 1.0, order: int = 2) -> np.ndarray:
    """GLLA's ``W = L (L'L)^-1`` for an embedding of ``embed`` points ``tau`` steps apart.

    Returns
    -------
    numpy.ndarray
        Shape ``(embed, order + 1)``: embedded rows times ``W`` give level, first, second
        derivative.
    """
    c = (np.arange(1, embed + 1) - (embed + 1) / 2) * tau * delta
    from math import factorial

    L = np.stack([c**j / factorial(j) for j in range(order + 1)], axis=1)
    return L @ np.linalg.inv(L.T @ L)


def derivatives(y: np.ndarray, n: np.ndarray, embed: int, tau: int, delta: float
                ) -> tuple[np.ndarray, np.ndarray]:
    """Level, first and second derivative of gap-free series by GLLA.

    Parameters
    ----------
    y : numpy.ndarray
        Shape ``(D, 2, T)``, valid in the first ``n[d]`` slots.
    n : numpy.ndarray
        Length per dyad.

    Returns
    -------
    derivs : numpy.ndarray
        Shape ``(D, 2, T, 3)`` (NaN where the embedding runs past the series).
    rows : numpy.ndarray
        Number of embedded rows per dyad, ``max(n - (embed - 1) tau, 0)``.
    """
    W = glla_weights(embed, tau, delta)
    D, _, T = y.shape
    span = (embed - 1) * tau
    rows = np.maximum(n - span, 0)
    out = np.full((D, 2, T, 3), np.nan)
    if span < T:
        width = T - span
        # Z[d, k, i, j] = y[d, k, i + j tau]: a view, then one matrix product per dyad
        Z = np.lib.stride_tricks.sliding_window_view(y, span + 1, axis=2)[..., ::tau]
        valid = np.arange(width)[None, :] < rows[:, None]
        out[:, :, :width] = np.where(valid[:, None, :, None], Z @ W, np.nan)
    return out, rows


def _grid(values: Sequence[int] | int, option: str) -> tuple[int, ...]:
    values = (values,) if isinstance(values, int | np.integer) else tuple(values)
    if not values or any(not float(v).is_integer() or v < 1 for v in values):
        raise InputError(f"{option}: {','.join(map(str, values))!r}; allowed: whole numbers "
                         ">= 1, comma-separated")
    return tuple(int(v) for v in values)


def _check(taus, embeds, delta) -> tuple[tuple[int, ...], tuple[int, ...], float]:
    taus, embeds = _grid(taus, "--taus"), _grid(embeds, "--embeds")
    if min(embeds) < 3:
        raise InputError(f"--embeds: {min(embeds)}; allowed: 3 or more (a second derivative "
                         "needs three points)")
    if not np.isfinite(delta) or delta <= 0:
        raise InputError(f"--delta: {delta!r}; allowed: a positive number (time between "
                         "observations)")
    return taus, embeds, float(delta)


def _compacted(p: Panel, e: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Both partners' series with the times where either is missing dropped, gaps closed."""
    both = p.slots & np.isfinite(e).all(axis=1)
    order = np.argsort(~both, axis=1, kind="stable")
    y = np.take_along_axis(e, order[:, None, :].repeat(2, axis=1), axis=2)
    n = both.sum(axis=1)
    inside = np.arange(e.shape[2])[None, :] < n[:, None]
    times = np.take_along_axis(p.time, order, axis=1)
    return np.where(inside[:, None, :], y, np.nan), n, np.where(inside, times, np.nan)


def _design(d: np.ndarray, coupled: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    own = d[..., :2]
    cols = [own, own[:, ::-1]] if coupled else [own]
    X = np.concatenate(cols, axis=-1)
    target = d[..., 2]
    mask = np.isfinite(target) & np.isfinite(X).all(axis=-1)
    return X, target, mask


def fit_panel(p: Panel, taus=(2, 3), embeds=(3, 4), delta: float = 1.0,
              compat: str | None = None, keep_curves: bool = False,
              value_name: str = "value") -> FitResult:
    """Fit the CLO model to every dyad of a :class:`~twinflames.fit.panel.Panel`.

    See :func:`clo` for the parameters.
    """
    mode = check_mode(compat)
    taus, embeds, delta = _check(taus, embeds, delta)
    D = len(p.dyads)
    e = np.where(p.slots[:, None, :], p.detrended(), np.nan)
    y, n_complete, times = _compacted(p, e)
    best = None
    grid_rows = []
    for embed, tau in product(embeds, taus):  # tau varies fastest, as rties
        d, _ = derivatives(np.nan_to_num(y), n_complete, embed, tau, delta)
        X, target, mask = _design(d, coupled=True)
        fit = fit_pairs(X, target, mask)
        Xu, tu, mu = _design(d, coupled=False)
        r2u = fit_pairs(Xu, tu, mu).r2_adj
        grid_rows.append((tau, embed, fit.r2_adj, r2u))
        score = np.where(np.isfinite(fit.r2_adj), fit.r2_adj, -np.inf)
        if best is None:
            best = {"score": score, "fit": fit, "r2u": r2u, "tau": np.full(D, tau),
                    "embed": np.full(D, embed), "X": X, "target": target, "mask": mask}
            continue
        better = score > best["score"]  # first on ties
        for key, new in (("score", score), ("r2u", r2u), ("tau", np.full(D, tau)),
                         ("embed", np.full(D, embed))):
            best[key] = np.where(better, new, best[key])
        best["fit"] = _choose(better, fit, best["fit"])
        if keep_curves:
            for key, new in (("X", X), ("target", target), ("mask", mask)):
                shape = (D,) + (1,) * (new.ndim - 1)
                best[key] = np.where(better.reshape(shape), new, best[key])
    fit = best["fit"]
    why = reasons(D, p.data_checks() + [
        (n_complete - (max(embeds) - 1) * max(taus) < 5, "too few rows"),
        (~fit.full_rank, "rank-deficient"),
    ])
    shown = np.isfinite(fit.r2_adj) if mode == "rties" else why == ""
    nan = np.full(D, np.nan)
    table: dict = {"dyad": p.dyads}
    for i, name in enumerate(COEFS):
        k, j = divmod(i, 4)
        table[name] = np.where(shown, fit.coef[:, k, j], nan)
    table["R2"] = np.where(shown, fit.r2_adj, nan)
    table["R2uncouple"] = np.where(shown, best["r2u"], nan)
    table["tau"] = np.where(shown, best["tau"], 0)
    table["embed"] = np.where(shown, best["embed"], 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        table["Period0"] = 2 * np.pi / np.sqrt(np.abs(table["obs_0"]))
        table["Period1"] = 2 * np.pi / np.sqrt(np.abs(table["obs_1"]))
    for i, name in enumerate(COEFS):
        k, j = divmod(i, 4)
        table[f"se_{name}"] = np.where(shown, fit.se[:, k, j], nan)
    table["n_obs_used"] = np.where(shown, fit.n, 0)
    table["n_complete_time"] = n_complete
    table["n_time"] = p.n_time
    table["reason"] = why
    curves = None
    if keep_curves:
        fitted = np.einsum("dktp,dkp->dkt", np.where(best["mask"][..., None], best["X"], 0.0),
                           np.nan_to_num(fit.coef))
        compact = Panel(p.dyads, p.persons, y, times, n_complete, p.distinguisher)
        curves = long_curves(compact, best["target"], fitted,
                             best["mask"] & (why == "")[:, None, None])
    grid = pd.concat([pd.DataFrame({"at": np.arange(D), "dyad": p.dyads, "tau": tau,
                                    "embed": embed, "R2": r2, "R2uncouple": r2u})
                      for tau, embed, r2, r2u in grid_rows], ignore_index=True)
    grid = grid.sort_values("at", kind="stable").drop(columns="at").reset_index(drop=True)
    settings = {"taus": list(taus), "embeds": list(embeds), "delta": delta,
                "observed": f"{value_name} (second derivative)",
                "partners": [f"partner 0 ({p.distinguisher[0]})",
                             f"partner 1 ({p.distinguisher[1]})"]}
    return FitResult("clo", mode, pd.DataFrame(table), settings, curves, grid)


def _choose(better: np.ndarray, new, old):
    """Per dyad, the fields of ``new`` where ``better`` else those of ``old``."""
    fields = {}
    for name in new.__dataclass_fields__:
        a, b = getattr(new, name), getattr(old, name)
        fields[name] = np.where(better.reshape((-1,) + (1,) * (a.ndim - 1)), a, b)
    return type(new)(**fields)


def clo(data: pd.DataFrame, dyad: str = "dyad", person: str = "person", time: str = "time",
        value: str = "value", distinguisher: str = "distinguisher",
        taus: Sequence[int] = (2, 3), embeds: Sequence[int] = (3, 4), delta: float = 1.0,
        compat: str | None = None, keep_curves: bool = False) -> FitResult:
    """Fit the coupled-oscillator model to each dyad of long-format data.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per person and time point.
    dyad, person, time, value, distinguisher : str
        Column names (see :func:`twinflames.fit.panel.panel`).
    taus, embeds : sequence of int
        The GLLA grid searched per dyad (``embed >= 3``).
    delta : float
        Time between observations.
    compat : {None, "rties"}
        The two modes differ only for degenerate dyads (docs/fitting.md).
    keep_curves : bool
        Keep observed and fitted second derivatives for :meth:`FitResult.plot`.

    Returns
    -------
    FitResult
        Table columns ``dyad, obs_0, d1_0, p_obs_0, p_d1_0, obs_1, d1_1, p_obs_1, p_d1_1, R2,
        R2uncouple, tau, embed, Period0, Period1``, ``se_*``, ``n_obs_used,
        n_complete_time, n_time, reason``; ``result.grid`` holds every (tau, embed)'s R².
    """
    check_mode(compat)
    _check(taus, embeds, delta)
    return in_chunks(lambda part: fit_panel(part, taus, embeds, delta, compat, keep_curves,
                                            value),
                     panel(data, dyad, person, time, value, distinguisher))
