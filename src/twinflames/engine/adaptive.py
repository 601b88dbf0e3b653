"""One step of the event-driven integrator that simulations and ensembles use.

A step of ``dt`` days (a day by default) is walked in sub-steps, each from the current state:

1. **A sub-step planned from the state.** The smooth state moves by the drift taken at the
   midpoint (second order; the drift at the start is taken once and kept while the plan
   halves the sub-step). If a role, the phase, a healed or together flag or a threshold the
   hazards read (toxicity against a boundary) would change on the way, the planned sub-step is
   halved, down to :data:`MIN_SUBSTEP`: a role changes within a quarter of an hour of when the
   drives cross their thresholds, and the hazards that depend on it (a runner does not reach
   out) change with it.
2. **Room for the noise.** Near a role or healing threshold the wounds' noise alone can cross
   it, unseen at the ends of a long sub-step. A sub-step is therefore no longer than the time in
   which that noise stays :data:`NOISE_MARGIN` standard deviations away from the thresholds that
   could change a role or a healed flag now (the noise's reach on the drives from their slopes
   in the wounds, :func:`~twinflames.model.dynamics.drive_slopes`), and never longer than
   :data:`MAX_SUBSTEP`.
3. **Exact event times inside it.** Both twins' events are competing exponential clocks: the
   first of them rings after an exponential time with the summed hazards of the planned
   sub-step's midpoint (Gillespie 1977; read where the midpoint drift reads the rates, so a
   hazard that changes along the way is right to second order, like the drift), and which
   event it is follows the hazards' shares. If it rings inside the
   planned sub-step, the sub-step ends there and the event is applied (the drift of the shorter
   span read off the planned one's two drift evaluations, :func:`_cut_short`, still second
   order, without evaluating the drift again); if not, the next sub-step
   draws a new clock (an exponential clock has no memory). A step may hold many events, and an
   answer can follow a reach-out within the same day.
4. The plan reads the state and the drift only, never the random numbers: shortening a
   sub-step because its clock rang late would favour early events (a first version did, and
   blocks came a day and a half early). The wounds' noise is added last (Euler–Maruyama,
   diffusion at the sub-step's start); roles and phase are derived from the drives at the
   sub-step's end.

docs/performance.md measures it against the fixed 15-minute step of
:func:`~twinflames.engine.step.step_dyad` (the engine until 0.1.0, and still the particle
filter's model) for every preset.
"""

import math

import numpy as np

from .._jit import kernel
from ..model import layout as L
from ..model.classify import UNHEAL_MARGIN, classify
from ..model.dynamics import HEAL_WIDTH, clip01, drive, drive_slopes, rates
from ..model.events import apply_event, total_hazard, twin_hazards
from .rng import SLOT_EVENT_A, SLOT_EVENT_B, dyad_stream, normal_pair, uniform

MIN_SUBSTEP = 1.0 / 96.0  # days (15 minutes): a change is placed at least this precisely
MAX_SUBSTEP = 0.5  # days: a smooth stretch is never walked in one piece longer than this
# (a whole day was measured: unions came earlier by 3.8 standard errors, docs/performance.md)
QUIET_SUBSTEP = 1.0  # days: the same while both wounds are clear of the healing ramp (_longest)
NOISE_MARGIN = 2.0  # noise standard deviations a sub-step keeps from a threshold (3 until
# 0.1.0's fourth change; 1.5 agreed with the 15-minute step too, docs/performance.md)
MAX_SUBSTEPS = 4096  # a guard per step; beyond it the rest of the step moves without events
WORK_ROWS = 7  # rows of an adaptive_step work array: two hazard vectors, three states,
# the drift at a sub-step's start and at its midpoint

# the log of what happened in a step, one row per entry: (day, who, kind, detail)
LOG_COLUMNS = 4
LOG_SIZE = 512
WHO_DYAD = 2  # ``who`` of a reunion or separation
FLAG_KIND = 100  # ``kind`` of a state-derived event: FLAG_KIND + the flag's bit position
N_PHASES = len(L.PHASES)
TIME_IN_SIZE = N_PHASES + 3  # days in each phase, toxic days, two peaks
_TWIN_SMOOTH = (L.WOUND, L.FEAR, L.SELF_LOVE, L.FOCUS, L.WELLBEING, L.PRESSURE)
SMOOTH = np.array([t * L.TWIN_STATE_SIZE + v for t in (0, 1) for v in _TWIN_SMOOTH]
                  + [L.CLOSENESS, L.INTENSITY, L.TOXICITY])  # the drift moves only these
