"""A discretised toy model where the exact answer is known, to check the filter's weighting
and resampling (:class:`~twinflames.inference.weights.GroupedWeights`).

The toy's hidden state is the phase alone, moving by a fitted
:class:`~twinflames.inference.validation.baselines.HiddenMarkov`'s transitions and
showing journal features by its emission tables. The forward algorithm gives the exact filtered
phase probabilities; the particle filter (phases as particles, propagated by the transitions,
weighted by the emissions, resampled by the same code as the dyad filter) must match them.
"""

from __future__ import annotations

import numpy as np

from ..weights import GroupedWeights
from .baselines import HiddenMarkov


def _draw(probs: np.ndarray, u: np.ndarray) -> np.ndarray:
    """One category per row of ``probs`` (rows sum to 1) from uniforms ``u``."""
    return np.minimum((u[:, None] > np.cumsum(probs, axis=1)).sum(axis=1), probs.shape[1] - 1)


def toy_journal(hmm: HiddenMarkov, days: int, keep: float,
                rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """A phase path drawn from the toy and its journal features (0 where not logged)."""
    phase = np.empty(days, np.int64)
    phase[0] = _draw(hmm.first[None], rng.random(1))[0]
    for d in range(1, days):
        phase[d] = _draw(hmm.moves[phase[d - 1]][None], rng.random(1))[0]
    features = np.zeros((days, len(hmm.emits)), np.int64)
    logged = rng.random(days) < keep
    for f, table in enumerate(hmm.emits):
        seen = table[phase, 1:]  # the logged values of the feature (1..)
        features[:, f] = np.where(logged, 1 + _draw(seen, rng.random(days)), 0)
    return phase, features


def particle_filter(hmm: HiddenMarkov, like: np.ndarray, particles: int,
                    rng: np.random.Generator) -> np.ndarray:
    """Filtered phase probabilities per day from weighted, resampled phase particles."""
    states = _draw(np.broadcast_to(hmm.first, (particles, hmm.n_states)), rng.random(particles))
    weights = GroupedWeights(np.zeros(particles, np.int64))
    out = np.empty_like(like)
    for d in range(len(like)):
        if d:
            states = _draw(hmm.moves[states], rng.random(particles))
        index = weights.update(np.log(like[d, states]), rng)
        if index is not None:
            states = np.where(index >= 0, states[np.maximum(index, 0)], states)
        out[d] = np.bincount(states, weights.combined, minlength=hmm.n_states)
    return out
