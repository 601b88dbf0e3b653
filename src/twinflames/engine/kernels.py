"""Whole runs: one dyad with its full record, and many dyads with running summaries only."""

import numpy as np
from numba import njit, prange

from .._jit import bare_run, kernel, whole_run
from ..model import layout as L
from .adaptive import (
    FLAG_BITS,
    FLAG_KIND,
    LOG_COLUMNS,
    LOG_SIZE,
    N_PHASES,
    TIME_IN_SIZE,
    WORK_ROWS,
    adaptive_step,
    reclassify,
)
from .lanes import LANES, load, new_block, new_outcomes, step_lanes
from .rng import dyad_stream
from .step import step_dyad

# per-dyad summary columns of an ensemble (memory grows with dyads, not dyads x steps)
SUMMARY = (
    "days_chase", "days_separation", "days_mutual_running", "days_turbulence", "days_blocked",
    "days_union", "days_ended", "days_to_union", "outcome", "role_swaps", "blocks",
    "reach_outs_a", "reach_outs_b", "signs", "communicates", "separations", "days_to_block",
    "days_to_moved_on", "peak_intensity", "peak_toxicity", "days_toxic", "wound_a", "wound_b",
    "wellbeing_a", "wellbeing_b", "closeness",
)
S_DAYS_TO_UNION, S_OUTCOME, S_ROLE_SWAPS, S_BLOCKS = 7, 8, 9, 10
S_REACH_A, S_REACH_B, S_SIGNS, S_COMMUNICATES, S_SEPARATIONS = 11, 12, 13, 14, 15
S_DAYS_TO_BLOCK, S_DAYS_TO_MOVED_ON = 16, 17
S_PEAK_INTENSITY, S_PEAK_TOXICITY, S_DAYS_TOXIC, S_FINAL = 18, 19, 20, 21
SUMMARY_SIZE = len(SUMMARY)


@whole_run
def start(x, p):
    """Derive roles and phase of an initial state (no events are emitted for the start)."""
    reclassify(x, p)


@kernel
def _record_start(x, p, record, phase, roles):
    """Derive the start's roles and phase and record them as row 0."""
    start(x, p)
    record[0] = x
    phase[0] = x[L.PHASE]
    roles[0, 0], roles[0, 1] = x[L.ROLE], x[L.TWIN_STATE_SIZE + L.ROLE]