FLAG_BITS = (L.FLAG_HEALED_A, L.FLAG_HEALED_B, L.FLAG_SWAP_A, L.FLAG_SWAP_B, L.FLAG_REUNION,
              L.FLAG_SEPARATION)


@kernel
def _picture(x, p):
    """The discrete facts a sub-step must not cross unnoticed, packed into one integer: both
    roles, the phase, the healed and together flags, toxicity against the toxic threshold and
    against each twin's boundary (the hazards of blocking and reopening read them)."""
    b = L.TWIN_STATE_SIZE
    tox = x[L.TOXICITY]
    q_a, q_b = L.BOUNDARY, L.TWIN_PARAM_SIZE + L.BOUNDARY
    bits = (int(x[L.ROLE]) + 3 * int(x[b + L.ROLE]) + 9 * int(x[L.PHASE])
            + 64 * int(x[L.HEALED]) + 128 * int(x[b + L.HEALED]) + 256 * int(x[L.TOGETHER]))
    bits += 512 * int(tox > p[L.TOXIC_THRESHOLD])
    bits += 1024 * int(tox > p[q_a]) + 2048 * int(tox < 0.5 * p[q_a])
    bits += 4096 * int(tox > p[q_b]) + 8192 * int(tox < 0.5 * p[q_b])
    return bits


@kernel
def reclassify(x, p):
    """Derive roles and phase from the drives of the current state; return the event flags and
    the two drives (the next sub-step starts from them)."""
    u_a, u_b = drive(x, p, 0, 1), drive(x, p, 1, 0)
    return classify(x, p, u_a, u_b), u_a, u_b


@kernel
def _note(log, n, day, who, kind, detail):
    """Append one row to the step's log (rows past its end are counted, not written)."""
    if n < log.shape[0]:
        log[n, 0], log[n, 1], log[n, 2], log[n, 3] = day, who, kind, detail
    return n + 1


@kernel
def _note_flags(log, n, x, flags):
    for i in range(len(FLAG_BITS)):
        if flags & FLAG_BITS[i]:
            who = i % 2 if i < 4 else WHO_DYAD
            detail = x[who * L.TWIN_STATE_SIZE + L.ROLE] if 2 <= i < 4 else -1.0
            n = _note(log, n, x[L.TIME], who, FLAG_KIND + i, detail)
    return n


@kernel
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


@kernel
def _add_wound_noise(y, x, p, tau, z_a, z_b):
    """Add the wounds' Euler–Maruyama noise over ``tau`` to the drift-moved state ``y``, with the
    diffusion of the sub-step's start ``x``."""
    for twin, z in ((0, z_a), (1, z_b)):
        c = twin * L.TWIN_STATE_SIZE + L.WOUND
        w = x[c]
        y[c] = clip01(y[c] + p[L.WOUND_NOISE] * np.sqrt(max(w * (1.0 - w), 0.0) * tau) * z)


@kernel
def _copy(dst, src):
    """``dst[:] = src`` as a plain loop: Numba's slice assignment costs about twice as much,
    and a sub-step copies a state four or five times (benchmarks/bench_substep.py)."""
    for c in range(src.shape[0]):
        dst[c] = src[c]


@kernel
def _drift(y, x, p, tau, mid, r0, r1):
    """``y`` = ``x`` moved by ``tau`` days of drift taken at the midpoint ``mid`` (second order;
    the noise is added later). ``r0`` holds the drift at ``x`` (:func:`rates`); the drift at the
    midpoint is left in ``r1``."""
    _copy(mid, x)
    for c in SMOOTH:
        mid[c] = clip01(x[c] + 0.5 * tau * r0[c])
    rates(mid, p, r1)
    _copy(y, x)
    for c in SMOOTH:
        y[c] = clip01(x[c] + tau * r1[c])
    y[L.TIME] = x[L.TIME] + tau


@kernel
def _cut_short(y, x, tau, planned, r0, r1):
    """``y`` = ``x`` moved by ``tau`` days of drift, a part of the ``planned`` sub-step whose
    drifts at the start and midpoint are ``r0`` and ``r1``: the drift at ``tau / 2`` is read off
    the line through them, which keeps the midpoint rule's second order without evaluating the
    drift again (the clock rang before the planned end)."""
    share = tau / planned
    for c in SMOOTH:
        y[c] = clip01(x[c] + tau * (r0[c] + share * (r1[c] - r0[c])))
    y[L.TIME] = x[L.TIME] + tau


