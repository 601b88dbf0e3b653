"""The keeper's own pace: per-person parameters carried in the particles and learnt by the filter.

People heal, reach out and react at their own pace, so each particle carries its own value of
the parameters that matter most to the keeper (:data:`PACE`): the keeper's healing rate, the
keeper's urge to reach out and how strongly an unanswered reach-out hurts. The prior spreads
each around the preset's value by a log-normal factor (:func:`spread_pace`). The journal selects
the values that fit it; after every resampling the copies are moved by the kernel of Liu & West
(2001) on the log scale, per island and policy group (:func:`liu_west_move`; each island of
the filter resamples and moves on its own): shrunk toward the group's weighted mean by
:data:`SHRINK` and jittered so that the copies keep the group's weighted mean and variance
while every copy gets a value of its own; and every day the values drift a little
(:func:`drift`). Without the move, resampled copies keep one value each and a group's values thin
out to a few (sample impoverishment). The futures of the forecasts start from the particles'
parameter rows, so they run with each particle's learnt pace. :func:`summary` says what was
learnt (docs/inference.md, "Your own pace").
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from scipy.special import ndtri

from ..engine.rng import uniforms_for
from ..model import layout as L
from .observations import ME

_MOVING = [True]  # switched off only by :func:`without_moves` (validation and tests)
SHRINK = 0.98  # Liu-West a: the share of a copy's own value kept (h² = 1 - a²)
DRIFT = 0.03  # sd of the pace's day-to-day drift on the log scale
PACE_STREAM = 0xB1A0  # the uniform streams of the prior's spread, one per parameter


@dataclass(frozen=True)
class PaceParameter:
    """One learnt parameter: where it lives, how widely the prior spreads it, its range."""

    name: str
    column: int  # in the parameter vector
    spread: float  # sd of the prior's log-normal factor around the preset's value
    high: float  # largest value allowed (docs/model.md); the lowest is above 0


PACE = (
    PaceParameter("healing_rate", ME * L.TWIN_PARAM_SIZE + L.HEALING_RATE, 0.5, 1.0),
    PaceParameter("reach_out_rate", ME * L.TWIN_PARAM_SIZE + L.REACH_OUT_RATE, 0.5, 24.0),
    # a dyad parameter of the model: it acts on whichever twin's reach-out goes unanswered
    PaceParameter("rejection_fear", L.REJECTION_FEAR, 0.5, 1.0),
)


def spread_pace(params: np.ndarray, key, ids: np.ndarray) -> None:
    """Multiply each :data:`PACE` parameter of every row by its own log-normal factor, in place
    (a value of 0, such as the reach-out rate of a policy that never reaches out, stays 0)."""
    for j, p in enumerate(PACE):
        u = uniforms_for(key, ids, PACE_STREAM + j)
        factor = np.exp(p.spread * ndtri(np.clip(u, 1e-12, 1.0 - 1e-12)))
        params[:, p.column] = np.minimum(params[:, p.column] * factor, p.high)


@contextmanager
def without_moves():
    """Within this block the filter selects the pace but never moves it (the same random
    numbers are drawn): the comparison that shows what the moves do."""
    _MOVING[0] = False
    try:
        yield
    finally:
        _MOVING[0] = True


def drift(params: np.ndarray, rng: np.random.Generator, sd: float | None = None) -> None:
    """One day of the pace's slow drift, in place: every positive :data:`PACE` value is
    multiplied by ``exp(sd N(0, 1))`` (default ``sd`` :data:`DRIFT`), a random walk on the log
    scale. A person's pace is not fixed for life; and without a little drift every group of
    particles grows sure of one value long before the journal allows it (each day's weights
    are sharp, so a group's particles soon descend from a few)."""
    step = DRIFT if sd is None else sd
    for p in PACE:
        noise = rng.standard_normal(len(params))  # drawn either way: the same random numbers
        if not _MOVING[0]:
            continue
        values = params[:, p.column]
        params[:, p.column] = np.where(values > 0.0,
                                       np.minimum(values * np.exp(step * noise), p.high), 0.0)


def pace_values(params: np.ndarray) -> np.ndarray:
    """The :data:`PACE` columns of ``params`` (a copy), one column per parameter."""
    return params[:, [p.column for p in PACE]].copy()


def liu_west_move(params: np.ndarray, index: np.ndarray, group: np.ndarray,
                  values: np.ndarray, before: np.ndarray, rng: np.random.Generator,
                  shrink: float | None = None) -> None:
    """Move the :data:`PACE` parameters of freshly resampled rows, in place.

    Row ``i`` was just resampled from row ``index[i]`` wherever ``index[i] >= 0``;
    ``values`` (:func:`pace_values`) and ``before`` hold the parameters and the normalised
    within-group weights the resampling drew from. Within each resampled
    group, on the log scale, every positive value z of a copy becomes
    ``mean + a (z - copies' mean) + N(0, s²)``: shrunk toward the group's weighted mean before
    resampling by ``a = shrink`` (default :data:`SHRINK`; Liu & West 2001), and jittered with
    ``s² = max(var - a² copies' var, (1 - a²) var)``, so that the copies keep the weighted mean
    and variance the group had before resampling (Liu & West keep them in expectation; a
    resampling of about 100 copies loses about 1/100 of the variance by chance, which
    compounded over hundreds of resamplings would make the group sure of one value). Zeros (a
    policy that never reaches out) stay zero.
    """
    a = SHRINK if shrink is None else shrink
    rows = np.flatnonzero(index >= 0)
    for g in np.unique(group[rows]):
        copies = rows[group[rows] == g]
        sources = np.flatnonzero(group == g)
        for j, p in enumerate(PACE):
            live = copies[params[copies, p.column] > 0.0]
            was = sources[values[sources, j] > 0.0]
            w = before[was]
            if len(live) < 2 or w.sum() <= 0.0:
                continue
            noise = rng.standard_normal(len(live))  # drawn either way: the same random numbers
            if not _MOVING[0]:
                continue
            zw = np.log(values[was, j])
            w = w / w.sum()
            mean = float(np.dot(w, zw))
            var = float(np.dot(w, (zw - mean) ** 2))
            z = np.log(params[live, p.column])
            spread = max(var - a * a * float(z.var()), (1.0 - a * a) * var)
            moved = mean + a * (z - z.mean()) + np.sqrt(spread) * noise
            params[live, p.column] = np.minimum(np.exp(moved), p.high)


def summary(params: np.ndarray, weights: np.ndarray, prior_params: np.ndarray,
            rating_style: np.ndarray, notch: float) -> dict[str, dict]:
    """The learnt pace: per :data:`PACE` parameter the posterior median and 90% range, the
    prior's (people in the model's range), both also as a multiple of the prior's median, and
    how far the journal moved it; plus the rating style's chances.

    Only particles with a positive value count (a policy that never reaches out has no urge
    to learn); ``None`` where no particle has one.
    """
    from .result import weighted_quantiles  # result imports the prior, which imports this

    out: dict[str, dict] = {}
    flat = np.ones(len(prior_params))
    for p in PACE:
        post, prior = params[:, p.column], prior_params[:, p.column]
        live, plive = post > 0.0, prior > 0.0
        if weights[live].sum() <= 0.0 or not plive.any():
            out[p.name] = None
            continue
        med, low, high = weighted_quantiles(post[live], weights[live])
        p_med, p_low, p_high = weighted_quantiles(prior[plive], flat[plive])
        width = max(np.log(p_high) - np.log(p_low), 1e-9)
        moved = max(abs(np.log(med) - np.log(p_med)) / width,
                    1.0 - (np.log(high) - np.log(low)) / width)
        out[p.name] = {
            "median": float(med), "low": float(low), "high": float(high),
            "prior": {"median": float(p_med), "low": float(p_low), "high": float(p_high)},
            "times_usual": {"median": float(med / p_med), "low": float(low / p_med),
                            "high": float(high / p_med)},
            "usual_range": {"low": float(p_low / p_med), "high": float(p_high / p_med)},
            "moved": float(np.clip(moved, 0.0, 1.0)),
            "share_of_weight": float(weights[live].sum()),
        }
    out["rating_style"] = {
        "higher": float(weights[rating_style > 0.5 * notch].sum()),
        "as_is": float(weights[np.abs(rating_style) <= 0.5 * notch].sum()),
        "lower": float(weights[rating_style < -0.5 * notch].sum()),
    }
    return out
