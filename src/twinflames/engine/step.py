"""One step of one dyad, and of a batch of dyads: the conditionable core of every engine."""

import numpy as np
from numba import njit, prange

from .._jit import bare_run, kernel
from ..model import layout as L
from ..model.classify import classify
from ..model.dynamics import advance
from ..model.events import apply_event, choose, twin_hazards
from .rng import SLOT_EVENT_A, SLOT_EVENT_B, dyad_stream, normal_pair, uniform


@kernel
def step_dyad(x, p, stream, k, dt, forced_a, forced_b, h_a, h_b):
    """Advance a dyad by one step of ``dt`` days (its ``k``-th step), in place.

    ``stream`` is the dyad's random stream (:func:`~twinflames.engine.rng.dyad_stream`).

    Events are drawn from hazards at the start of the step (or forced), applied, then the
    continuous state moves and roles/phase are re-derived. Returns
    ``(event_a, event_b, log_probability, flags)``.
    """
    twin_hazards(x, p, 0, 1, h_a)
    twin_hazards(x, p, 1, 0, h_b)
    ev_a, lp_a = choose(h_a, dt, uniform(stream, k, SLOT_EVENT_A), forced_a)
    ev_b, lp_b = choose(h_b, dt, uniform(stream, k, SLOT_EVENT_B), forced_b)
    if ev_a >= 0:
        apply_event(x, p, 0, 1, ev_a)
    if ev_b >= 0:
        apply_event(x, p, 1, 0, ev_b)
    z_a, z_b = normal_pair(stream, k)
    u_a, u_b = advance(x, p, dt, z_a, z_b)
    flags = classify(x, p, u_a, u_b)
    return ev_a, ev_b, lp_a + lp_b, flags


ROWS = 64  # dyads a thread steps per call of the loop compiled without reference counts


@njit(parallel=True, cache=True, nogil=True)
def step_batch(states, params, key, dyads, k, dt, forced, events, logp, flags):
    """Step a batch of dyads once, in place (the particle-filter interface).

    Parameters
    ----------
    states, params : float64 arrays (N, STATE_SIZE) and (N, PARAM_SIZE)
    key : uint64 dynamics key (see :func:`~twinflames.engine.rng.seed_keys`)
    dyads : int64 array (N,) of dyad identities; a copied particle may share an identity only
        if it should share random numbers
    k : int, the step index; dt : float, days
    forced : int64 array (N, 2): event code to force per twin, ``-1`` to draw freely, ``-2`` to
        force "nothing happened"
    events, logp, flags : outputs (N, 2) int64, (N,) float64, (N,) int64
    """
    n = states.shape[0]
    for block in prange((n + ROWS - 1) // ROWS):
        hazards = np.empty((2, L.N_TWIN_EVENTS))
        _step_rows(states, params, key, dyads, k, dt, forced, events, logp, flags, hazards,
                   block * ROWS, min(n, (block + 1) * ROWS))


@bare_run
def _step_rows(states, params, key, dyads, k, dt, forced, events, logp, flags, hazards, first,
               stop):
    """Rows ``first .. stop - 1`` of :func:`step_batch`."""
    for i in range(first, stop):
        ev_a, ev_b, lp, fl = step_dyad(states[i], params[i], dyad_stream(key, dyads[i]), k, dt,
                                       forced[i, 0], forced[i, 1], hazards[0], hazards[1])
        events[i, 0] = ev_a
        events[i, 1] = ev_b
        logp[i] = lp
        flags[i] = fl