@kernel
def _noise_sd(x, p):
    """Standard deviations per square-root day of what the wounds' noise moves across
    thresholds: both drives (through both wounds) and both wounds."""
    b = L.TWIN_STATE_SIZE
    sd_wa = p[L.WOUND_NOISE] * np.sqrt(max(x[L.WOUND] * (1.0 - x[L.WOUND]), 0.0))
    sd_wb = p[L.WOUND_NOISE] * np.sqrt(max(x[b + L.WOUND] * (1.0 - x[b + L.WOUND]), 0.0))
    da_a, da_b = drive_slopes(x, p, 0, 1)  # a's drive by a's wound, by b's wound
    db_b, db_a = drive_slopes(x, p, 1, 0)
    sd_ua = np.sqrt((da_a * sd_wa) ** 2 + (da_b * sd_wb) ** 2)
    sd_ub = np.sqrt((db_a * sd_wa) ** 2 + (db_b * sd_wb) ** 2)
    return sd_ua, sd_ub, sd_wa, sd_wb


@kernel
def _role_gap(u_me, u_other, role, pursuit, eps):
    """How far a twin's drive is from the thresholds that would change its role now (with the
    hysteresis of :func:`~twinflames.model.classify.classify`), and the other's from the one
    that ends a chase."""
    if role == L.ROLE_RUNNER:
        gap = min(abs(u_me + 0.5 * eps), abs(u_me - eps))
    elif role == L.ROLE_CHASER:
        gap = abs(u_other - 0.5 * eps)
        if pursuit <= 0.1:  # not reaching out: the chase rests on the drive
            gap = min(gap, min(abs(u_me - 0.5 * eps), abs(u_me + eps)))
    else:
        gap = min(abs(u_me - eps), abs(u_me + eps))
        if u_me > 0.0:
            gap = min(gap, abs(u_other - 0.5 * eps))
    return gap


@kernel
def _room(x, p, u_a, u_b, sd_ua, sd_ub, sd_wa, sd_wb):
    """The longest sub-step (days) over which the noise stays :data:`NOISE_MARGIN` standard
    deviations away from every role and healing threshold it could cross now."""
    if NOISE_MARGIN == 0.0:
        return np.inf
    b = L.TWIN_STATE_SIZE
    eps, theta = p[L.ROLE_THRESHOLD], p[L.HEAL_THRESHOLD]
    room = np.inf
    for me, u_me, u_other, sd in ((0, u_a, u_b, sd_ua), (1, u_b, u_a, sd_ub)):
        if sd > 0.0:
            pursuit = x[(1 - me) * b + L.PRESSURE]
            gap = _role_gap(u_me, u_other, int(x[me * b + L.ROLE]), pursuit, eps)
            room = min(room, (gap / (NOISE_MARGIN * sd)) ** 2)
    for me, sd in ((0, sd_wa), (1, sd_wb)):
        if sd > 0.0:
            heal_at = theta + UNHEAL_MARGIN if x[me * b + L.HEALED] == 1.0 else theta
            room = min(room, (abs(x[me * b + L.WOUND] - heal_at) / (NOISE_MARGIN * sd)) ** 2)
    return room


@kernel
def _clear_of_ramp(wound, healed, theta, sd):
    """Whether a wound sits :data:`NOISE_MARGIN` noise standard deviations over a
    :data:`QUIET_SUBSTEP` away from the healedness ramp (wound θ ± 2 HEAL_WIDTH, which gravity's
    pull, the signs and moving on read) and from the healed flag's thresholds."""
    reach = NOISE_MARGIN * sd * np.sqrt(QUIET_SUBSTEP)
    top = theta + 2.0 * HEAL_WIDTH
    if healed == 1.0:
        top = max(top, theta + UNHEAL_MARGIN)  # a healed twin's flag drops above this
    return wound + reach < theta - 2.0 * HEAL_WIDTH or wound - reach > top


@kernel
def _longest(x, p, sd_wa, sd_wb):
    """The longest sub-step allowed now: :data:`QUIET_SUBSTEP` while both wounds are clear of
    the healedness ramp (:func:`_clear_of_ramp`), :data:`MAX_SUBSTEP` otherwise. The long
    cap's bias (docs/performance.md) builds up while a wound crosses the ramp."""
    b = L.TWIN_STATE_SIZE
    theta = p[L.HEAL_THRESHOLD]
    if (_clear_of_ramp(x[L.WOUND], x[L.HEALED], theta, sd_wa)
            and _clear_of_ramp(x[b + L.WOUND], x[b + L.HEALED], theta, sd_wb)):
        return QUIET_SUBSTEP
    return MAX_SUBSTEP


