"""Fixed steps of many dyads laid side by side, so the compiler vectorises across them.

:func:`~twinflames.engine.step.step_dyad` steps one dyad: its state is one row, and every
operation works on one number at a time. Here a block of :data:`LANES` dyads is held column by
column (a state entry of all the block's dyads next to each other: "structure of arrays"), and
each piece of the step (hazards, event draws, noise, drift, roles and phase) is a loop over the
block's dyads. The processor then applies one instruction to four dyads at once wherever a piece
is plain arithmetic (the hazards, the drift, the roles), and the few dyads that have an event
this step take the branchy path alone.

Every dyad still goes through the model's own functions in the same order with the same
numbers, so the result is bit for bit that of :func:`step_dyad` (``tests/test_lanes.py``). The
blocks are allocated where the loops run, with a constant shape: only then does the compiler
know how far apart the state entries are and that the loops are safe to vectorise (with the
shape read at run time it refuses, docs/performance.md).
"""

import numpy as np

from .._jit import kernel
from ..model import layout as L
from ..model.classify import classify
from ..model.dynamics import advance
from ..model.elementary import log_unit
from ..model.events import apply_event, draw, quiet, total_hazard, twin_hazards
from .rng import SLOT_EVENT_A, SLOT_EVENT_B, dyad_stream, normal_pair, uniform

LANES = 16  # dyads stepped side by side (four AVX vectors of float64)


@kernel
def new_block():
    """The arrays of one block: states and parameters column by column, the streams, and the
    work of a step (hazards, their totals and chances, draws, noise, drives). Call it where the
    loops run: the constant shapes are what lets the compiler vectorise them."""
    states = np.empty((L.STATE_SIZE, LANES))
    params = np.empty((L.PARAM_SIZE, LANES))
    streams = np.empty(LANES, np.uint64)
    hazards = np.empty((2, L.N_TWIN_EVENTS, LANES))
    work = np.empty((8, LANES))  # totals a, b; clocks a, b; draws a, b; noise a, b
    drives = np.empty((2, LANES))
    calm = np.empty(LANES, np.bool_)  # no event for either twin this step
    return states, params, streams, hazards, work, drives, calm


@kernel
def new_outcomes():
    """What a block's step is told and tells: the events to force, ``(2, LANES)`` int64
    (:func:`~twinflames.engine.step.step_batch`'s codes), and the events, log-probabilities and
    flags it returns."""
    return (np.empty((2, LANES), np.int64), np.empty((2, LANES), np.int64), np.empty(LANES),
            np.empty(LANES, np.int64))


@kernel
def load(block, states, params, key, dyads, first, n):
    """Fill ``block`` with rows ``first .. first + n - 1`` (``n <= LANES``); the lanes past
    ``n`` repeat the last of them (their results are never stored)."""
    s, p, streams = block[0], block[1], block[2]
    for i in range(LANES):
        row = first + min(i, n - 1)
        for c in range(L.STATE_SIZE):
            s[c, i] = states[row, c]
        for c in range(L.PARAM_SIZE):
            p[c, i] = params[row, c]
        streams[i] = dyad_stream(key, dyads[row])


@kernel
def store(block, states, first, n):
    """Write the first ``n`` lanes of ``block`` back to rows ``first ..``."""
    s = block[0]
    for i in range(n):
        for c in range(L.STATE_SIZE):
            states[first + i, c] = s[c, i]


@kernel
def step_lanes(block, k, dt, forced, events, logp, flags):
    """The ``k``-th fixed step of ``dt`` days of every dyad in ``block``, in place: what
    :func:`~twinflames.engine.step.step_dyad` does to one dyad. ``forced``, ``events`` are
    int64 ``(2, LANES)``, ``logp`` float64 and ``flags`` int64 ``(LANES,)``."""
    s, p, streams, h, work, drives, calm = block
    for i in range(LANES):  # vectorised
        twin_hazards(s[:, i], p[:, i], 0, 1, h[0, :, i])
        twin_hazards(s[:, i], p[:, i], 1, 0, h[1, :, i])
        work[0, i] = total_hazard(h[0, :, i])
        work[1, i] = total_hazard(h[1, :, i])
        work[4, i] = uniform(streams[i], k, SLOT_EVENT_A)
        work[5, i] = uniform(streams[i], k, SLOT_EVENT_B)
    for i in range(LANES):  # vectorised: the twins' exponential clocks; most steps are quiet
        work[2, i] = -log_unit(work[4, i])
        work[3, i] = -log_unit(work[5, i])
        events[0, i], events[1, i] = L.EV_NONE, L.EV_NONE
        logp[i] = -work[0, i] * dt + -work[1, i] * dt
        calm[i] = (quiet(work[0, i], work[2, i], dt, forced[0, i])
                   & quiet(work[1, i], work[3, i], dt, forced[1, i]))
    for i in range(LANES):  # the few dyads with an event, one at a time
        if calm[i]:
            continue
        ev_a, lp_a = draw(h[0, :, i], work[0, i], work[2, i], dt, work[4, i], forced[0, i])
        ev_b, lp_b = draw(h[1, :, i], work[1, i], work[3, i], dt, work[5, i], forced[1, i])
        events[0, i], events[1, i], logp[i] = ev_a, ev_b, lp_a + lp_b
        if ev_a >= 0:
            apply_event(s[:, i], p[:, i], 0, 1, ev_a)
        if ev_b >= 0:
            apply_event(s[:, i], p[:, i], 1, 0, ev_b)
    for i in range(LANES):
        work[6, i], work[7, i] = normal_pair(streams[i], k)
    for i in range(LANES):  # vectorised
        drives[0, i], drives[1, i] = advance(s[:, i], p[:, i], dt, work[6, i], work[7, i])
        flags[i] = classify(s[:, i], p[:, i], drives[0, i], drives[1, i])
