"""Deterministic runs of small systems: a map turned over, or a flow integrated, each stopped
once a variable runs away (beyond ``blow_up`` in absolute value). Used by the classic models
and by the analysis toolkit."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.integrate import solve_ivp

BLOW_UP = 1e12  # beyond any meaning for a feeling: a love fest or war without bound


def iterate_map(step: Callable[[np.ndarray], np.ndarray], x0: np.ndarray, turns: int,
                blow_up: float = BLOW_UP) -> tuple[np.ndarray, np.ndarray]:
    """Turns ``0 .. turns`` and the states of ``x -> step(x)`` from ``x0``; the run ends at
    the first state beyond ``blow_up`` (which is kept)."""
    xs = np.empty((turns + 1, len(x0)))
    xs[0] = x0
    for k in range(turns):
        xs[k + 1] = step(xs[k])
        if not np.all(np.abs(xs[k + 1]) < blow_up):
            return np.arange(k + 2, dtype=float), xs[:k + 2]
    return np.arange(turns + 1, dtype=float), xs


def integrate_flow(rhs: Callable[[np.ndarray], np.ndarray], x0: np.ndarray, duration: float,
                   points: int, method: str = "DOP853", rtol: float = 1e-10, atol: float = 1e-12,
                   blow_up: float = BLOW_UP) -> tuple[np.ndarray, np.ndarray]:
    """Times and states (``points`` evenly spaced) of ``dx/dt = rhs(x)`` from ``x0``, with
    scipy's ``solve_ivp``; the run ends early once a variable passes ``blow_up``."""
    def far(_t, x):
        return blow_up - float(np.max(np.abs(x)))

    far.terminal = True
    t = np.linspace(0.0, float(duration), points)
    sol = solve_ivp(lambda _t, x: rhs(x), (0.0, float(duration)), x0, method=method, t_eval=t,
                    rtol=rtol, atol=atol, events=far)
    return sol.t, sol.y.T
