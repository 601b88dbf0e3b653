"""Roles and phases of one step, derived from behaviour (never fixed labels).

A twin is *chaser* while it pursues: it has reached out within :data:`CHASE_MEMORY` days and
closes a gap the other is not closing (by its drive or by reaching out); a twin who stops
reaching out stops chasing, however strong its longing. It is *runner* while its net drive
moves it away; thresholds have hysteresis so a role does not flicker. The phase follows from
contact, closeness, healing, toxicity and the two roles. State-derived events (healed, role
swap, reunion, separation) are returned as bit flags.
"""

from .._jit import kernel
from . import layout as L

UNHEAL_MARGIN = 0.05  # a healed twin's flag drops once its wound is this far above the threshold
CHASE_MEMORY = 7.0  # days: a twin chases only while its last reach-out is at most this old


@kernel
def acting(x, me):
    """Whether twin ``me`` has reached out within the last :data:`CHASE_MEMORY` days: chasing is
    something a twin does ("Understanding the Twin Flame Runner Chaser Dynamic")."""
    last = x[me * L.TWIN_STATE_SIZE + L.LAST_REACH_OUT]
    # ``&``, not ``and``: the NumPy engine runs this on arrays over dyads too
    return (last >= 0.0) & (x[L.TIME] - last <= CHASE_MEMORY)


@kernel
def _role(u_me, u_other, pursuit, previous, eps, pursues):
    """Chaser while closing a gap the other is not closing (by drive, or by reaching out, which
    shows as pressure on the other) and still reaching out (``pursues``; without it: none);
    runner while the drive moves away; else none."""
    chasing = previous == L.ROLE_CHASER
    reaching = pursuit > 0.2 or (chasing and pursuit > 0.1)
    closing = u_me > eps or (chasing and u_me > 0.5 * eps)
    if (reaching or closing) and u_other < 0.5 * eps:
        # drawn to the other: a chase while it reaches out, longing (no role) once it stops
        return L.ROLE_CHASER if pursues else L.ROLE_NONE
    if u_me < -eps or (previous == L.ROLE_RUNNER and u_me < -0.5 * eps):
        return L.ROLE_RUNNER
    return L.ROLE_NONE


@kernel
def classify(x, p, ua, ub):
    """Update roles, healed and together flags and the phase in place; return event flags.

    ``ua`` and ``ub`` are the drives that moved the twins in the step just taken: a twin's role
    is what it did, so the roles come from them, the rest from the new state. Every entry is read
    before the branches and stored after them, changed or not, and the branches decide local
    values only: a loop over dyads laid side by side then vectorises (the compiler turns the
    branches into selects, engine/lanes.py), and one dyad at a time still skips the work the
    branches leave out.
    """
    sa, sb = 0, L.TWIN_STATE_SIZE
    eps, theta = p[L.ROLE_THRESHOLD], p[L.HEAL_THRESHOLD]
    flags = 0
    for me in range(2):
        s = me * L.TWIN_STATE_SIZE
        u_me, u_other = (ua, ub) if me == 0 else (ub, ua)
        pursuit = x[(1 - me) * L.TWIN_STATE_SIZE + L.PRESSURE]
        role = _role(u_me, u_other, pursuit, int(x[s + L.ROLE]), eps, acting(x, me))
        role = role if x[s + L.MOVED_ON] == 0.0 else L.ROLE_NONE
        last = int(x[s + L.LAST_ROLE])
        if role != L.ROLE_NONE and last != L.ROLE_NONE and role != last:
            flags |= L.FLAG_SWAP_A if me == 0 else L.FLAG_SWAP_B
        x[s + L.LAST_ROLE] = role if role != L.ROLE_NONE else last
        x[s + L.ROLE] = role
        w, healed = x[s + L.WOUND], x[s + L.HEALED]
        if healed == 0.0 and w < theta:
            healed = 1.0
            flags |= L.FLAG_HEALED_A if me == 0 else L.FLAG_HEALED_B
        elif healed == 1.0 and w > theta + UNHEAL_MARGIN:
            healed = 0.0
        x[s + L.HEALED] = healed

    c, together = x[L.CLOSENESS], x[L.TOGETHER]
    if together == 0.0 and c >= p[L.CLOSE_THRESHOLD]:
        together = 1.0
    elif together == 1.0 and c < p[L.APART_THRESHOLD]:
        together = 0.0
        flags |= L.FLAG_SEPARATION
    x[L.TOGETHER] = together

    role_a, role_b = int(x[sa + L.ROLE]), int(x[sb + L.ROLE])
    both_healed = x[sa + L.HEALED] == 1.0 and x[sb + L.HEALED] == 1.0
    # running *from each other* while still caught up in each other; two twins moving apart
    # with their attention on their own paths are heading in opposite directions: separation
    entangled = x[sa + L.FOCUS] + x[sb + L.FOCUS] > 1.0
    calm = x[L.TOXICITY] < p[L.TOXIC_THRESHOLD]
    if x[sa + L.MOVED_ON] + x[sb + L.MOVED_ON] > 0.0:
        phase = L.PHASE_ENDED
    elif x[sa + L.BLOCKING] + x[sb + L.BLOCKING] > 0.0:
        phase = L.PHASE_BLOCKED
    elif together == 1.0:
        phase = L.PHASE_UNION if both_healed and calm else L.PHASE_TURBULENCE
    elif role_a == L.ROLE_RUNNER and role_b == L.ROLE_RUNNER and entangled:
        phase = L.PHASE_MUTUAL_RUNNING
    elif role_a == L.ROLE_CHASER or role_b == L.ROLE_CHASER:
        phase = L.PHASE_CHASE
    else:
        phase = L.PHASE_SEPARATION
    reunion = phase == L.PHASE_UNION and int(x[L.PHASE]) != L.PHASE_UNION
    if reunion:
        flags |= L.FLAG_REUNION
    x[sa + L.SIGNS_SEEN] = 0.0 if reunion else x[sa + L.SIGNS_SEEN]
    x[sb + L.SIGNS_SEEN] = 0.0 if reunion else x[sb + L.SIGNS_SEEN]
    x[L.PHASE] = phase
    return flags
