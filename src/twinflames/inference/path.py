"""The keeper may take up the article's path at any day: the filter's model of a person who
stops chasing.

A journal keeper is not a fixed policy. The article's advice to the one who chases ("Breaking
Free from the Runner-Chaser Dynamic") is to stop reaching out and turn to their own healing, and
people who keep a journal often do just that, part-way through. The engine's policies are fixed
for a run, so the filter adds one transition of its own: each day, a particle whose keeper is
not yet on the article's path and who has chased (last role chasing, or any reach-out) takes
it up (its keeper's policy becomes ``guided``) with chance :data:`TAKE_UP_RATE`. Without it,
weeks of chasing pin the keeper's policy to ``anxious``, and the only way such a keeper can
then stay silent for months is that the other has moved on.
"""

from __future__ import annotations

import numpy as np

from ..model import layout as L
from ..model.params import Policy
from ..model.policies import policy
from .observations import ME

TAKE_UP_RATE = 1.0 / 365.0  # per day, for a keeper who has been chasing
PATH = "guided"
_KEPT = ("support_per_week",)  # what the journal itself says of the keeper stays theirs


def set_keeper_policy(params: np.ndarray, rows: np.ndarray | slice, pol: Policy,
                      keep: tuple[str, ...] = ()) -> None:
    """Give the keeper of ``rows`` the policy ``pol`` (its numbers), in place, leaving the
    fields named in ``keep`` as they are."""
    base = ME * L.TWIN_PARAM_SIZE + len(L.TWIN_TRAIT_NAMES)
    for j, name in enumerate(L.POLICY_NAMES):
        if name not in keep:
            params[rows, base + j] = getattr(pol, name)


def take_up_path(states: np.ndarray, params: np.ndarray, me_policy: np.ndarray,
                 path_label: int, rng: np.random.Generator,
                 rate: float = TAKE_UP_RATE) -> np.ndarray:
    """One day of the transition: keepers who have chased (last role chasing, or any reach-out)
    and who are not on the path take it up with chance ``rate``.

    A keeper who practises more than the path asks keeps their own rate. Returns the rows that
    took it up (``me_policy`` is updated to ``path_label`` for them).
    """
    u = rng.random(len(me_policy))
    keeper = states[:, ME * L.TWIN_STATE_SIZE:(ME + 1) * L.TWIN_STATE_SIZE]
    # chasing is reaching out (model.classify): a keeper who ever did, or was last a chaser
    chased = (keeper[:, L.LAST_ROLE] == L.ROLE_CHASER) | (keeper[:, L.LAST_REACH_OUT] >= 0.0)
    rows = np.flatnonzero((u < rate) & chased & (me_policy != path_label))
    if len(rows):
        s = ME * L.TWIN_PARAM_SIZE + L.SELF_LOVE_PRACTICE
        practice = params[rows, s].copy()
        set_keeper_policy(params, rows, policy(PATH), keep=_KEPT)
        params[rows, s] = np.maximum(params[rows, s], practice)
        me_policy[rows] = path_label
    return rows
