"""Continuous dynamics: drives, drift and noise, written once as pure functions.

``x`` is one dyad's state vector and ``p`` its parameter vector (positions in
:mod:`~twinflames.model.layout`); ``me`` and ``other`` are twin indices (0 = a, 1 = b).
docs/model.md gives every equation with its source.
"""

import numpy as np

from .._jit import kernel
from . import layout as L

HEAL_WIDTH = 0.02  # softness of the healed/unhealed boundary, in wound units


@kernel
def healedness(wound, threshold):
    """How healed a twin is: 1 below the threshold, 0 above it, with a linear ramp of width
    ``4 * HEAL_WIDTH`` centred on it (cheap: it is evaluated many times per step)."""
    return np.minimum(np.maximum(0.5 - (wound - threshold) / (4.0 * HEAL_WIDTH), 0.0), 1.0)


@kernel
def worn_out(wellbeing):
    """0 while well-being is at least 1/2, rising to 1 as it falls to 0."""
    return np.maximum(0.5 - wellbeing, 0.0) * 2.0


@kernel
def contact_open(x):
    """1 while the twins can reach each other (nobody blocks, nobody has moved on), else 0."""
    sa, sb = 0, L.TWIN_STATE_SIZE
    return ((1.0 - x[sa + L.BLOCKING]) * (1.0 - x[sb + L.BLOCKING])
            * (1.0 - x[sa + L.MOVED_ON]) * (1.0 - x[sb + L.MOVED_ON]))


@kernel
def drive(x, p, me, other):
    """Net movement of twin ``me`` toward (+) or away from (-) the other, per day.

    approach = open * (chase_gain * fear * focus * (1 - self_love) + gravity * H_me * H_other)
    avoid    = run_gain * wound * (run_base + pressure + closeness)
               + self_preservation * self_love * toxicity * closeness
               + trigger * focus * wound_other * closeness * worn_out(wellbeing) + distance
    """
    s, o = me * L.TWIN_STATE_SIZE, other * L.TWIN_STATE_SIZE
    q = me * L.TWIN_PARAM_SIZE
    theta = p[L.HEAL_THRESHOLD]
    chase = p[L.CHASE_GAIN] * x[s + L.FEAR] * x[s + L.FOCUS] * (1.0 - x[s + L.SELF_LOVE])
    pull = p[L.GRAVITY] * healedness(x[s + L.WOUND], theta) * healedness(x[o + L.WOUND], theta)
    approach = contact_open(x) * (chase + pull)
    avoid = (p[L.RUN_GAIN] * x[s + L.WOUND] * (p[L.RUN_BASE] + x[s + L.PRESSURE] + x[L.CLOSENESS])
             + p[L.SELF_PRESERVATION] * x[s + L.SELF_LOVE] * x[L.TOXICITY] * x[L.CLOSENESS]
             + p[L.TRIGGER] * x[s + L.FOCUS] * x[o + L.WOUND] * x[L.CLOSENESS]
             * worn_out(x[s + L.WELLBEING])
             + p[q + L.DISTANCE])
    return approach - avoid


@kernel
def _healedness_slope(wound, threshold):
    """Derivative of :func:`healedness` in the wound: the ramp's slope inside it, 0 outside."""
    level = 0.5 - (wound - threshold) / (4.0 * HEAL_WIDTH)
    return -1.0 / (4.0 * HEAL_WIDTH) if 0.0 < level < 1.0 else 0.0


@kernel
def drive_slopes(x, p, me, other):
    """How twin ``me``'s :func:`drive` changes with its own wound and with the other's wound
    (partial derivatives, per unit of wound): what the wounds' noise moves the drive by."""
    s, o = me * L.TWIN_STATE_SIZE, other * L.TWIN_STATE_SIZE
    theta, c = p[L.HEAL_THRESHOLD], x[L.CLOSENESS]
    w_me, w_other = x[s + L.WOUND], x[o + L.WOUND]
    pull = contact_open(x) * p[L.GRAVITY]
    by_mine = (pull * _healedness_slope(w_me, theta) * healedness(w_other, theta)
               - p[L.RUN_GAIN] * (p[L.RUN_BASE] + x[s + L.PRESSURE] + c))
    by_other = (pull * healedness(w_me, theta) * _healedness_slope(w_other, theta)
                - p[L.TRIGGER] * x[s + L.FOCUS] * c * worn_out(x[s + L.WELLBEING]))
    return by_mine, by_other


