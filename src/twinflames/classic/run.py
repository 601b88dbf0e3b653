"""Simulate a classic model: one trajectory, or an ensemble when the model has noise."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..errors import InputError
from ..integrate import integrate_flow, iterate_map
from .base import ClassicModel, ClassicParams
from .results import ClassicEnsemble, ClassicResult

MAX_POINTS = 100_000
SDE_SUBSTEPS = 20  # Euler-Maruyama steps per output interval when noise > 0


def _check_duration(model: ClassicModel, duration: float, points: int) -> None:
    if not (isinstance(duration, (int, float)) and np.isfinite(duration) and 0 < duration <= 1e6):
        raise InputError(f"duration = {duration!r}: allowed: a number above 0 and at most 1e6 "
                         f"({model.time_unit})")
    if not (isinstance(points, int) and 2 <= points <= MAX_POINTS):
        raise InputError(f"points = {points!r}: allowed: a whole number from 2 to {MAX_POINTS}")


def trajectory(model: ClassicModel, params: ClassicParams, x0: np.ndarray, duration: float,
               points: int = 1001, rng: np.random.Generator | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
    """Times and states (points x variables) of one run from ``x0``.

    Without noise a flow is integrated with an adaptive 8th-order Runge-Kutta method (rtol
    1e-10); with noise it uses Euler-Maruyama steps, ``SDE_SUBSTEPS`` per output interval. A
    map is iterated ``int(duration)`` turns. A run stops early once a feeling passes 1e12.
    """
    noisy = bool(params.noise) and rng is not None
    if model.kind == "map":
        def step(x):
            nxt = model.rhs(x, params)
            return nxt + params.noise * rng.standard_normal(len(x)) if noisy else nxt
        return iterate_map(step, np.asarray(x0, dtype=float), int(duration))
    if noisy:
        t = np.linspace(0.0, float(duration), points)
        return t, _euler_maruyama(model, params, x0, t, rng)
    return integrate_flow(lambda x: model.rhs(x, params), x0, duration, points)


def _euler_maruyama(model: ClassicModel, params: ClassicParams, x0: np.ndarray, t: np.ndarray,
                    rng: np.random.Generator) -> np.ndarray:
    h = (t[1] - t[0]) / SDE_SUBSTEPS
    xs = np.empty((len(t), len(x0)))
    x = xs[0] = np.array(x0, dtype=float)
    scale = params.noise * np.sqrt(h)
    for k in range(1, len(t)):
        for _ in range(SDE_SUBSTEPS):
            x = x + model.rhs(x, params) * h + scale * rng.standard_normal(len(x))
        xs[k] = x
    return xs


def run_rng(seed: int, run: int) -> np.random.Generator:
    """The random stream of run ``run`` of master seed ``seed`` (the same alone or in a batch)."""
    if not (isinstance(seed, (int, np.integer)) and 0 <= seed < 2**63):
        raise InputError(f"seed = {seed!r}: allowed: a whole number from 0 to 2**63 - 1")
    return np.random.default_rng(np.random.SeedSequence([int(seed), int(run)]))


def simulate(model: str | ClassicModel, *, preset: str | None = None,
             changes: Mapping[str, Any] | None = None,
             init: Mapping[str, float] | Sequence[float] | None = None,
             duration: float | None = None, points: int = 1001, seed: int = 0) -> ClassicResult:
    """Simulate one run of a classic model.

    Parameters
    ----------
    model : str or ClassicModel
        ``"strogatz"``, ``"rinaldi"``, ``"gottman"`` or ``"felmlee"`` (see :func:`get`).
    preset : str, optional
        A named parameter set (default: the model's default preset).
    changes : mapping, optional
        Parameter values on top of the preset, e.g. ``{"a": 0, "b": 1}``.
    init : mapping or sequence, optional
        Starting state, e.g. ``{"R": 1, "J": 0}``; default: the preset's.
    duration : float, optional
        Horizon in the model's time unit (turns for ``gottman``); default: the preset's.
    points : int
        Output times for flows (maps report every turn).
    seed : int
        Seed of the noise (used only when ``noise > 0``).

    Returns
    -------
    ClassicResult

    Raises
    ------
    InputError
        Unknown model, preset or parameter, a value out of range, a start of the wrong length.
    """
    from . import get

    m = get(model) if isinstance(model, str) else model
    params = m.make_params(preset, changes)
    x0 = m.make_init(init, preset)
    duration = m.preset(preset).duration if duration is None else duration
    _check_duration(m, duration, points)
    t, xs = trajectory(m, params, x0, duration, points, run_rng(seed, 0))
    return ClassicResult(model=m, params=params, seed=seed, t=t, states=xs)


def ensemble(model: str | ClassicModel, runs: int = 100, *, preset: str | None = None,
             changes: Mapping[str, Any] | None = None,
             init: Mapping[str, float] | Sequence[float] | None = None,
             duration: float | None = None, points: int = 501, seed: int = 0
             ) -> ClassicEnsemble:
    """Run ``runs`` noisy runs from the same start; run *i* equals ``simulate(..., seed)`` of
    its own stream whatever ``runs`` is. Needs ``noise > 0``."""
    from . import get

    m = get(model) if isinstance(model, str) else model
    params = m.make_params(preset, changes)
    if params.noise <= 0:
        raise InputError("noise = 0: an ensemble of a deterministic model repeats one run; "
                         "allowed: noise above 0 (e.g. --set noise=0.1)")
    if not (isinstance(runs, int) and 1 <= runs <= 100_000):
        raise InputError(f"runs = {runs!r}: allowed: a whole number from 1 to 100000")
    x0 = m.make_init(init, preset)
    duration = m.preset(preset).duration if duration is None else duration
    _check_duration(m, duration, points)
    parts = [trajectory(m, params, x0, duration, points, run_rng(seed, i)) for i in range(runs)]
    return ClassicEnsemble(model=m, params=params, seed=seed, t=parts[0][0],
                           states=np.stack([xs for _, xs in parts]))