@kernel
def adaptive_step(x, p, stream, k, dt, work, time_in, log):
    """Advance a dyad by its ``k``-th step of ``dt`` days, in place, in sub-steps.

    ``work`` is a work array of shape ``(WORK_ROWS, STATE_SIZE)``; ``time_in`` adds the days spent
    in each phase, then the days above the toxic threshold and the peaks of intensity and
    toxicity at the sub-steps' ends;
    ``log`` receives the step's events and state-derived events as rows (day, who, kind,
    detail). Returns the number of rows logged (more than ``log`` holds means rows were lost:
    callers check).
    """
    h_a, h_b = work[0, :L.N_TWIN_EVENTS], work[1, :L.N_TWIN_EVENTS]
    y, trial, mid, r0, r1 = work[2], work[3], work[4], work[5], work[6]
    n = 0
    left = dt
    j = 0
    t_end = x[L.TIME] + dt
    u_a, u_b = drive(x, p, 0, 1), drive(x, p, 1, 0)
    while left > 0.0:
        sub = stream if j == 0 else dyad_stream(stream, j)
        sd_ua, sd_ub, sd_wa, sd_wb = _noise_sd(x, p)
        tau = min(left, _longest(x, p, sd_wa, sd_wb),
                  max(_room(x, p, u_a, u_b, sd_ua, sd_ub, sd_wa, sd_wb), MIN_SUBSTEP))
        # plan the sub-step from the state and its drift alone, then let the clock ring in it
        before = _picture(x, p)
        rates(x, p, r0)
        while True:
            _drift(y, x, p, tau, mid, r0, r1)
            if tau <= MIN_SUBSTEP:
                break
            _copy(trial, y)
            uy_a, uy_b = drive(y, p, 0, 1), drive(y, p, 1, 0)
            classify(trial, p, uy_a, uy_b)
            if (_picture(trial, p) == before
                    and tau <= _room(y, p, uy_a, uy_b, sd_ua, sd_ub, sd_wa, sd_wb)):
                break
            tau *= 0.5
        # the clock's hazards at the planned sub-step's midpoint (second order, like the drift)
        twin_hazards(mid, p, 0, 1, h_a)
        twin_hazards(mid, p, 1, 0, h_b)
        total_a, total_b = total_hazard(h_a), total_hazard(h_b)
        total = total_a + total_b
        v = uniform(sub, k, SLOT_EVENT_A)
        # -log(v) >= 1 - v: most sub-steps are decided without the logarithm
        # math.log, not np.log: NumPy's own log of a scalar differs from the C library's in the
        # last bit now and then, and the uncompiled reference must agree with the compiled code
        rings = j < MAX_SUBSTEPS and 1.0 - v < total * tau and -math.log(v) < total * tau
        if rings:
            planned, tau = tau, -math.log(v) / total
            _cut_short(y, x, tau, planned, r0, r1)
        time_in[int(x[L.PHASE])] += tau
        if x[L.TOXICITY] > p[L.TOXIC_THRESHOLD]:
            time_in[N_PHASES] += tau
        z_a, z_b = normal_pair(sub, k)
        _add_wound_noise(y, x, p, tau, z_a, z_b)
        _copy(x, y)
        time_in[N_PHASES + 1] = max(time_in[N_PHASES + 1], x[L.INTENSITY])
        time_in[N_PHASES + 2] = max(time_in[N_PHASES + 2], x[L.TOXICITY])
        flags, u_a, u_b = reclassify(x, p)
        n = _note_flags(log, n, x, flags)
        if rings:
            target = uniform(sub, k, SLOT_EVENT_B) * total
            me = 0 if target < total_a else 1
            code = _pick(h_a, target) if me == 0 else _pick(h_b, target - total_a)
            apply_event(x, p, me, 1 - me, code)
            n = _note(log, n, x[L.TIME], me, code, -1.0)
            flags, u_a, u_b = reclassify(x, p)
            n = _note_flags(log, n, x, flags)
        left = 0.0 if tau >= left else left - tau
        j += 1
    x[L.TIME] = t_end  # the sub-steps' sum, without its rounding
    return n
