"""The observation model: how likely each kind of journal evidence is under a particle's state.

Every term mixes in a small outlier probability, so one entry the model finds impossible lowers
particles' weights instead of killing them all, and a logged day as a whole is a mixture too: with
chance :data:`ODD_DAY` its entries come from the journal's own base rates, whatever the state
(docs/inference.md gives the equations).
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from .._jit import bare_run
from ..model import layout as L
from ..model.events import choose, twin_hazards
from .observations import ME, THEM

OUTLIER = 0.02  # chance that a logged contact event is a mistake or outside the model
MISS = 0.15  # chance that the keeper does not log (or did not see) something the other did
RATING_OUTLIER = 0.05  # chance that a rating says nothing about the state
CUTS = np.array([0.2, 0.4, 0.6, 0.8])  # latent 0..1 scale -> ratings 1..5
RATING_SCALE = 0.06  # spread of a rating around its cut-points (logistic scale)
TOGETHER_SEEN = (0.03, 0.8)  # P(a "together" entry on a logged day | apart, together)
CONFLICT_BASE, CONFLICT_GAIN = 0.03, 0.77  # P(a "conflict" entry | toxicity) = base + gain tox
WEAK_FLOOR = 0.5  # urges: ratio (floor + s) / (floor + 1), at most a factor 3
ODD_DAY = 0.1  # chance that a logged day's entries say nothing about the state (a bad day)
ROWS = 64  # particles a thread reads per call of the loop compiled without reference counts


@njit(parallel=True, cache=True, nogil=True)
def before_step(states, params, dt, code_me, code_them, lp_me, lp_them, urge_me):
    """Per particle, from the state at the start of a step: the log-probability of the keeper's
    forced event and of the other's seen event (0 where free) and the keeper's urge to reach
    out (what urges respond to)."""
    n = states.shape[0]
    for block in prange((n + ROWS - 1) // ROWS):
        hazards = np.empty(L.N_TWIN_EVENTS)
        _before_rows(states, params, dt, code_me, code_them, lp_me, lp_them, urge_me, hazards,
                     block * ROWS, min(n, (block + 1) * ROWS))


@bare_run
def _before_rows(states, params, dt, code_me, code_them, lp_me, lp_them, urge_me, h, first,
                 stop):
    """Rows ``first .. stop - 1`` of :func:`before_step`."""
    s = ME * L.TWIN_STATE_SIZE
    for i in range(first, stop):
        x, p = states[i], params[i]
        lp_me[i] = 0.0
        lp_them[i] = 0.0
        if code_me != L.EV_NONE:
            twin_hazards(x, p, ME, THEM, h)
            lp_me[i] = choose(h, dt, 0.5, code_me)[1]
        if code_them != L.EV_NONE:
            twin_hazards(x, p, THEM, ME, h)
            lp_them[i] = choose(h, dt, 0.5, code_them)[1]
        urge_me[i] = x[s + L.FEAR] * x[s + L.FOCUS] * (1.0 - x[s + L.SELF_LOVE])


def event_term(logp: np.ndarray) -> np.ndarray:
    """log(outlier + (1 - outlier) P(event)) for a forced or seen event."""
    with np.errstate(under="ignore"):
        return np.log(OUTLIER + (1.0 - OUTLIER) * np.exp(logp))


def rating_probabilities(latent: np.ndarray) -> np.ndarray:
    """P(rating = 1..5 | latent 0..1), shape (..., 5), outlier mixed in."""
    cdf = 1.0 / (1.0 + np.exp(-(CUTS - np.asarray(latent)[..., None]) / RATING_SCALE))
    edges = np.concatenate([np.zeros(cdf.shape[:-1] + (1,)), cdf,
                            np.ones(cdf.shape[:-1] + (1,))], axis=-1)
    return RATING_OUTLIER / 5.0 + (1.0 - RATING_OUTLIER) * np.diff(edges, axis=-1)


def rating_latents(states: np.ndarray) -> np.ndarray:
    """What each rating reads, per particle (N, 3): well-being, fear (anxiety), intensity."""
    s = ME * L.TWIN_STATE_SIZE
    return np.stack([states[:, s + L.WELLBEING], states[:, s + L.FEAR],
                     states[:, L.INTENSITY]], axis=1)


def rating_term(states: np.ndarray, style: np.ndarray, ratings: np.ndarray) -> np.ndarray:
    """Log-likelihood of a day's ratings (1–5, 0 = not given) per particle, whose keeper rates
    ``style`` higher than their state (on the 0..1 scale)."""
    probs = rating_probabilities(rating_latents(states) + style[:, None])  # (N, 3, 5)
    out = np.zeros(states.shape[0])
    for j, r in enumerate(ratings):
        if r:
            out += np.log(probs[:, j, int(r) - 1])
    return out


def entry_chances(together: np.ndarray, toxicity: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """P(a ``together`` entry) and P(a ``conflict`` entry) on a logged day, given the state's
    ``together`` flag and toxicity (any shape)."""
    p_tog = np.where(np.asarray(together) > 0.5, TOGETHER_SEEN[1], TOGETHER_SEEN[0])
    return p_tog, CONFLICT_BASE + CONFLICT_GAIN * np.asarray(toxicity)


def contact_term(states: np.ndarray, together: int, conflict: int) -> np.ndarray:
    """Log-likelihood of a logged day's ``together`` and ``conflict`` entries (or their
    absence) per particle."""
    p_tog, p_con = entry_chances(states[:, L.TOGETHER], states[:, L.TOXICITY])
    return (np.log(p_tog if together else 1.0 - p_tog)
            + np.log(p_con if conflict else 1.0 - p_con))


def robust_term(term: np.ndarray, reference: float) -> np.ndarray:
    """A logged day's log-likelihood as a contaminated mixture,
    log((1 - e) exp(term) + e exp(reference)), e = :data:`ODD_DAY`: with chance e the day's
    entries come from ``reference`` (their log-probability by the journal's base rates, the
    same for every particle). So one day moves two particles' odds by at most a factor
    1 + (1 - e) / e * exp(term_best - reference), however badly the other fits."""
    if ODD_DAY <= 0.0:
        return term
    return np.logaddexp(np.log1p(-ODD_DAY) + term, np.log(ODD_DAY) + reference)


def weak_term(strength: np.ndarray) -> np.ndarray:
    """Capped weak evidence (an urge): log((floor + s) / (floor + 1)), s in 0..1, so
    one day of it moves odds by at most a factor (floor + 1) / floor = 3."""
    return np.log((WEAK_FLOOR + np.clip(strength, 0.0, 1.0)) / (WEAK_FLOOR + 1.0))


def sample_rating(latent: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Ratings 1..5 drawn from the observation model with uniforms ``u`` (synthetic journals)."""
    cum = np.cumsum(rating_probabilities(latent), axis=-1)
    return 1 + (u[..., None] > cum[..., :-1]).sum(axis=-1)
