"""A NumPy engine: all dyads as arrays, a Python loop over time.

It is the baseline the compiled kernel is measured against (``benchmarks/bench_ensemble.py``)
and a third, independent check of it. The continuous dynamics, hazards, event effects and random
numbers are the model's own functions, which use only arithmetic, indexing and NumPy ufuncs, so
they run unchanged on a state whose entries are arrays over dyads instead of numbers. The
branchy pieces, picking an event and deriving roles and phase, and the normal numbers (with
NumPy's logarithm, cosine and sine instead of the plain-arithmetic ones of
:mod:`~twinflames.model.elementary`) are written here again with array operations; a test holds
them to the compiled engine's outcome frequencies.

Run it with ``NUMBA_DISABLE_JIT=1`` (in a process of its own): compiled, the model's functions
accept single dyads only.
"""

from __future__ import annotations

import numba
import numpy as np

from ..model import layout as L
from ..model.classify import acting
from ..model.dynamics import advance, drive
from ..model.events import apply_event, twin_hazards
from .rng import SLOT_EVENT_A, SLOT_EVENT_B, SLOT_NOISE_1, SLOT_NOISE_2, dyad_stream, uniform


def _choose(h: np.ndarray, dt: float, v: np.ndarray) -> np.ndarray:
    """Event codes (``EV_NONE`` where nothing happened) from hazards ``h`` (events x dyads)."""
    cumulative = np.cumsum(h, axis=0)
    total = cumulative[-1]
    p_any = -np.expm1(-total * dt)
    happened = -np.log(v) < total * dt  # the exponential clock rings within the step
    share = np.divide((1.0 - v) * total, p_any, out=np.zeros_like(v), where=happened)
    first = np.argmax(share < cumulative, axis=0)
    return np.where(happened, first, L.EV_NONE)


