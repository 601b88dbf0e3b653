"""The inertia–coordination (IC) model of rties, per dyad.

Each partner's detrended series is regressed on its own lagged value (inertia) and the
partner's lagged value (coordination), with a partner-specific intercept and no global one::

    e_k(t) = int_k + inert_k * e_k(t + s) + coord_k * e_{1-k}(t + s) + error

With a numeric lag ``L`` the shift is ``s = -L`` (a true lag). With ``"absMaxCC"`` the shift
comes from the lag ``k*`` of the largest absolute cross-correlation of the two series; rties
uses ``s = k*`` (``k* = 0`` gives ``s = 1``), so a positive ``k*`` makes the regressor a
*future* value. ``compat="rties"`` reproduces that; the default (corrected) mode uses the past
value ``s = -max(|k*|, 1)``. Butler, E. A. rties: Modeling Interpersonal Dynamics (R package).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import InputError
from .ols import fit_pairs, shifted
from .panel import Panel, panel
from .result import MODES, FitResult, in_chunks, reasons

COEFS = ("int0", "int1", "inert0", "coord0", "inert1", "coord1")


def check_mode(compat: str | None) -> str:
    """``"rties"`` for ``compat="rties"``, ``"corrected"`` for ``None``/``"corrected"``."""
    mode = compat or "corrected"
    if mode not in MODES:
        raise InputError(f"--compat: {compat!r}; allowed: rties (or leave it out for the "
                         "corrected mode)")
    return mode


def _lag_option(lag) -> int | str:
    if isinstance(lag, str) and lag.lower() == "absmaxcc":
        return "absMaxCC"
    try:
        number = int(lag)
    except (TypeError, ValueError):
        number = None
    if number is None or number < 1 or str(lag).strip() not in (str(number), f"{number}.0"):
        raise InputError(f"--lag: {lag!r}; allowed: a whole number of time steps >= 1, or "
                         "absMaxCC")
    return number


def cross_correlation_lag(e: np.ndarray, slots: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The lag of the largest absolute cross-correlation per dyad, as R's ``ccf(e0, e1)``.

    Uses the time points where both partners have a value (gaps closed), lags ``-K..K`` with
    ``K = min(floor(10 log10(n / 2)), n - 1)``; the largest positive correlation wins a tie
    with the most negative one, and the first lag wins ties within each (rties'
    ``Max_Min_CCF_Signed``).

    Parameters
    ----------
    e : numpy.ndarray
        Detrended series, shape ``(D, 2, T)``.
    slots : numpy.ndarray
        Valid time slots, shape ``(D, T)``.

    Returns
    -------
    lag, cor : numpy.ndarray
        Shape ``(D,)``; ``lag`` is -1 ... as int with NaN cor where undefined.
    """
    D, _, T = e.shape
    both = slots & np.isfinite(e).all(axis=1)
    order = np.argsort(~both, axis=1, kind="stable")
    x = np.take_along_axis(e[:, 0], order, axis=1)
    y = np.take_along_axis(e[:, 1], order, axis=1)
    n = both.sum(axis=1)
    inside = np.arange(T)[None, :] < n[:, None]
    with np.errstate(invalid="ignore", divide="ignore"):
        x = np.where(inside, x - np.where(inside, x, 0).sum(1, keepdims=True) / n[:, None], 0.0)
        y = np.where(inside, y - np.where(inside, y, 0).sum(1, keepdims=True) / n[:, None], 0.0)
        scale = np.sqrt((x * x).sum(1) * (y * y).sum(1))
        K = np.minimum(np.floor(10 * (np.log10(n) - np.log10(2))), n - 1)
    K = np.where(np.isfinite(K), K, -1).astype(np.int64)
    kmax = int(max(K.max(), 0))
    lags = np.arange(-kmax, kmax + 1)
    r = np.full((D, len(lags)), np.nan)
    for j, k in enumerate(lags):
        s = (x[:, k:] * y[:, : T - k]).sum(1) if k >= 0 else (x[:, : T + k] * y[:, -k:]).sum(1)
        with np.errstate(invalid="ignore", divide="ignore"):
            r[:, j] = np.where(np.abs(k) <= K, s / scale, np.nan)
    defined = np.isfinite(r).any(axis=1) & (scale > 0)
    rr = np.where(defined[:, None], r, 0.0)
    hi = np.nanargmax(np.where(np.isfinite(rr), rr, -np.inf), axis=1)
    lo = np.nanargmin(np.where(np.isfinite(rr), rr, np.inf), axis=1)
    rhi, rlo = rr[np.arange(D), hi], rr[np.arange(D), lo]
    pick = np.where(rhi >= np.abs(rlo), hi, lo)
    return np.where(defined, lags[pick], 0), np.where(defined, rr[np.arange(D), pick], np.nan)


def _design(e: np.ndarray, own: np.ndarray, other: np.ndarray, terms: tuple[str, ...]):
    cols = {"int": np.ones_like(e), "inert": own, "coord": other}
    X = np.stack([cols[t] for t in terms], axis=-1)
    mask = np.isfinite(e) & np.isfinite(X).all(axis=-1)
    return X, mask


