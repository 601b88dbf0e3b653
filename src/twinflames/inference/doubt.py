"""Honest doubt: no near-certainty about a phase the journal does not log, unless the model's own
likelihood makes it overwhelming.

A block is logged when it happens and "together" on the day it happens; every other phase (and
a block or a day together that was not logged) is only read from the entries around it. On such
a day the filter's top phase may be stated above :data:`SURE` only when the journal so far is
*decisive* evidence for it: its Bayes factor for "this phase today" against "another phase",
the posterior odds over the odds of the filter's prior particles run without the journal (the
model with nothing logged), is at least :data:`DECISIVE` (Jeffreys 1961, appendix B: above 100
is "decisive"). Otherwise it is stated at :data:`SURE` and the rest of the chance is shared by
the other phases as the filter shares it (as the prior does, where the filter gives them
nothing). docs/inference.md, "Honest doubt", measures what the rule holds back.
"""

from __future__ import annotations

import numpy as np

from ..model import layout as L

SURE = 0.95  # the highest chance stated without decisive evidence for an unlogged phase
DECISIVE = 100.0  # the Bayes factor from which evidence is decisive (Jeffreys 1961)
LOGGED_BY = {"blocked": "block", "union": "together", "turbulence": "together"}


def logged_directly(block_in_force: np.ndarray, together: np.ndarray) -> np.ndarray:
    """Per day and phase, whether the journal logs that phase directly that day: a block in
    force (blocked), ``together`` logged that day (union and turbulence). Shape (days, phases).
    """
    out = np.zeros((len(together), len(L.PHASES)), bool)
    seen = {"block": np.asarray(block_in_force, bool), "together": np.asarray(together) > 0}
    for phase, kind in LOGGED_BY.items():
        out[:, L.PHASES.index(phase)] = seen[kind]
    return out


def bayes_factor(posterior: float, prior: float, particles: int, prior_particles: int) -> float:
    """The posterior odds of a phase over its prior odds. Each chance is kept half a particle
    away from 0 and 1, the resolution of a weighted sample of that size."""
    post = min(max(posterior, 0.5 / particles), 1.0 - 0.5 / particles)
    pri = min(max(prior, 0.5 / prior_particles), 1.0 - 0.5 / prior_particles)
    return (post / (1.0 - post)) / (pri / (1.0 - pri))


def stated(posterior: np.ndarray, prior: np.ndarray, direct: np.ndarray, particles: int,
           prior_particles: int) -> tuple[np.ndarray, float, bool]:
    """One day's phase chances as stated, after the honest-doubt rule.

    Parameters
    ----------
    posterior, prior : ndarray
        The day's phase chances from the filter and from its prior particles (phases in
        :data:`~twinflames.model.layout.PHASES` order).
    direct : ndarray of bool
        Per phase, whether the journal logs it directly that day (:func:`logged_directly`).
    particles, prior_particles : int
        The sizes of the two samples.

    Returns
    -------
    chances : ndarray
        The stated chances (a copy; the posterior itself when the rule does not apply).
    bayes_factor : float
        The top phase's Bayes factor.
    held_back : bool
        Whether the top phase was held at :data:`SURE`.
    """
    top = int(np.argmax(posterior))
    factor = bayes_factor(float(posterior[top]), float(prior[top]), particles, prior_particles)
    if posterior[top] <= SURE or direct[top] or factor >= DECISIVE:
        return posterior, factor, False
    for shares in (posterior, prior, np.ones(len(prior))):  # the first that gives the rest any
        rest = np.array(shares, float)
        rest[top] = 0.0
        if rest.sum() > 0.0:
            break
    out = rest * (1.0 - SURE) / rest.sum()
    out[top] = SURE
    return out, factor, True
