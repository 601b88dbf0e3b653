"""Discrete events: their hazards, how one draw picks among them, and their effects.

Each step every twin faces competing events with hazards h_k (per day). With H = sum h_k, some
event happens with probability 1 - exp(-H dt), and then event k with probability h_k / H. One
uniform draw decides both: its exponential clock -log(v) rings within the step or not, and if
it does, where 1 - v falls among the hazards' shares picks the event. A *forced* event (an
observation: "a reached out today") is applied whatever the draw and its log-probability under
the model is returned, which is what a particle filter needs.
"""

import numpy as np

from .._jit import kernel
from . import layout as L
from .dynamics import contact_open, healedness
from .elementary import log_unit


@kernel
def twin_hazards(x, p, me, other, h):
    """Fill ``h`` with twin ``me``'s event hazards (per day) in the current state."""
    s, o = me * L.TWIN_STATE_SIZE, other * L.TWIN_STATE_SIZE
    q = me * L.TWIN_PARAM_SIZE
    theta = p[L.HEAL_THRESHOLD]
    openc = contact_open(x)
    live = (1.0 - x[s + L.MOVED_ON]) * (1.0 - x[o + L.MOVED_ON])
    w, sl, c, tox = x[s + L.WOUND], x[s + L.SELF_LOVE], x[L.CLOSENESS], x[L.TOXICITY]
    signs = x[s + L.SIGNS_SEEN]
    healed_me = healedness(w, theta)
    healed_other = healedness(x[o + L.WOUND], theta)
    pending = x[s + L.PENDING]
    over = 1.0 * (tox > p[q + L.BOUNDARY])
    calm = 1.0 * (tox < 0.5 * p[q + L.BOUNDARY])
    tells = p[q + L.COMMUNICATES_FIRST]
    told = x[s + L.COMMUNICATED]

    running = 1.0 * (x[s + L.ROLE] == L.ROLE_RUNNER)  # a twin who runs does not chase
    urge = ((1.0 - signs) * (1.0 - running) * p[q + L.REACH_OUT_RATE]
            * x[s + L.FEAR] * x[s + L.FOCUS] * (1.0 - sl))
    h[L.EV_REACH_OUT] = openc * (1.0 - c) * (urge + signs * p[q + L.REACH_OUT_ON_SIGNS])
    h[L.EV_REPLY] = openc * pending * p[L.REPLY_RATE] * p[q + L.RESPONSIVENESS] * (1.0 - w)
    h[L.EV_IGNORE] = openc * pending * p[L.IGNORE_RATE] * w
    h[L.EV_WITHDRAW] = openc * p[L.WITHDRAW_RATE] * w * x[s + L.PRESSURE] * c
    act = openc * p[L.BLOCK_RATE] * sl * over
    h[L.EV_COMMUNICATE] = act * tells * (1.0 - told)
    h[L.EV_BLOCK] = act * (1.0 - tells * (1.0 - told))
    # a blocker reopens once calm and healed, or sooner once signs say the other has healed
    h[L.EV_UNBLOCK] = (x[s + L.BLOCKING] * live * p[L.UNBLOCK_RATE] * calm
                       * np.minimum(healed_me + signs, 1.0))
    # signs belong to time apart: they stop once the twins are together again
    sign = live * p[L.SIGN_RATE] * healed_other * (1.0 - x[L.TOGETHER]) * (1.0 - c) / 3.0
    h[L.EV_SIGN_DREAM] = sign
    h[L.EV_SIGN_SONG] = sign
    h[L.EV_SIGN_MESSAGE] = sign
    h[L.EV_MOVED_ON] = (live * p[L.MOVE_ON_RATE] * healed_me * (1.0 - healed_other)
                        * (1.0 - x[s + L.FOCUS]))


@kernel
def total_hazard(h):
    """The sum of the hazards, in index order (NumPy's pairwise ``sum`` would round differently
    from the compiled loop, and the reference must agree bit for bit)."""
    total = 0.0
    for k in range(h.shape[0]):
        total += h[k]
    return total


@kernel
def quiet(total, clock, dt, forced):
    """Whether nothing happens this step: forced so, or the twin's exponential clock (the time
    at which its first event would come, :func:`choose`) rings after the step."""
    return (forced == L.EV_FORCE_NONE) | ((forced == L.EV_NONE) & (clock >= total * dt))


