"""Resample-move (Gilks & Berzuini 2001): after a group of particles is resampled, each copy
gets a Metropolis–Hastings move of its slow inner states, judged by the journal's own recent
days, so the copies of one particle do not all stay in one phase.

The move works on a particle's line as it was :data:`WINDOW` days ago. Its slowly moving states
then (wound, fear, self-love and focus of both twins, the dyad's intensity and toxicity) get a
proposal from an autoregressive
kernel (Liu & West 2001; the preconditioned Crank–Nicolson step of Cotter et al. 2013),
``m + a (x - m) + h s e`` with ``a = sqrt(1 - h^2)``, ``e`` standard normal, ``m`` and ``s`` the
mean and spread of the group's copies at that day (the spread never below :data:`FLOOR`). The
days since are stepped again from the proposal by the engine with the copy's own random stream,
and the proposal is kept with chance min(1, L'/L), L and L' the journal's likelihood of those
days along the old and the new line. The kernel leaves the normal N(m, s^2) unchanged, so the
move's target is that normal times the window's likelihood: the journal decides, and the group's
own spread says where to look.
"""

from __future__ import annotations

import math

import numpy as np

from ..model import layout as L
from .day import step_day
from .observations import THEM, Days
from .prior import SPREAD, Particles

WINDOW = 7  # days of the journal the move is judged by
STEP = 0.5  # h: share of the reference spread in one proposal
FLOOR = SPREAD / math.sqrt(3.0)  # the prior's widening of the inner states, as a spread
_SLOW = (L.WOUND, L.FEAR, L.SELF_LOVE, L.FOCUS)
# what moves: the other's slow inner states and the dyad's intensity and toxicity. The keeper's
# stay (roughened only): the journal logs their inner life, and moved they turned a chaser who
# stopped to heal into a runner (the path of .path is the keeper's change). Closeness stays:
# its together flag has hysteresis, which a jump of closeness would bypass.
MOVED = np.array([THEM * L.TWIN_STATE_SIZE + c for c in _SLOW] + [L.INTENSITY, L.TOXICITY])


class History:
    """The last ``window`` days of every particle's line: its state before each day's step and
    the day's log-likelihood (0 on a day not logged), following the particle through
    resampling."""

    def __init__(self, n: int, size: int, window: int = WINDOW):
        self.states = np.zeros((window, n, size))
        self.terms = np.zeros((window, n))
        self.held = 0  # days held (at most ``window``)
        self.last = -1  # the last day held

    def push(self, d: int, states: np.ndarray, term: np.ndarray | None) -> None:
        """Hold day ``d``: ``states`` before its step, ``term`` its log-likelihood."""
        slot = d % len(self.terms)
        self.states[slot] = states
        self.terms[slot] = 0.0 if term is None else term
        self.held = min(self.held + 1, len(self.terms))
        self.last = d

    def follow(self, index: np.ndarray) -> None:
        """Row ``i`` becomes a copy of row ``index[i]`` wherever ``index[i] >= 0``."""
        rows = np.flatnonzero(index >= 0)
        self.states[:, rows] = self.states[:, index[rows]]
        self.terms[:, rows] = self.terms[:, index[rows]]

    def days(self) -> range:
        """The days held, oldest first."""
        return range(self.last - self.held + 1, self.last + 1)


def resample_move(pool: Particles, history: History, group: np.ndarray, rows: np.ndarray,
                  days: Days, key, rng: np.random.Generator) -> int:
    """Move the particles ``rows`` (copies just resampled) once; returns how many moved.

    Parameters
    ----------
    pool : Particles
        The filter's particles after the day :attr:`History.last` (changed in place).
    history : History
        Their lines over the last days (changed in place for the rows that move).
    group : ndarray of int
        Each particle's group (the reference normal is the group's own).
    rows : ndarray of int
        The rows to move.
    days : Days
        The journal laid out day by day.
    key
        The engine's dynamics key.
    rng : numpy.random.Generator
        The filter's generator (proposals and acceptance).
    """
    window = history.days()
    if not len(rows) or not len(window):
        return 0
    slots = [d % len(history.terms) for d in window]
    start = history.states[slots[0]][rows]
    x = start[:, MOVED]
    mean, spread = np.empty_like(x), np.empty_like(x)
    for g in np.unique(group[rows]):
        mine = group[rows] == g
        mean[mine] = x[mine].mean(axis=0)
        spread[mine] = np.sqrt(x[mine].var(axis=0) + FLOOR ** 2)
    a = math.sqrt(1.0 - STEP ** 2)
    start[:, MOVED] = np.clip(mean + a * (x - mean) + STEP * spread * rng.standard_normal(x.shape),
                              0.0, 1.0)
    params, ids, style = pool.params[rows], pool.ids[rows], pool.rating_style[rows]
    line = np.empty((len(slots),) + start.shape)
    terms = np.zeros((len(slots), len(rows)))
    for j, d in enumerate(window):
        line[j] = start
        term = step_day(days, d, key, start, params, ids, style)[0]
        if term is not None:
            terms[j] = term
    old = history.terms[slots][:, rows].sum(axis=0)
    keep = np.log(rng.random(len(rows))) < terms.sum(axis=0) - old
    moved = rows[keep]
    pool.states[moved] = start[keep]
    for j, slot in enumerate(slots):
        history.states[slot, moved] = line[j, keep]
        history.terms[slot, moved] = terms[j, keep]
    return int(keep.sum())
