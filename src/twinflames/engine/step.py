"""One step of one dyad, and of a batch of dyads: the conditionable core of every engine."""

from numba import njit, prange

from .._jit import kernel, whole_run
from ..model.classify import classify
from ..model.dynamics import advance
from ..model.events import apply_event, choose, twin_hazards
from .lanes import LANES, load, new_block, new_outcomes, step_lanes, store
from .rng import SLOT_EVENT_A, SLOT_EVENT_B, normal_pair, uniform


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


@njit(parallel=True, cache=True, nogil=True)
def step_batch(states, params, key, dyads, k, dt, forced, events, logp, flags):
    """Step a batch of dyads once, in place (the particle-filter interface), in blocks of
    :data:`~twinflames.engine.lanes.LANES` dyads side by side: bit for bit what
    :func:`step_dyad` does to each.

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
    for b in prange((n + LANES - 1) // LANES):
        _step_block(states, params, key, dyads, k, dt, forced, events, logp, flags, b * LANES,
                    min(LANES, n - b * LANES))


@whole_run
def _step_block(states, params, key, dyads, k, dt, forced, events, logp, flags, first, n):
    """Rows ``first .. first + n - 1`` of :func:`step_batch`."""
    block = new_block()
    forced_l, events_l, logp_l, flags_l = new_outcomes()
    load(block, states, params, key, dyads, first, n)
    for i in range(LANES):
        row = first + min(i, n - 1)
        forced_l[0, i], forced_l[1, i] = forced[row, 0], forced[row, 1]
    step_lanes(block, k, dt, forced_l, events_l, logp_l, flags_l)
    store(block, states, first, n)
    for i in range(n):
        events[first + i, 0], events[first + i, 1] = events_l[0, i], events_l[1, i]
        logp[first + i], flags[first + i] = logp_l[i], flags_l[i]