@kernel
def pick(h, total, p_any, position, forced):
    """The event of a step in which something happens (:func:`quiet` is false): ``forced`` if it
    is an event code, else the one whose share of ``[0, p_any)`` holds ``position``;
    ``p_any`` = 1 - exp(-total dt) is the chance that anything happens. Returns
    ``(code, log_probability)``."""
    if forced >= 0:
        if h[forced] <= 0.0:
            return forced, -np.inf
        return forced, np.log(p_any) + np.log(h[forced] / total)
    # the position inside [0, p_any) splits in proportion to the hazards
    target = position / p_any * total
    cumulative = 0.0
    for k in range(h.shape[0]):
        cumulative += h[k]
        if target < cumulative:
            return k, np.log(p_any) + np.log(h[k] / total)
    last = h.shape[0] - 1
    while h[last] <= 0.0:
        last -= 1
    return last, np.log(p_any) + np.log(h[last] / total)


@kernel
def draw(h, total, clock, dt, v, forced):
    """:func:`choose` with the hazards' ``total`` and the ``clock`` = -log(v) already taken
    (engine/lanes.py takes them for many dyads at once)."""
    if quiet(total, clock, dt, forced):
        return L.EV_NONE, -total * dt
    # the clock rang within the step: v > exp(-total dt), so 1 - v lies in [0, p_any)
    return pick(h, total, -np.expm1(-total * dt), 1.0 - v, forced)


@kernel
def choose(h, dt, v, forced):
    """Pick the event of this step from hazards ``h`` and the uniform ``v``.

    -log(v) is the time at which an exponential clock with rate 1 per unit of hazard rings;
    with the hazards' total H something happens if it rings within the step (chance
    1 - exp(-H dt)), and then event k with chance h_k / H. Returns ``(code,
    log_probability)``; code is ``EV_NONE`` when nothing happened. If ``forced`` is an event
    code it is the result; ``EV_FORCE_NONE`` forces "nothing happened".
    """
    return draw(h, total_hazard(h), -log_unit(v), dt, v, forced)


@kernel
def apply_event(x, p, me, other, code):
    """Apply the effect of twin ``me``'s event ``code`` to the state, in place."""
    s, o = me * L.TWIN_STATE_SIZE, other * L.TWIN_STATE_SIZE
    if code == L.EV_REACH_OUT:
        x[s + L.REACH_OUTS] += 1.0
        x[s + L.LAST_REACH_OUT] = x[L.TIME]
        arrives = contact_open(x)  # 0 or 1: a message sent as the other blocks never arrives
        x[o + L.PRESSURE] += arrives * p[L.CHASE_PRESSURE] * (1.0 - x[o + L.PRESSURE])
        x[o + L.PENDING] = np.maximum(x[o + L.PENDING], arrives)
    elif code == L.EV_REPLY:
        x[s + L.PENDING] = 0.0
        x[L.CLOSENESS] += p[L.REPLY_CLOSENESS] * (1.0 - x[L.CLOSENESS])
    elif code == L.EV_IGNORE:
        x[s + L.PENDING] = 0.0
        x[o + L.FEAR] += p[L.REJECTION_FEAR] * (1.0 - x[o + L.FEAR])
        x[o + L.WOUND] += p[L.REJECTION_FEAR] * (1.0 - x[o + L.WOUND])
        x[o + L.WELLBEING] = np.maximum(x[o + L.WELLBEING] - p[L.REJECTION_FEAR], 0.0)
    elif code == L.EV_WITHDRAW:
        x[L.CLOSENESS] *= 1.0 - p[L.WITHDRAW_DROP]
        x[s + L.PRESSURE] *= 0.5
    elif code == L.EV_COMMUNICATE:
        x[s + L.COMMUNICATED] = 1.0
    elif code == L.EV_BLOCK:
        x[s + L.BLOCKING] = 1.0
        x[s + L.PENDING] = 0.0
        x[o + L.PENDING] = 0.0
    elif code == L.EV_UNBLOCK:
        x[s + L.BLOCKING] = 0.0
        x[s + L.COMMUNICATED] = 0.0
    elif code == L.EV_SIGN_DREAM or code == L.EV_SIGN_SONG or code == L.EV_SIGN_MESSAGE:
        x[s + L.SIGNS_SEEN] = 1.0
    elif code == L.EV_MOVED_ON:
        x[s + L.MOVED_ON] = 1.0
