"""Two simple answers the filter must beat, fitted on journals whose truth is known.

- :class:`RuleTable`: "the last logged event says it": the phase frequencies seen after each
  last logged contact event (who and what) and how many days ago it was.
- :class:`HiddenMarkov`: a hidden Markov model over discrete states (the seven phases, or role
  pairs) with transitions counted from the truth and one categorical distribution per journal
  feature and state (features independent given the state); answered by the forward algorithm.
"""

from __future__ import annotations

import numpy as np

from ...model import layout as L
from ..observations import Days

SMOOTH = 0.5  # pseudo-count added to every cell of the fitted tables
SINCE = np.array([0, 1, 4, 8, 15, 31])  # days-since buckets of the rule table: 0, 1-3, 4-7, ...
CONTACT = 1 + L.N_TWIN_EVENTS + 2  # EV codes -2..N-1 shifted to 0..N+1 (0 = missing)


def day_features(days: Days) -> np.ndarray:
    """Categorical features per day, 0 = not logged: (n, 6) of the keeper's event, the other's
    seen event, well-being and anxiety ratings (1-5, 0 none), together and conflict (+1)."""
    logged = days.logged.astype(np.int64)
    return np.stack([(days.forced_me + 3) * logged, (days.seen_them + 3) * logged,
                     days.ratings[:, 0] * logged, days.ratings[:, 1] * logged,
                     (days.together + 1) * logged, (days.conflict + 1) * logged], axis=1)


FEATURE_SIZES = (CONTACT + 1, CONTACT + 1, 6, 6, 3, 3)


def _normalise(table: np.ndarray) -> np.ndarray:
    return table / table.sum(axis=-1, keepdims=True)


class RuleTable:
    """Phase probabilities looked up from the last logged contact event and its age."""

    def __init__(self, n_states: int = len(L.PHASES)):
        self.n_states = n_states
        self.table = np.zeros((2, CONTACT + 1, len(SINCE), n_states))

    @staticmethod
    def _keys(days: Days) -> np.ndarray:
        keys = np.zeros((days.n, 3), np.int64)  # who (0 me, 1 them), event + 3 (0 none), age
        who = event = 0
        last = -1
        for d in range(days.n):
            me, them = int(days.forced_me[d]), int(days.seen_them[d])
            if them >= 0:
                who, event, last = 1, them + 3, d
            elif me >= 0:
                who, event, last = 0, me + 3, d
            age = d - last if last >= 0 else SINCE[-1]
            keys[d] = who, event, np.searchsorted(SINCE, age, side="right") - 1
        return keys

    def fit(self, journals: list[Days], truths: list[np.ndarray]) -> RuleTable:
        counts = np.zeros_like(self.table)
        for days, truth in zip(journals, truths, strict=True):
            k = self._keys(days)
            np.add.at(counts, (k[:, 0], k[:, 1], k[:, 2], truth), 1.0)
        overall = _normalise(counts.sum(axis=(0, 1, 2)) + SMOOTH)
        # calibrated: each cell's observed frequencies, shrunk towards the overall ones
        self.table = _normalise(counts + overall)
        return self

    def predict(self, days: Days) -> np.ndarray:
        k = self._keys(days)
        return self.table[k[:, 0], k[:, 1], k[:, 2]]


class HiddenMarkov:
    """A supervised hidden Markov model with independent categorical features per state."""

    def __init__(self, n_states: int):
        self.n_states = n_states

    def fit(self, journals: list[Days], truths: list[np.ndarray]) -> HiddenMarkov:
        k = self.n_states
        first = np.full(k, SMOOTH)
        moves = np.full((k, k), SMOOTH)
        emits = [np.full((k, size), SMOOTH) for size in FEATURE_SIZES]
        for days, truth in zip(journals, truths, strict=True):
            first[truth[0]] += 1
            np.add.at(moves, (truth[:-1], truth[1:]), 1.0)
            feats = day_features(days)
            for f, table in enumerate(emits):
                np.add.at(table, (truth, feats[:, f]), 1.0)
        self.first, self.moves = _normalise(first), _normalise(moves)
        # a missing feature (0) says nothing: its likelihood is 1 in every state
        self.emits = [np.concatenate([np.ones((k, 1)), _normalise(t[:, 1:])], axis=1)
                      for t in emits]
        return self

    def likelihood(self, features: np.ndarray) -> np.ndarray:
        """(n, states) probability of each day's features (see :func:`day_features`) in each
        state."""
        out = np.ones((len(features), self.n_states))
        for f, table in enumerate(self.emits):
            out *= table[:, features[:, f]].T
        return out

    def forward(self, like: np.ndarray) -> np.ndarray:
        """Filtered state probabilities per day from an (n, states) likelihood."""
        out = np.empty_like(like)
        belief = self.first * like[0]
        out[0] = belief / belief.sum()
        for d in range(1, len(like)):
            belief = (out[d - 1] @ self.moves) * like[d]
            out[d] = belief / belief.sum()
        return out

    def predict(self, days: Days) -> np.ndarray:
        """Filtered state probabilities per day of a journal (forward algorithm)."""
        return self.forward(self.likelihood(day_features(days)))