def fit_panel(p: Panel, lag: int | str = "absMaxCC", compat: str | None = None,
              keep_curves: bool = False, value_name: str = "value") -> FitResult:
    """Fit the IC model to every dyad of a :class:`~twinflames.fit.panel.Panel`.

    See :func:`ic` for the parameters.
    """
    mode = check_mode(compat)
    lag = _lag_option(lag)
    D = len(p.dyads)
    slots = p.slots
    e = np.where(slots[:, None, :], p.detrended(), np.nan)
    ccf_lag = ccf_cor = None
    if lag == "absMaxCC":
        ccf_lag, ccf_cor = cross_correlation_lag(e, slots)
        shift = (np.where(ccf_lag == 0, 1, ccf_lag) if mode == "rties"
                 else -np.maximum(np.abs(ccf_lag), 1))
    else:
        shift = np.full(D, -lag, dtype=np.int64)
    lagged = shifted(e, shift, p.n_time)
    own, other = lagged, lagged[:, ::-1]
    X, mask = _design(e, own, other, ("int", "inert", "coord"))
    full = fit_pairs(X, e, mask)
    parts = {}
    for name, terms in (("R2inert", ("int", "inert")), ("R2coord", ("int", "coord"))):
        Xs, ms = _design(e, own, other, terms)
        parts[name] = fit_pairs(Xs, e, ms).r2_adj

    why = reasons(D, p.data_checks() + [
        ((mask.sum(axis=2) < 4).any(axis=1), "too few rows"),
        (~full.full_rank, "rank-deficient"),
    ])
    # rties reports what R's lm estimated even for a degenerate dyad; the corrected mode
    # leaves a dyad it could not fully fit blank
    fitted = np.isfinite(full.r2_adj) if mode == "rties" else why == ""
    table = {"dyad": p.dyads}
    coef = {"int0": full.coef[:, 0, 0], "int1": full.coef[:, 1, 0],
            "inert0": full.coef[:, 0, 1], "coord0": full.coef[:, 0, 2],
            "inert1": full.coef[:, 1, 1], "coord1": full.coef[:, 1, 2]}
    se = {"int0": full.se[:, 0, 0], "int1": full.se[:, 1, 0], "inert0": full.se[:, 0, 1],
          "coord0": full.se[:, 0, 2], "inert1": full.se[:, 1, 1], "coord1": full.se[:, 1, 2]}
    nan = np.full(D, np.nan)
    for name in COEFS:
        table[name] = np.where(fitted, coef[name], nan)
    table["R2"] = np.where(fitted, full.r2_adj, nan)
    table["R2inert"] = np.where(fitted, parts["R2inert"], nan)
    table["R2coord"] = np.where(fitted, parts["R2coord"], nan)
    table["shift"] = shift
    if ccf_lag is not None:
        table["ccf_lag"] = ccf_lag
        table["ccf_cor"] = ccf_cor
    for name in COEFS:
        table[f"se_{name}"] = np.where(fitted, se[name], nan)
    table["n_obs_used"] = np.where(fitted, full.n, 0)
    table["n_time"] = p.n_time
    table["reason"] = why
    curves = None
    if keep_curves:
        fit_values = np.einsum("dktp,dkp->dkt", np.where(mask[..., None], X, 0.0),
                               np.nan_to_num(full.coef))
        curves = long_curves(p, e, fit_values, mask & fitted[:, None, None])
    settings = {"lag": lag, "observed": f"{value_name} (detrended)",
                "partners": [f"partner 0 ({p.distinguisher[0]})",
                             f"partner 1 ({p.distinguisher[1]})"]}
    return FitResult("ic", mode, pd.DataFrame(table), settings, curves)


def long_curves(p: Panel, observed: np.ndarray, fitted: np.ndarray, mask: np.ndarray
                ) -> pd.DataFrame:
    """Observed and fitted values where ``mask`` holds, as a long table."""
    d, k, t = np.nonzero(mask)
    return pd.DataFrame({"dyad": p.dyads[d], "partner": k, "time": p.time[d, t],
                         "observed": observed[d, k, t], "fitted": fitted[d, k, t]})


def ic(data: pd.DataFrame, dyad: str = "dyad", person: str = "person", time: str = "time",
       value: str = "value", distinguisher: str = "distinguisher",
       lag: int | str = "absMaxCC", compat: str | None = None,
       keep_curves: bool = False) -> FitResult:
    """Fit the inertia–coordination model to each dyad of long-format data.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per person and time point.
    dyad, person, time, value, distinguisher : str
        Column names (see :func:`twinflames.fit.panel.panel`).
    lag : int or "absMaxCC"
        A fixed lag in time steps, or the per-dyad lag of the largest cross-correlation.
    compat : {None, "rties"}
        ``"rties"`` reproduces rties' numbers, including its absMaxCC lead; ``None`` (the
        corrected mode) always regresses on past values.
    keep_curves : bool
        Keep observed and fitted series for :meth:`FitResult.plot`.

    Returns
    -------
    FitResult
        Table columns ``dyad, int0, int1, inert0, coord0, inert1, coord1, R2, R2inert,
        R2coord, shift`` (+ ``ccf_lag, ccf_cor`` for absMaxCC), ``se_*``, ``n_obs_used,
        n_time, reason``.
    """
    check_mode(compat)
    _lag_option(lag)
    return in_chunks(lambda part: fit_panel(part, lag, compat, keep_curves, value),
                     panel(data, dyad, person, time, value, distinguisher))