@kernel
def healing_speed(x, p, me, other):
    """Rate (1/day) at which twin ``me``'s wound moves toward its floor.

    healing_rate * (1 + separation_healing (1 - c)) * (1 - focus_drag focus)
    * (1 + self_love_healing self_love) * (1 + mirror (1 - wound_other))
    * (1 - toxic_drag toxicity) * (1 + support_gain support_per_week)
    """
    s, o = me * L.TWIN_STATE_SIZE, other * L.TWIN_STATE_SIZE
    q = me * L.TWIN_PARAM_SIZE
    return (p[q + L.HEALING_RATE]
            * (1.0 + p[L.SEPARATION_HEALING] * (1.0 - x[L.CLOSENESS]))
            * (1.0 - p[L.FOCUS_DRAG] * x[s + L.FOCUS])
            * (1.0 + p[L.SELF_LOVE_HEALING] * x[s + L.SELF_LOVE])
            * (1.0 + p[L.MIRROR] * (1.0 - x[o + L.WOUND]))
            * (1.0 - p[L.TOXIC_DRAG] * x[L.TOXICITY])
            * (1.0 + p[L.SUPPORT_GAIN] * p[q + L.SUPPORT_PER_WEEK]))


@kernel
def clip01(v):
    return np.minimum(np.maximum(v, 0.0), 1.0)


@kernel
def _twin_rates(x, p, me, heal, push, tox):
    """Rates of change (per day) of one twin's wound, fear, self-love, focus, well-being and
    felt pressure, without the wound's noise.

    Everything that depends on the other twin (``heal``: healing speed, ``push``: the pull of
    the other's chasing on the felt pressure) and the toxicity ``tox`` are computed from the
    old state before either twin moves, so the two twins can be updated one after the other.
    """
    s = me * L.TWIN_STATE_SIZE
    q = me * L.TWIN_PARAM_SIZE
    w, f, sl = x[s + L.WOUND], x[s + L.FEAR], x[s + L.SELF_LOVE]
    focus, h, pr = x[s + L.FOCUS], x[s + L.WELLBEING], x[s + L.PRESSURE]
    live = 1.0 - x[s + L.MOVED_ON]
    dw = (-heal * (w - p[q + L.WOUND_FLOOR])
          + p[L.REOPEN] * pr * (1.0 - w) + p[L.TOXIC_WOUNDING] * tox * (1.0 - w))
    dfear = -(p[L.FEAR_RELIEF] * sl * f)
    dself = p[q + L.SELF_LOVE_PRACTICE] * (1.0 - sl)
    dfocus = (-p[q + L.SURRENDER_RATE] * focus
              + live * p[L.REFOCUS] * f * (1.0 - sl) * (1.0 - focus))
    target = clip01(0.3 + 0.4 * sl + 0.3 * (1.0 - w) - 0.3 * f * focus - p[L.TOXIC_HARM] * tox
                    - 0.2 * pr)
    dwell = p[L.WELLBEING_RATE] * (target - h)
    dpress = -p[L.PRESSURE_DECAY] * pr + push * (1.0 - pr)
    return dw, dfear, dself, dfocus, dwell, dpress


@kernel
def _twin_step(x, p, me, dt, z, heal, push, tox):
    """Euler–Maruyama step of one twin's inner state, in place (rates from
    :func:`_twin_rates`)."""
    s = me * L.TWIN_STATE_SIZE
    w = x[s + L.WOUND]
    dw, dfear, dself, dfocus, dwell, dpress = _twin_rates(x, p, me, heal, push, tox)
    noise = p[L.WOUND_NOISE] * np.sqrt(np.maximum(w * (1.0 - w), 0.0) * dt) * z
    x[s + L.WOUND] = clip01(w + dw * dt + noise)
    x[s + L.FEAR] = clip01(x[s + L.FEAR] + dfear * dt)
    x[s + L.SELF_LOVE] = clip01(x[s + L.SELF_LOVE] + dself * dt)
    x[s + L.FOCUS] = clip01(x[s + L.FOCUS] + dfocus * dt)
    x[s + L.WELLBEING] = clip01(x[s + L.WELLBEING] + dwell * dt)
    x[s + L.PRESSURE] = clip01(x[s + L.PRESSURE] + dpress * dt)


