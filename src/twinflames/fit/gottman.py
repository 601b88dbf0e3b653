"""Gottman–Murray difference equations fitted per dyad (Gottman, Murray, Swanson, Tyson and
Swanson 2002, *The Mathematics of Marriage*, MIT Press).

Partner 0 speaks first (W in the book), partner 1 answers (H)::

    x0[t+1] = a0 + r0 x0[t]   + I_10(x1[t])
    x1[t+1] = a1 + r1 x1[t]   + I_01(x0[t+1])

``a_k`` and ``r_k`` (emotional inertia) give the uninfluenced set point ``a_k / (1 - r_k)``.
The influence of the other partner's last score ``u`` is either

- none (the uninfluenced model),
- bilinear: ``m_pos u`` for ``u > 0`` and ``m_neg u`` for ``u < 0``, or
- ojive (thresholds): ``+h_pos`` once ``u > t_pos``, ``-h_neg`` once ``u < t_neg``, else 0.

Each partner's equation is an OLS fit (the ojive's thresholds by a grid search over the
partner's observed scores); the models are compared by AIC (Gaussian errors, thresholds
counted as parameters). Scores are used as they are (no detrending: the set point is the
point).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .ols import fit_pairs
from .panel import Panel, panel
from .result import FitResult, in_chunks, reasons

INFLUENCES = ("none", "bilinear", "ojive")
#: candidate thresholds: these quantiles of the partner's positive (negative) scores
THRESHOLD_QUANTILES = np.linspace(0.0, 0.8, 9)


def _turns(p: Panel) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Response, own last score and the partner's latest score per partner, ``(D, 2, T)``."""
    x = np.where(p.slots[:, None, :], p.y, np.nan)
    nxt = np.full_like(x, np.nan)
    nxt[:, :, :-1] = x[:, :, 1:]
    own = x
    other = np.stack([x[:, 1], nxt[:, 0]], axis=1)  # partner 1 answers partner 0's new turn
    return nxt, own, other


def _design(own, other, influence, t_pos=None, t_neg=None):
    cols = [np.ones_like(own), own]
    if influence == "bilinear":
        cols += [np.where(other > 0, other, 0.0), np.where(other < 0, other, 0.0)]
    elif influence == "ojive":
        cols += [(other > t_pos[..., None]).astype(float),
                 -(other < t_neg[..., None]).astype(float)]
    X = np.stack(cols, axis=-1)
    return np.where(np.isfinite(other)[..., None], X, np.nan)


def _aic(rss, n, k):
    with np.errstate(invalid="ignore", divide="ignore"):
        log_lik = -0.5 * n * (np.log(2 * np.pi * rss / n) + 1)
        return -2 * log_lik + 2 * (k + 1)  # + 1: the error variance


def _fit(y, design, k_extra=0):
    mask = np.isfinite(y) & np.isfinite(design).all(axis=-1)
    fit = fit_pairs(design, y, mask)
    with np.errstate(invalid="ignore", divide="ignore"):
        sigma2 = fit.rss_each / (fit.n_each - fit.rank_each)
    se = np.sqrt(sigma2[..., None] * fit.inv_diag)
    aic = _aic(fit.rss_each, fit.n_each, fit.rank_each + k_extra)
    return fit, se, aic, mask


def _thresholds(other, mask):
    """Candidate (t_pos, t_neg) per partner: quantiles of the partner's scores on each side."""
    pos = np.where(mask & (other > 0), other, np.nan)
    neg = np.where(mask & (other < 0), -other, np.nan)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        tp = np.nanquantile(pos, THRESHOLD_QUANTILES, axis=2)  # (Q, D, 2)
        tn = -np.nanquantile(neg, THRESHOLD_QUANTILES, axis=2)
    return np.nan_to_num(tp, nan=0.0), np.nan_to_num(tn, nan=0.0)


