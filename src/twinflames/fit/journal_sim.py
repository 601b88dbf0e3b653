"""Simulated journals for fitting the runner–chaser model to one person's journal: the keeper's
fitted parameters, their prior, and the engine runs observed as journal days.

A simulated dyad starts from a preset with the keeper's parameters replaced (the keeper is the
preset's twin ``b``, the one who starts as the chaser, as in the particle filter, or twin
``a``, the one who starts as the runner), runs day by
day (:func:`twinflames.fit.flagship_sim.run`) and is written down as a journal would hold it,
through the inference's own observation model (:mod:`twinflames.inference.likelihood`): a share
of days logged, the keeper's own contact event or sign of the day, what they saw the other do
(a share missed), well-being and anxiety ratings drawn from the rating model, ``together`` and
``conflict`` entries with their chances. Every draw comes from the dyad's own stream of the
day, so a reference table is the same however it is split into chunks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..engine.rng import seed_keys, uniforms_for
from ..errors import InputError
from ..inference.likelihood import MISS, entry_chances, sample_rating
from ..inference.observations import EVERYDAY_EVENTS, ME, THEM, VISIBLE_EVENTS
from ..model import layout as L
from . import flagship_sim as sim
from .journal_days import JournalDays, summaries

#: the keeper's fitted parameter -> (path under the keeper's twin or "model", prior low, high)
FITTED = {
    "healing_rate": ("healing_rate", 0.0, 0.01),
    "self_love_practice": ("self_love_practice", 0.0, 0.03),
    "reach_out_rate": ("reach_out_rate", 0.0, 2.0),
    "rejection_fear": (("model", "rejection_fear"), 0.0, 0.1),
}
JOURNAL_STREAM = 0xF17C  # uniforms of the journal writing: stream JOURNAL_STREAM + 8 day + j
ROLES = {"chaser": ME, "runner": THEM}  # the keeper's start -> their twin (1 = b, 0 = a)


@dataclass(frozen=True)
class JournalDesign:
    """A simulated journal: the preset the dyads start from, the days it spans, the share of
    days with entries, and whether the keeper is the twin who starts as the chaser (``b``,
    where the particle filter puts the keeper) or as the runner (``a``).

    The simulator of an ABC fit (:mod:`twinflames.fit.flagship`), like
    :class:`twinflames.fit.flagship_sim.Design`.
    """

    preset: str = "classic"
    days: int = 180
    keep: float = 1.0
    me: str = "chaser"

    def __post_init__(self):
        sim.check_design(self.preset, self.days)
        if not 0.05 <= self.keep <= 1:
            raise InputError(f"journal: {self.keep:.2f} of days logged; allowed: 0.05 to 1 "
                             "(at least one day in twenty)")
        if self.me not in ROLES:
            raise InputError(f"--me: {self.me!r}; allowed: {' or '.join(ROLES)} (how you "
                             "started out)")

    @property
    def twin(self) -> int:
        """The keeper's twin in the engine (1 = ``b``, 0 = ``a``)."""
        return ROLES[self.me]

    @property
    def parameters(self) -> dict:
        """Fitted parameter -> (scenario path, prior low, prior high)."""
        twin = "ab"[self.twin]
        return {name: (path if isinstance(path, tuple) else (twin, path), lo, hi)
                for name, (path, lo, hi) in FITTED.items()}

    def names(self) -> list[str]:
        """The fitted parameters' names."""
        return list(FITTED)

    def bounds(self) -> np.ndarray:
        """Prior ranges, shape ``(P, 2)``."""
        return sim.bounds(self.parameters)

    def draw_prior(self, ids: np.ndarray, seed: int) -> np.ndarray:
        """Prior draws for dyads ``ids``, shape ``(N, P)``."""
        return sim.draw_prior(ids, seed, self.parameters)

    def observe(self, theta: np.ndarray, ids: np.ndarray, seed: int) -> np.ndarray:
        """Summaries of the simulated dyads' journals, shape ``(N, S)``."""
        return summaries(write(theta, ids, seed, self))


def write(theta: np.ndarray, ids: np.ndarray, seed: int, design: JournalDesign) -> JournalDays:
    """Run the dyads and write each keeper's journal, day by day.

    Parameters
    ----------
    theta : numpy.ndarray
        The keeper's parameters per dyad, shape ``(N, P)`` in :data:`FITTED` order.
    ids : numpy.ndarray
        Dyad identities (random streams), shape ``(N,)``.
    seed : int
        Master seed.
    design : JournalDesign

    Returns
    -------
    JournalDays
    """
    me, them = design.twin, 1 - design.twin
    own = me * L.TWIN_STATE_SIZE
    record, events = sim.run(theta, ids, seed, design.preset, design.days, design.parameters,
                             [own + L.WELLBEING, own + L.FEAR, L.TOGETHER, L.TOXICITY])
    _, param_key = seed_keys(seed)
    ids = np.asarray(ids, np.int64)
    n, T = len(ids), design.days
    u = np.empty((n, 6, T))
    for k in range(T):
        for j in range(6):
            u[:, j, k] = uniforms_for(param_key, ids, JOURNAL_STREAM + 8 * k + j)
    logged = u[:, 0] < design.keep
    logged[:, [0, -1]] = True  # a journal spans its first and last day with entries
    p_together, p_conflict = entry_chances(record[:, 2], record[:, 3])
    together = logged & (u[:, 4] < p_together)
    conflict = logged & (u[:, 5] < p_conflict)
    mine = np.where(logged, events[:, me], L.EV_NONE)
    mine[mine == L.EV_MOVED_ON] = L.EV_NONE  # moving on is not an entry
    seen = np.where(logged & np.isin(events[:, them], VISIBLE_EVENTS) & (u[:, 1] >= MISS),
                    events[:, them], L.EV_NONE)
    for codes in (mine, seen):  # as the journal reads a day together (observations.lay_out)
        codes[together & np.isin(codes, EVERYDAY_EVENTS)] = L.EV_NONE
    ratings = np.where(logged[:, None], sample_rating(record[:, :2], u[:, 2:4]), 0)
    return JournalDays(logged=logged, me=mine, them=seen, wellbeing=ratings[:, 0],
                       anxiety=ratings[:, 1], together=together, conflict=conflict,
                       logs_contact=np.ones(n, bool))