@kernel
def _dyad_terms(x, p):
    """What both twins' rates read from the old state: whether contact is open, the two drives,
    the two healing speeds and the pressure each twin feels from the other's anxious
    attention."""
    sa, sb = 0, L.TWIN_STATE_SIZE
    openc = contact_open(x)
    u_a, u_b = drive(x, p, 0, 1), drive(x, p, 1, 0)
    heal_a, heal_b = healing_speed(x, p, 0, 1), healing_speed(x, p, 1, 0)
    push_a = openc * p[L.FOCUS_PRESSURE] * x[sb + L.FOCUS] * x[sb + L.FEAR]
    push_b = openc * p[L.FOCUS_PRESSURE] * x[sa + L.FOCUS] * x[sa + L.FEAR]
    return openc, u_a, u_b, heal_a, heal_b, push_a, push_b


@kernel
def _shared_rates(x, p, openc, u):
    """Rates of change (per day) of closeness, intensity and toxicity; ``u`` is the sum of the
    two drives."""
    sa, sb = 0, L.TWIN_STATE_SIZE
    c, inten, tox = x[L.CLOSENESS], x[L.INTENSITY], x[L.TOXICITY]
    mean_wound = 0.5 * (x[sa + L.WOUND] + x[sb + L.WOUND])
    dc = (openc * (np.maximum(u, 0.0) * (1.0 - c) + np.minimum(u, 0.0) * c)
          - (1.0 - openc) * p[L.BLOCK_DECAY] * c)
    # intensity ignites itself when close and wounded (synergism) and settles apart (oblivion)
    di = (p[L.IGNITION] * openc * c * mean_wound * (inten + 0.05) * (1.0 - inten)
          - p[L.INTENSITY_DECAY] * inten)
    dtox = (p[L.TOXICITY_BUILD] * openc * c * inten * mean_wound * mean_wound * (1.0 - tox)
            - p[L.TOXICITY_DECAY] * (1.0 + (1.0 - openc) * p[L.BLOCK_RELIEF]) * tox)
    return dc, di, dtox


@kernel
def rates(x, p, r):
    """The drift of the smooth state at ``x``: ``r[c]`` is the rate of change (per day) of state
    entry ``c`` for the wounds (without their noise), fear, self-love, focus, well-being, felt
    pressure, closeness, intensity and toxicity; other entries of ``r`` are left as they are.
    The same equations as :func:`advance`, which takes an Euler step along them."""
    openc, u_a, u_b, heal_a, heal_b, push_a, push_b = _dyad_terms(x, p)
    tox = x[L.TOXICITY]
    for me, heal, push in ((0, heal_a, push_a), (1, heal_b, push_b)):
        s = me * L.TWIN_STATE_SIZE
        (r[s + L.WOUND], r[s + L.FEAR], r[s + L.SELF_LOVE], r[s + L.FOCUS],
         r[s + L.WELLBEING], r[s + L.PRESSURE]) = _twin_rates(x, p, me, heal, push, tox)
    r[L.CLOSENESS], r[L.INTENSITY], r[L.TOXICITY] = _shared_rates(x, p, openc, u_a + u_b)


@kernel
def advance(x, p, dt, z_a, z_b):
    """Advance the continuous state of one dyad by ``dt`` days, in place.

    ``z_a`` and ``z_b`` are standard normal draws for the two wounds. Every rate is evaluated
    at the old state. Returns the two drives that moved the dyad in this step (they decide the
    roles).
    """
    openc, u_a, u_b, heal_a, heal_b, push_a, push_b = _dyad_terms(x, p)
    tox = x[L.TOXICITY]
    dc, di, dtox = _shared_rates(x, p, openc, u_a + u_b)  # from the old wounds, like the rest
    _twin_step(x, p, 0, dt, z_a, heal_a, push_a, tox)
    _twin_step(x, p, 1, dt, z_b, heal_b, push_b, tox)
    x[L.CLOSENESS] = clip01(x[L.CLOSENESS] + dc * dt)
    x[L.INTENSITY] = clip01(x[L.INTENSITY] + di * dt)
    x[L.TOXICITY] = clip01(x[L.TOXICITY] + dtox * dt)
    x[L.TIME] += dt
    return u_a, u_b
