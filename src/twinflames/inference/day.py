"""One journal day for a batch of particles: the engine's step with the day's logged events
forced, and the day's log-likelihood (the observation model of :mod:`.likelihood`)."""

from __future__ import annotations

import numpy as np

from ..engine.step import step_batch
from .likelihood import (
    MISS,
    before_step,
    contact_term,
    event_term,
    rating_term,
    robust_term,
    weak_term,
)
from .observations import ME, THEM, VISIBLE_EVENTS, Days
from .prior import BURN_IN


def step_day(days: Days, d: int, key, states: np.ndarray, params: np.ndarray, ids: np.ndarray,
             style: np.ndarray) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
    """Step ``states`` (in place) through journal day ``d`` and score the day's entries.

    Parameters
    ----------
    days : Days
        The journal laid out day by day.
    d : int
        The day (0 = the first entry's date).
    key
        The engine's dynamics key.
    states, params, ids, style : ndarray
        The particles' states (stepped in place), parameters, identities (random streams) and
        rating styles.

    Returns
    -------
    term : ndarray or None
        Each particle's log-likelihood of the day's entries; None on a day not logged.
    lp_me, lp_them : ndarray
        Log-probability of the keeper's forced and the other's seen event (0 where free), from
        the state at the start of the day.
    """
    n = states.shape[0]
    code_me, code_them = int(days.forced_me[d]), int(days.seen_them[d])
    lp_me, lp_them, urge, logp = (np.empty(n) for _ in range(4))
    before_step(states, params, 1.0, code_me, code_them, lp_me, lp_them, urge)
    forced = np.empty((n, 2), np.int64)
    forced[:, ME], forced[:, THEM] = code_me, code_them
    events, flags = np.empty((n, 2), np.int64), np.empty(n, np.int64)
    step_batch(states, params, key, ids, BURN_IN + d, 1.0, forced, events, logp, flags)
    if not days.logged[d]:
        return None, lp_me, lp_them
    term = event_term(lp_me)
    if code_them >= 0:
        term += event_term(lp_them)
    elif days.logs_contact[d] and not days.everyday[d]:  # nothing visible logged: the other
        # did nothing visible, or it was missed
        term += np.where(np.isin(events[:, THEM], VISIBLE_EVENTS), np.log(MISS), 0.0)
    term += rating_term(states, style, days.ratings[d])
    if days.logs_contact[d]:
        term += contact_term(states, int(days.together[d]), int(days.conflict[d]))
    term = robust_term(term, float(days.reference[d]))
    if days.urges[d]:
        term += weak_term(urge)
    return term, lp_me, lp_them
