"""A prototype integrator for big steps, for ``bench_steps.py --exact`` only (not the engine's).

Inside each step the first event of either twin is drawn from the summed hazards as an exact
exponential time (competing clocks, hazards held at the start of the sub-step); the smooth state
moves to that time (Euler–Maruyama over the sub-step), roles and phase are re-derived, the event
is applied, the hazards are recomputed and the step goes on to its end. So an answer can follow
a reach-out within the same day, and a step may hold several events. It uses the model's own
functions; only the loop differs from ``engine/kernels.py``. It keeps days in each phase and the
final phase, which is what the validation compares.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numba import njit, prange

from twinflames.engine.kernels import start
from twinflames.engine.pack import pack_many
from twinflames.engine.rng import (
    SLOT_EVENT_A,
    SLOT_EVENT_B,
    dyad_stream,
    normal_pair,
    seed_keys,
    uniform,
)
from twinflames.model import layout as L
from twinflames.model.classify import classify
from twinflames.model.dynamics import advance
from twinflames.model.events import apply_event, twin_hazards
from twinflames.model.scenario import Scenario

MAX_EVENTS_PER_STEP = 64  # a guard: after this many events the step ends without more


@njit(cache=True, nogil=True)
def _pick(h, target):
    """The event whose share of the cumulative hazards ``h`` holds ``target``."""
    cumulative = 0.0
    last = 0
    for k in range(h.shape[0]):
        if h[k] > 0.0:
            last = k
        cumulative += h[k]
        if target < cumulative:
            return k
    return last


# the continuous variables (the rest are flags, codes, counters and the clock)
_TWIN_SMOOTH = (L.WOUND, L.FEAR, L.SELF_LOVE, L.FOCUS, L.WELLBEING, L.PRESSURE)
SMOOTH = np.array([t * L.TWIN_STATE_SIZE + v for t in (0, 1) for v in _TWIN_SMOOTH]
                  + [L.CLOSENESS, L.INTENSITY, L.TOXICITY])


@njit(cache=True, nogil=True)
def _midpoint(x, p, tau, z_a, z_b):
    """Move the smooth state by ``tau`` with the drift taken at the midpoint (second order)
    plus the Euler–Maruyama noise of the start; returns the drives at the start."""
    x0 = x.copy()
    euler = x.copy()
    u_a, u_b = advance(euler, p, tau, z_a, z_b)  # Euler with noise: gives the noise increment
    plain = x.copy()
    advance(plain, p, tau, 0.0, 0.0)
    mid = x.copy()
    advance(mid, p, 0.5 * tau, 0.0, 0.0)
    from_mid = mid.copy()
    advance(from_mid, p, tau, 0.0, 0.0)
    for c in SMOOTH:
        v = x0[c] + (from_mid[c] - mid[c]) + (euler[c] - plain[c])
        x[c] = min(max(v, 0.0), 1.0)
    x[L.TIME] = euler[L.TIME]
    return u_a, u_b


@njit(cache=True, nogil=True)
def _run(x, p, stream, n_steps, dt, days, every, second_order):
    h_a = np.empty(L.N_TWIN_EVENTS)
    h_b = np.empty(L.N_TWIN_EVENTS)
    start(x, p)
    for k in range(n_steps):
        left = dt
        for j in range(MAX_EVENTS_PER_STEP + 1):
            sub = stream if j == 0 else dyad_stream(stream, j)
            twin_hazards(x, p, 0, 1, h_a)
            twin_hazards(x, p, 1, 0, h_b)
            total_a, total_b = h_a.sum(), h_b.sum()
            total = total_a + total_b
            v = uniform(sub, k, SLOT_EVENT_A)
            # -log(v) >= 1 - v: most sub-steps are decided without the logarithm
            quiet = (j == MAX_EVENTS_PER_STEP or 1.0 - v >= total * left
                     or -np.log(v) >= total * left)
            tau = left if quiet else -np.log(v) / total
            days[int(x[L.PHASE])] += tau
            z_a, z_b = normal_pair(sub, k)
            if second_order:
                u_a, u_b = _midpoint(x, p, tau, z_a, z_b)
            else:
                u_a, u_b = advance(x, p, tau, z_a, z_b)
            if quiet:
                if (k + 1) % every == 0:
                    classify(x, p, u_a, u_b)
                break
            classify(x, p, u_a, u_b)
            left -= tau
            target = uniform(sub, k, SLOT_EVENT_B) * total
            if target < total_a:
                apply_event(x, p, 0, 1, _pick(h_a, target))
            else:
                apply_event(x, p, 1, 0, _pick(h_b, target - total_a))


@njit(parallel=True, cache=True, nogil=True)
def _batch(states, params, key, dyads, n_steps, dt, every, second_order):
    n = states.shape[0]
    days = np.zeros((n, len(L.PHASES)))
    final = np.empty(n)
    for i in prange(n):
        x = states[i].copy()
        _run(x, params[i], dyad_stream(key, dyads[i]), n_steps, dt, days[i], every,
             second_order)
        final[i] = x[L.PHASE]
    return days, final


def summary(sc: Scenario, runs: int, dt_hours: float, classify_every: int = 1,
            second_order: bool = False) -> pd.DataFrame:
    """Outcome and days in each phase of dyads ``0 .. runs - 1`` of ``sc`` (the parameters the
    ensemble would draw for them) at step ``dt_hours``, as columns named like the ensemble's.

    ``classify_every`` > 1 re-derives roles and phase only every that many quiet steps (and
    after each event): an experiment on how much the once-per-step classification matters.
    ``second_order`` takes the smooth drift at the sub-step's midpoint."""
    key, param_key = seed_keys(sc.seed)
    dyads = np.arange(runs, dtype=np.int64)
    states, params = pack_many(sc, dyads, param_key)
    dt = dt_hours / 24.0
    n_steps = max(1, int(round(sc.days / dt)))
    days, final = _batch(states, params, key, dyads, n_steps, dt, classify_every, second_order)
    out = {f"days_{p}": days[:, c] for c, p in enumerate(L.PHASES)}
    out["outcome"] = np.array(L.OUTCOMES)[final.astype(int)]
    return pd.DataFrame(out)
