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
    # ``&`` and ``|``, not ``and`` and ``or``: no branches, so a loop over dyads laid side by
    # side (engine/lanes.py) vectorises
    chasing = previous == L.ROLE_CHASER
    reaching = (pursuit > 0.2) | (chasing & (pursuit > 0.1))
    closing = (u_me > eps) | (chasing & (u_me > 0.5 * eps))
    drawn = (reaching | closing) & (u_other < 0.5 * eps)
    runner = (u_me < -eps) | ((previous == L.ROLE_RUNNER) & (u_me < -0.5 * eps))
    # drawn to the other: a chase while it reaches out, longing (no role) once it stops
    longing = L.ROLE_CHASER if pursues else L.ROLE_NONE
    return longing if drawn else (L.ROLE_RUNNER if runner else L.ROLE_NONE)


@kernel
def classify(x, p, ua, ub):
    """Update roles, healed and together flags and the phase in place; return event flags.

    ``ua`` and ``ub`` are the drives that moved the twins in the step just taken: a twin's role
    is what it did, so the roles come from them, the rest from the new state. Written with
    selects rather than branches (every entry is stored, changed or not), so that a loop over
    dyads laid side by side vectorises (engine/lanes.py).
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
        acts = role != L.ROLE_NONE
        swap = acts & (last != L.ROLE_NONE) & (role != last)
        flags |= (L.FLAG_SWAP_A if me == 0 else L.FLAG_SWAP_B) * swap
        x[s + L.LAST_ROLE] = role if acts else last
        x[s + L.ROLE] = role
        w, healed = x[s + L.WOUND], x[s + L.HEALED]
        heals = (healed == 0.0) & (w < theta)
        unheals = (healed == 1.0) & (w > theta + UNHEAL_MARGIN)
        flags |= (L.FLAG_HEALED_A if me == 0 else L.FLAG_HEALED_B) * heals
        x[s + L.HEALED] = 1.0 if heals else (0.0 if unheals else healed)

    c, together = x[L.CLOSENESS], x[L.TOGETHER]
    meets = (together == 0.0) & (c >= p[L.CLOSE_THRESHOLD])
    parts = (together == 1.0) & (c < p[L.APART_THRESHOLD])
    flags |= L.FLAG_SEPARATION * parts
    x[L.TOGETHER] = 1.0 if meets else (0.0 if parts else together)

    role_a, role_b = int(x[sa + L.ROLE]), int(x[sb + L.ROLE])
    both_healed = (x[sa + L.HEALED] == 1.0) & (x[sb + L.HEALED] == 1.0)
    calm = x[L.TOXICITY] < p[L.TOXIC_THRESHOLD]
    # running *from each other* while still caught up in each other; two twins moving apart
    # with their attention on their own paths are heading in opposite directions: separation
    entangled = x[sa + L.FOCUS] + x[sb + L.FOCUS] > 1.0
    mutual = (role_a == L.ROLE_RUNNER) & (role_b == L.ROLE_RUNNER) & entangled
    chase = (role_a == L.ROLE_CHASER) | (role_b == L.ROLE_CHASER)
    close = L.PHASE_UNION if both_healed & calm else L.PHASE_TURBULENCE
    apart = (L.PHASE_MUTUAL_RUNNING if mutual
             else (L.PHASE_CHASE if chase else L.PHASE_SEPARATION))
    phase = (L.PHASE_ENDED if x[sa + L.MOVED_ON] + x[sb + L.MOVED_ON] > 0.0
             else (L.PHASE_BLOCKED if x[sa + L.BLOCKING] + x[sb + L.BLOCKING] > 0.0
                   else (close if x[L.TOGETHER] == 1.0 else apart)))
    reunion = (phase == L.PHASE_UNION) & (int(x[L.PHASE]) != L.PHASE_UNION)
    flags |= L.FLAG_REUNION * reunion
    x[sa + L.SIGNS_SEEN] = 0.0 if reunion else x[sa + L.SIGNS_SEEN]
    x[sb + L.SIGNS_SEEN] = 0.0 if reunion else x[sb + L.SIGNS_SEEN]
    x[L.PHASE] = phase
    return flags
