"""Pack a scenario into the flat state and parameter vectors the kernels step."""

from __future__ import annotations

import zlib

import numpy as np

from ..model import layout as L
from ..model.params import Twin, field_info
from ..model.scenario import Scenario, field_of, resolve
from .rng import uniforms_for


def _twin_state(t: Twin, role: int) -> np.ndarray:
    v = np.zeros(L.TWIN_STATE_SIZE)
    v[L.WOUND], v[L.FEAR], v[L.SELF_LOVE] = t.wound, t.fear, t.self_love
    v[L.FOCUS], v[L.WELLBEING] = t.focus, t.wellbeing
    v[L.ROLE] = v[L.LAST_ROLE] = role
    # a story opens in the chase: its chaser has just reached out (chasing is reaching out,
    # model.classify.CHASE_MEMORY); the runner has not yet
    v[L.LAST_REACH_OUT] = 0.0 if role == L.ROLE_CHASER else -1.0
    return v


def _twin_params(t: Twin) -> np.ndarray:
    pol = t.policy
    return np.array([t.healing_rate, t.wound_floor] + [getattr(pol, n) for n in L.POLICY_NAMES])


def pack(scenario: Scenario) -> tuple[np.ndarray, np.ndarray]:
    """Initial state and parameter vectors of one dyad (twin ``a`` starts as runner, ``b`` as
    chaser, as in every preset)."""
    d, m = scenario.dyad, scenario.model
    x = np.concatenate([_twin_state(scenario.a, L.ROLE_RUNNER),
                        _twin_state(scenario.b, L.ROLE_CHASER), np.zeros(6)])
    x[L.CLOSENESS], x[L.INTENSITY], x[L.TOXICITY] = d.closeness, d.intensity, d.toxicity
    x[L.TOGETHER] = float(d.closeness >= m.close_threshold)
    x[L.PHASE] = -1.0
    p = np.concatenate([_twin_params(scenario.a), _twin_params(scenario.b),
                        [getattr(m, n) for n in L.MODEL_PARAM_NAMES]])
    return x, p


def column(path: tuple[str, ...]) -> tuple[str, int]:
    """Which vector (``"state"`` or ``"params"``) and position hold a numeric parameter."""
    head, name = path[0], path[-1]
    if head in ("a", "b"):
        twin = 0 if head == "a" else 1
        if name in L.TWIN_STATE_NAMES:
            return "state", twin * L.TWIN_STATE_SIZE + L.TWIN_STATE_NAMES.index(name)
        order = L.TWIN_TRAIT_NAMES + L.POLICY_NAMES
        return "params", twin * L.TWIN_PARAM_SIZE + order.index(name)
    if head == "dyad":
        return "state", L.DYAD + L.DYAD_STATE_NAMES.index(name)
    return "params", L.MODEL + L.MODEL_PARAM_NAMES.index(name)


def draw(kind: str, a: float, b: float, u: np.ndarray) -> np.ndarray:
    """Inverse-CDF draw of a distribution from uniforms ``u``."""
    if kind == "uniform":
        return a + (b - a) * u
    # imported here: SciPy takes 0.15 s to import, and most scenarios vary uniformly
    from scipy import special

    if kind == "normal":
        return a + b * special.ndtri(u)
    if kind == "beta":
        return special.betaincinv(a, b, u)
    return a * np.exp(b * special.ndtri(u))


def pack_many(scenario: Scenario, dyads: np.ndarray, param_key: np.uint64
              ) -> tuple[np.ndarray, np.ndarray]:
    """States and parameters of many dyads, each varied parameter drawn from its own stream so
    that dyad *i* gets the same values whatever batch it is in."""
    x, p = pack(scenario)
    n = len(dyads)
    states, params = np.tile(x, (n, 1)), np.tile(p, (n, 1))
    for key, dist in scenario.vary.items():
        path = resolve(key)
        info = field_info(*field_of(path))
        # the stream is named by the parameter, so adding another varied parameter changes nothing
        u = uniforms_for(param_key, dyads, zlib.crc32(".".join(path).encode()))
        values = np.clip(draw(dist.kind, dist.a, dist.b, u), info["min"], info["max"])
        target, col = column(path)
        (states if target == "state" else params)[:, col] = values
    closeness = states[:, L.CLOSENESS]
    states[:, L.TOGETHER] = (closeness >= params[:, L.CLOSE_THRESHOLD]).astype(float)
    return states, params