def _normal_pair(stream: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Box–Muller as :func:`~twinflames.engine.rng.normal_pair` does it, with NumPy's
    logarithm, cosine and sine (the last bits differ from the compiled engine's)."""
    r = np.sqrt(-2.0 * np.log(uniform(stream, k, SLOT_NOISE_1)))
    angle = 2.0 * np.pi * uniform(stream, k, SLOT_NOISE_2)
    return r * np.cos(angle), r * np.sin(angle)


def _apply(x: list, p: np.ndarray, me: int, codes: np.ndarray) -> None:
    for code in np.unique(codes[codes >= 0]):
        cols = np.flatnonzero(codes == code)
        sub = [row[cols] for row in x]
        apply_event(sub, p[:, cols], me, 1 - me, int(code))
        for row, changed in zip(x, sub, strict=True):
            row[cols] = changed


def _role(u_me, u_other, pursuit, previous, eps, pursues):
    chasing = previous == L.ROLE_CHASER
    reaching = (pursuit > 0.2) | (chasing & (pursuit > 0.1))
    closing = (u_me > eps) | (chasing & (u_me > 0.5 * eps))
    drawn = (reaching | closing) & (u_other < 0.5 * eps)
    runner = (u_me < -eps) | ((previous == L.ROLE_RUNNER) & (u_me < -0.5 * eps))
    return np.where(drawn, np.where(pursues, L.ROLE_CHASER, L.ROLE_NONE),
                    np.where(runner, L.ROLE_RUNNER, L.ROLE_NONE))


def _classify(x: list, p: np.ndarray, ua: np.ndarray, ub: np.ndarray) -> None:
    """Roles, healed and together flags and phase, as :func:`~twinflames.model.classify.classify`
    derives them for one dyad (event flags are not needed here)."""
    eps, theta = p[L.ROLE_THRESHOLD], p[L.HEAL_THRESHOLD]
    for me, (u_me, u_other) in enumerate(((ua, ub), (ub, ua))):
        s, o = me * L.TWIN_STATE_SIZE, (1 - me) * L.TWIN_STATE_SIZE
        role = np.where(x[s + L.MOVED_ON] == 0.0,
                        _role(u_me, u_other, x[o + L.PRESSURE], x[s + L.ROLE], eps,
                              acting(x, me)),
                        L.ROLE_NONE)
        x[s + L.LAST_ROLE] = np.where(role != L.ROLE_NONE, role, x[s + L.LAST_ROLE])
        x[s + L.ROLE] = role
        healed = x[s + L.HEALED]
        x[s + L.HEALED] = np.where((healed == 0.0) & (x[s + L.WOUND] < theta), 1.0,
                                   np.where(x[s + L.WOUND] > theta + 0.05, 0.0, healed))
    c, together = x[L.CLOSENESS], x[L.TOGETHER]
    x[L.TOGETHER] = np.where((together == 0.0) & (c >= p[L.CLOSE_THRESHOLD]), 1.0,
                             np.where(c < p[L.APART_THRESHOLD], 0.0, together))
    sa, sb = 0, L.TWIN_STATE_SIZE
    ra, rb = x[sa + L.ROLE], x[sb + L.ROLE]
    both_healed = (x[sa + L.HEALED] == 1.0) & (x[sb + L.HEALED] == 1.0)
    calm = x[L.TOXICITY] < p[L.TOXIC_THRESHOLD]
    entangled = x[sa + L.FOCUS] + x[sb + L.FOCUS] > 1.0
    phase = np.select(
        [x[sa + L.MOVED_ON] + x[sb + L.MOVED_ON] > 0.0,
         x[sa + L.BLOCKING] + x[sb + L.BLOCKING] > 0.0,
         (x[L.TOGETHER] == 1.0) & both_healed & calm,
         x[L.TOGETHER] == 1.0,
         (ra == L.ROLE_RUNNER) & (rb == L.ROLE_RUNNER) & entangled,
         (ra == L.ROLE_CHASER) | (rb == L.ROLE_CHASER)],
        [L.PHASE_ENDED, L.PHASE_BLOCKED, L.PHASE_UNION, L.PHASE_TURBULENCE,
         L.PHASE_MUTUAL_RUNNING, L.PHASE_CHASE], L.PHASE_SEPARATION)
    reunion = (phase == L.PHASE_UNION) & (x[L.PHASE] != L.PHASE_UNION)
    x[sa + L.SIGNS_SEEN] = np.where(reunion, 0.0, x[sa + L.SIGNS_SEEN])
    x[sb + L.SIGNS_SEEN] = np.where(reunion, 0.0, x[sb + L.SIGNS_SEEN])
    x[L.PHASE] = phase


def run_vectorised(states: np.ndarray, params: np.ndarray, key: np.uint64, dyads: np.ndarray,
                   n_steps: int, dt: float) -> tuple[np.ndarray, np.ndarray]:
    """Run many dyads with array operations.

    Parameters
    ----------
    states, params : arrays (N, STATE_SIZE) and (N, PARAM_SIZE), as :func:`pack_many` makes them
    key : the dynamics key; dyads : int64 (N,) dyad identities
    n_steps : steps to take; dt : step in days

    Returns
    -------
    final : array (N, STATE_SIZE), the final states
    days_in_phase : array (N, number of phases), days spent in each phase
    """
    if not numba.config.DISABLE_JIT:
        raise RuntimeError("run_vectorised needs NUMBA_DISABLE_JIT=1 (set before importing)")
    # the state is a list of rows, one array per state variable: the model's functions read a
    # variable into a local and then assign the variable anew, which with rows of one 2-D array
    # would change the local they just read
    x = [row.copy() for row in states.T]
    p = np.ascontiguousarray(params.T)
    n = states.shape[0]
    days = np.zeros((n, len(L.PHASES)))
    rows = np.arange(n)
    h_a, h_b = np.empty((L.N_TWIN_EVENTS, n)), np.empty((L.N_TWIN_EVENTS, n))
    with np.errstate(over="ignore"):
        stream = dyad_stream(key, np.asarray(dyads, dtype=np.uint64))
        _classify(x, p, drive(x, p, 0, 1), drive(x, p, 1, 0))
        for k in range(n_steps):
            days[rows, x[L.PHASE].astype(np.int64)] += dt
            twin_hazards(x, p, 0, 1, h_a)
            twin_hazards(x, p, 1, 0, h_b)
            ev_a = _choose(h_a, dt, uniform(stream, k, SLOT_EVENT_A))
            ev_b = _choose(h_b, dt, uniform(stream, k, SLOT_EVENT_B))
            _apply(x, p, 0, ev_a)
            _apply(x, p, 1, ev_b)
            z_a, z_b = _normal_pair(stream, k)
            ua, ub = advance(x, p, dt, z_a, z_b)
            _classify(x, p, ua, ub)
    return np.array(x).T.copy(), days