@kernel
def _record_step(x, k, every, record, phase, roles):
    """Record the phase and roles after step ``k``, and the state every ``every`` steps."""
    phase[k + 1] = x[L.PHASE]
    roles[k + 1, 0], roles[k + 1, 1] = x[L.ROLE], x[L.TWIN_STATE_SIZE + L.ROLE]
    if (k + 1) % every == 0:
        row = record[(k + 1) // every]
        for c in range(x.shape[0]):  # a slice assignment could allocate a copy: not in a bare_run
            row[c] = x[c]


@whole_run
def run_fixed(x, p, key, dyad, n_steps, dt, every):
    """Run one dyad for ``n_steps`` fixed steps (:func:`~twinflames.engine.step.step_dyad`, the
    particle filter's model) keeping everything: the state every ``every`` steps, and phase,
    roles, events and flags every step. ``x`` ends as the final state."""
    n_rec = n_steps // every + 1
    record = np.empty((n_rec, L.STATE_SIZE))
    phase = np.empty(n_steps + 1, np.int8)
    roles = np.empty((n_steps + 1, 2), np.int8)
    events = np.full((n_steps, 2), -1, np.int8)
    flags = np.zeros(n_steps, np.int8)
    hazards = np.empty((2, L.N_TWIN_EVENTS))
    _record_start(x, p, record, phase, roles)
    _fixed_steps(x, p, dyad_stream(key, dyad), n_steps, dt, every, hazards, record, phase,
                 roles, events, flags)
    return record, phase, roles, events, flags


@bare_run
def _fixed_steps(x, p, stream, n_steps, dt, every, hazards, record, phase, roles, events,
                 flags):
    """The time loop of :func:`run_fixed`."""
    for k in range(n_steps):
        ev_a, ev_b, _, fl = step_dyad(x, p, stream, k, dt, L.EV_NONE, L.EV_NONE, hazards[0],
                                      hazards[1])
        events[k, 0], events[k, 1], flags[k] = ev_a, ev_b, fl
        _record_step(x, k, every, record, phase, roles)


@whole_run
def trace(x, p, key, dyad, n_steps, dt, every):
    """Run one dyad for ``n_steps`` steps of the event-driven integrator
    (:func:`~twinflames.engine.adaptive.adaptive_step`) keeping everything: the state every
    ``every`` steps, phase and roles at the end of every step, and the log of every event and
    state-derived event with its time (rows of day, who, kind, detail). ``x`` ends as the final
    state."""
    n_rec = n_steps // every + 1
    record = np.empty((n_rec, L.STATE_SIZE))
    phase = np.empty(n_steps + 1, np.int8)
    roles = np.empty((n_steps + 1, 2), np.int8)
    work = np.empty((WORK_ROWS, L.STATE_SIZE))
    time_in = np.zeros(TIME_IN_SIZE)
    step_log = np.empty((LOG_SIZE, LOG_COLUMNS))
    log = np.empty((max(LOG_SIZE, n_steps), LOG_COLUMNS))
    logged = 0
    stream = dyad_stream(key, dyad)
    _record_start(x, p, record, phase, roles)
    k = 0
    while k < n_steps:
        if log.shape[0] - logged < LOG_SIZE:  # room for another step's rows
            grown = np.empty((2 * log.shape[0], LOG_COLUMNS))
            grown[:logged] = log[:logged]
            log = grown
        k, logged = _trace_steps(x, p, stream, k, n_steps, dt, every, work, time_in, step_log,
                                 log, logged, record, phase, roles)
    return record, phase, roles, log[:logged].copy(), time_in


@bare_run
def _trace_steps(x, p, stream, k, n_steps, dt, every, work, time_in, step_log, log, logged,
                 record, phase, roles):
    """Steps ``k`` on of :func:`trace`, until the horizon or until ``log`` might not hold
    another step's rows; returns the next step and the rows logged so far."""
    while k < n_steps and log.shape[0] - logged >= LOG_SIZE:
        m = min(adaptive_step(x, p, stream, k, dt, work, time_in, step_log), LOG_SIZE)
        for r in range(m):
            for c in range(LOG_COLUMNS):
                log[logged + r, c] = step_log[r, c]
        logged += m
        _record_step(x, k, every, record, phase, roles)
        k += 1
    return k, logged


@kernel
def _tally(out, t, who, kind):
    """Count one logged event into the summaries."""
    if kind == L.EV_BLOCK:
        out[S_BLOCKS] += 1.0
        if np.isnan(out[S_DAYS_TO_BLOCK]):
            out[S_DAYS_TO_BLOCK] = t
    elif kind == L.EV_COMMUNICATE:
        out[S_COMMUNICATES] += 1.0
    elif kind == L.EV_SIGN_DREAM or kind == L.EV_SIGN_SONG or kind == L.EV_SIGN_MESSAGE:
        out[S_SIGNS] += 1.0
    elif kind == L.EV_MOVED_ON and np.isnan(out[S_DAYS_TO_MOVED_ON]):
        out[S_DAYS_TO_MOVED_ON] = t
    elif kind == FLAG_KIND + 2 or kind == FLAG_KIND + 3:
        out[S_ROLE_SWAPS] += 1.0
    elif kind == FLAG_KIND + 5:
        out[S_SEPARATIONS] += 1.0
    elif kind == FLAG_KIND + 4 and np.isnan(out[S_DAYS_TO_UNION]):
        out[S_DAYS_TO_UNION] = t


@kernel
def _open_summary(out, x, p):
    """Start a dyad's summaries: zeros, the days-to columns unknown, and its starting roles and
    phase derived (a dyad that starts in union has reached it on day 0)."""
    for c in range(SUMMARY_SIZE):
        out[c] = 0.0
    out[S_DAYS_TO_UNION] = np.nan
    out[S_DAYS_TO_BLOCK] = np.nan
    out[S_DAYS_TO_MOVED_ON] = np.nan
    start(x, p)
    if x[L.PHASE] == L.PHASE_UNION:
        out[S_DAYS_TO_UNION] = 0.0


@kernel
def _close_summary(out, x, time_in, adaptive):
    """Finish a dyad's summaries from its final state and its days in each phase."""
    for c in range(N_PHASES):
        out[c] = time_in[c]
    out[S_DAYS_TOXIC] = time_in[N_PHASES]
    if adaptive:  # the peaks at every sub-step's end, not only at the steps' starts
        out[S_PEAK_INTENSITY] = max(out[S_PEAK_INTENSITY], time_in[N_PHASES + 1])
        out[S_PEAK_TOXICITY] = max(out[S_PEAK_TOXICITY], time_in[N_PHASES + 2])
    b = L.TWIN_STATE_SIZE
    out[S_OUTCOME] = x[L.PHASE]
    out[S_REACH_A] = x[L.REACH_OUTS]
    out[S_REACH_B] = x[b + L.REACH_OUTS]
    out[S_FINAL + 0] = x[L.WOUND]
    out[S_FINAL + 1] = x[b + L.WOUND]
    out[S_FINAL + 2] = x[L.WELLBEING]
    out[S_FINAL + 3] = x[b + L.WELLBEING]
    out[S_FINAL + 4] = x[L.CLOSENESS]


@kernel
def _peaks(out, x):
    out[S_PEAK_INTENSITY] = max(out[S_PEAK_INTENSITY], x[L.INTENSITY])
    out[S_PEAK_TOXICITY] = max(out[S_PEAK_TOXICITY], x[L.TOXICITY])


@whole_run
def summarise_one(x, p, key, dyad, n_steps, dt, out):
    """Run one dyad for ``n_steps`` steps of the event-driven integrator keeping only running
    summaries in ``out``."""
    work = np.empty((WORK_ROWS, L.STATE_SIZE))
    time_in = np.zeros(TIME_IN_SIZE)
    step_log = np.empty((LOG_SIZE, LOG_COLUMNS))
    _open_summary(out, x, p)
    _summarise_steps(x, p, dyad_stream(key, dyad), n_steps, dt, out, work, time_in, step_log)
    _close_summary(out, x, time_in, True)


@bare_run
def _summarise_steps(x, p, stream, n_steps, dt, out, work, time_in, step_log):
    """The time loop of :func:`summarise_one`: counts the steps' events into ``out`` and the days
    in each phase into ``time_in``."""
    for k in range(n_steps):
        _peaks(out, x)
        m = adaptive_step(x, p, stream, k, dt, work, time_in, step_log)
        for r in range(min(m, LOG_SIZE)):
            _tally(out, step_log[r, 0], int(step_log[r, 1]), int(step_log[r, 2]))


@whole_run
def _summarise_fixed(states, params, key, dyads, n_steps, dt, out, first, n):
    """Rows ``first .. first + n - 1`` of a fixed-step :func:`summarise_batch`, as one block of
    dyads side by side (:mod:`~twinflames.engine.lanes`)."""
    block = new_block()
    forced, events, logp, flags = new_outcomes()
    load(block, states, params, key, dyads, first, n)
    x, p = block[0], block[1]
    summary = np.empty((SUMMARY_SIZE, LANES))
    time_in = np.zeros((TIME_IN_SIZE, LANES))
    for i in range(LANES):
        forced[0, i], forced[1, i] = L.EV_NONE, L.EV_NONE
        _open_summary(summary[:, i], x[:, i], p[:, i])
    calm = block[6]
    for k in range(n_steps):
        for i in range(LANES):  # vectorised: adding 0 to the other phases changes nothing
            _peaks(summary[:, i], x[:, i])
            for ph in range(N_PHASES):
                time_in[ph, i] += dt * (x[L.PHASE, i] == ph)
            time_in[N_PHASES, i] += dt * (x[L.TOXICITY, i] > p[L.TOXIC_THRESHOLD, i])
        step_lanes(block, k, dt, forced, events, logp, flags)
        for i in range(LANES):
            if calm[i] and flags[i] == 0:
                continue
            t = x[L.TIME, i]
            for twin in range(2):
                if events[twin, i] >= 0:
                    _tally(summary[:, i], t, twin, events[twin, i])
            for f in range(len(FLAG_BITS)):
                if flags[i] & FLAG_BITS[f]:
                    _tally(summary[:, i], t, f % 2, FLAG_KIND + f)
    for i in range(n):
        _close_summary(summary[:, i], x[:, i], time_in[:, i], False)
        for c in range(SUMMARY_SIZE):
            out[first + i, c] = summary[c, i]


@njit(parallel=True, cache=True, nogil=True)
def summarise_batch(states, params, key, dyads, n_steps, dt, adaptive):
    """Run a batch of dyads in parallel; return their summaries (N, SUMMARY_SIZE). ``adaptive``
    picks the event-driven integrator (``True``, what ensembles run) or fixed steps (run
    :data:`~twinflames.engine.lanes.LANES` dyads side by side). It has no default: Numba
    compiles a call that leaves it out separately from one that passes it, and the integrator
    takes minutes to compile."""
    n = states.shape[0]
    out = np.empty((n, SUMMARY_SIZE))
    if adaptive:
        for i in prange(n):
            x = states[i].copy()
            summarise_one(x, params[i], key, dyads[i], n_steps, dt, out[i])
    else:
        for b in prange((n + LANES - 1) // LANES):
            _summarise_fixed(states, params, key, dyads, n_steps, dt, out, b * LANES,
                             min(LANES, n - b * LANES))
    return out