def fit_panel(p: Panel, keep_curves: bool = False, value_name: str = "value") -> FitResult:
    """Fit the three influence models to every dyad of a panel; see :func:`gottman`."""
    D = len(p.dyads)
    y, own, other = _turns(p)
    rows = []
    fits = {}
    for influence in ("none", "bilinear"):
        fits[influence] = _fit(y, _design(own, other, influence)) + (None, None)
    base_mask = fits["none"][3]
    tp, tn = _thresholds(other, base_mask)
    best = None
    for i in range(len(THRESHOLD_QUANTILES)):
        for j in range(len(THRESHOLD_QUANTILES)):
            fit, se, aic, mask = _fit(y, _design(own, other, "ojive", tp[i], tn[j]), k_extra=2)
            score = np.where(np.isfinite(aic), aic, np.inf)
            if best is None:
                best = [score, fit, se, aic, mask, tp[i].copy(), tn[j].copy()]
                continue
            better = score < best[0]
            b3 = better[..., None]
            best[0] = np.where(better, score, best[0])
            best[1] = _per_partner(better, fit, best[1])
            best[2] = np.where(b3, se, best[2])
            best[3] = np.where(better, aic, best[3])
            best[5] = np.where(better, tp[i], best[5])
            best[6] = np.where(better, tn[j], best[6])
    fits["ojive"] = (best[1], best[2], best[3], base_mask, best[5], best[6])

    why = reasons(D, p.data_checks() + [((base_mask.sum(axis=2) < 8).any(axis=1),
                                         "too few rows")])
    aics = {m: np.where(np.isfinite(f[2]).all(axis=1), f[2].sum(axis=1), np.nan)
            for m, f in fits.items()}
    stacked = np.stack([np.where(np.isfinite(aics[m]), aics[m], np.inf) for m in INFLUENCES])
    chosen = np.array(INFLUENCES)[np.argmin(stacked, axis=0)]
    nan = np.full(D, np.nan)
    for influence in INFLUENCES:
        fit, se, aic, mask, t_pos, t_neg = fits[influence]
        ok = (why == "") & np.isfinite(aics[influence])
        row = {"dyad": p.dyads, "influence": influence}
        for k in (0, 1):
            coef = fit.coef[:, k]
            row[f"a{k}"] = np.where(ok, coef[:, 0], nan)
            row[f"r{k}"] = np.where(ok, coef[:, 1], nan)
            with np.errstate(invalid="ignore", divide="ignore"):
                row[f"set_point{k}"] = row[f"a{k}"] / (1 - row[f"r{k}"])
            names = {"bilinear": ("m_pos", "m_neg"), "ojive": ("h_pos", "h_neg")}.get(
                influence, ())
            for j, name in enumerate(names):
                row[f"{name}{k}"] = np.where(ok, coef[:, 2 + j], nan)
            if influence == "ojive":
                row[f"t_pos{k}"] = np.where(ok, t_pos[:, k], nan)
                row[f"t_neg{k}"] = np.where(ok, t_neg[:, k], nan)
            for j, name in enumerate(("a", "r") + names):
                row[f"se_{name}{k}"] = np.where(ok, se[:, k, j], nan)
            row[f"AIC{k}"] = np.where(ok, aic[:, k], nan)
        row["AIC"] = np.where(ok, aics[influence], nan)
        row["best"] = ok & (chosen == influence)
        row["n_obs_used"] = np.where(ok, mask.sum(axis=(1, 2)), 0)
        row["reason"] = why
        rows.append(pd.DataFrame(row))
    table = pd.concat(rows, ignore_index=True).sort_values(
        ["dyad", "influence"], key=lambda c: c.map({m: i for i, m in enumerate(INFLUENCES)})
        if c.name == "influence" else c, kind="stable").reset_index(drop=True)
    table = table[[c for c in _column_order() if c in table.columns]]
    curves = None
    if keep_curves:
        fit, *_ = fits[chosen[0]] if D == 1 else fits["bilinear"]
        X = _design(own, other, "bilinear")
        values = np.einsum("dktp,dkp->dkt", np.nan_to_num(X), np.nan_to_num(fit.coef))
        d, k, t = np.nonzero(base_mask & (why == "")[:, None, None])
        curves = pd.DataFrame({"dyad": p.dyads[d], "partner": k, "time": p.time[d, t],
                               "observed": y[d, k, t], "fitted": values[d, k, t]})
    settings = {"observed": f"{value_name} (next turn, bilinear fit)",
                "partners": [f"partner 0 ({p.distinguisher[0]}, speaks first)",
                             f"partner 1 ({p.distinguisher[1]}, answers)"]}
    return FitResult("gottman", "", table, settings, curves)


def _column_order() -> list[str]:
    names = ("a", "r", "set_point", "m_pos", "m_neg", "h_pos", "h_neg", "t_pos", "t_neg")
    params = [f"{n}{k}" for k in (0, 1) for n in names]
    errors = [f"se_{n}{k}" for k in (0, 1) for n in names]
    return (["dyad", "influence"] + params + ["AIC0", "AIC1", "AIC", "best", "n_obs_used",
                                               "reason"] + errors)


def _per_partner(better: np.ndarray, new, old):
    """Per dyad and partner, the coefficients of ``new`` where ``better`` (shape (D, 2))."""
    return type(new)(**{**old.__dict__,
                        "coef": np.where(better[..., None], new.coef, old.coef),
                        "rss_each": np.where(better, new.rss_each, old.rss_each),
                        "rank_each": np.where(better, new.rank_each, old.rank_each),
                        "n_each": np.where(better, new.n_each, old.n_each)})


def gottman(data: pd.DataFrame, dyad: str = "dyad", person: str = "person",
            time: str = "time", value: str = "value", distinguisher: str = "distinguisher",
            keep_curves: bool = False) -> FitResult:
    """Fit Gottman–Murray's difference equations to each dyad of long-format data.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per person and turn (``time``); partner 0 (the smaller distinguisher value)
        speaks first in each turn.
    dyad, person, time, value, distinguisher : str
        Column names.
    keep_curves : bool
        Keep observed and (bilinear) fitted next turns for :meth:`FitResult.plot`.

    Returns
    -------
    FitResult
        One row per dyad and influence model (``none``, ``bilinear``, ``ojive``): ``a0, r0,
        set_point0`` (uninfluenced constant, inertia, set point), the influence parameters
        ``m_pos0, m_neg0`` or ``h_pos0, h_neg0, t_pos0, t_neg0`` (the influence of partner 1 on
        partner 0), the same with ``1``, ``se_*``, ``AIC0, AIC1, AIC``, ``best`` (lowest AIC
        per dyad), ``n_obs_used``, ``reason``.
    """
    return in_chunks(lambda part: fit_panel(part, keep_curves, value),
                     panel(data, dyad, person, time, value, distinguisher))
