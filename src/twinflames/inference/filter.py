"""The particle filter: dyads stepped day by day by the engine, weighted by the journal."""

from __future__ import annotations

import copy
from dataclasses import dataclass, fields

import numpy as np

from ..engine.rng import seed_keys
from ..engine.step import step_batch
from ..errors import InputError
from ..model import layout as L
from .likelihood import (
    MISS,
    OUTLIER,
    before_step,
    contact_term,
    event_term,
    rating_term,
    weak_term,
)
from .observations import DEFAULT_PARTICLES, ME, THEM, VISIBLE_EVENTS, Days, as_entries, lay_out
from .pace import drift, liu_west_move, pace_values
from .path import PATH, TAKE_UP_RATE, take_up_path
from .prior import BURN_IN, Particles, draw_prior, policy_labels
from .result import InferenceResult, Track
from .weights import GroupedWeights
from .words import misfit_words

DOES_NOT_FIT = 2.0 * OUTLIER  # a forced event whose mean probability is below this does not fit
_SLOW = (L.WOUND, L.FEAR, L.SELF_LOVE, L.FOCUS)
# (state columns, sd) of the jitter added to resampled copies: the slowly moving inner states,
# wider for the other, whom the journal sees only through their visible events
ROUGHEN = (([ME * L.TWIN_STATE_SIZE + c for c in _SLOW], 0.03),
           ([THEM * L.TWIN_STATE_SIZE + c for c in _SLOW], 0.07))


def _entries(journal) -> list:
    items = journal.list() if hasattr(journal, "list") and callable(journal.list) else journal
    try:
        return as_entries(items)
    except TypeError:
        raise InputError(f"journal: {type(journal).__name__}; allowed: a journal or a list of "
                         "entries") from None


def _count(name: str, value, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not (
            low <= value <= high):
        raise InputError(f"{name} = {value!r}: allowed: a whole number from {low} to {high}")
    return int(value)


def infer(journal, *, particles: int = DEFAULT_PARTICLES, seed: int = 0,
          as_of: str | None = None, prior_particles: int | None = None) -> InferenceResult:
    """Infer the phase, roles and hidden states of the dynamic from a journal.

    Parameters
    ----------
    journal : Journal or iterable
        An open :class:`~twinflames.journal.Journal`, or entries (journal records, entry
        objects, or mappings with ``date, kind, who, value, detail``).
    particles : int
        Dyads in the filter (100 to 200000).
    seed : int
        Master seed: the same seed and journal give the same answer, bit for bit.
    as_of : str, optional
        Last day to infer (``YYYY-MM-DD``); default the last entry's date.
    prior_particles : int, optional
        Dyads run without the journal, to show how far it moved the estimates (default: half
        of ``particles``).

    Returns
    -------
    InferenceResult

    Raises
    ------
    InputError
        Bad entries, fewer than a week of days with entries, or bad settings.
    """
    n = _count("particles", particles, 100, 200_000)
    seed = _count("seed", seed, 0, 2**63 - 1)
    n_prior = _count("prior_particles", n // 2 if prior_particles is None else prior_particles,
                     50, 200_000)
    days = lay_out(_entries(journal), as_of)
    key, _ = seed_keys(seed)
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0x5E5A]))
    run = _Run(draw_prior(n, seed, pace=True), days, key, rng)
    prior = draw_prior(n_prior, seed + 1 if seed < 2**63 - 1 else 0, pace=True)
    return _carry_on(run, prior, Track(days.n), 0, seed)


def update(result: InferenceResult, journal, *, as_of: str | None = None) -> InferenceResult:
    """Today's answer from an earlier one: the filter carries on over the new days only.

    Equal, bit for bit, to ``infer(journal)`` with the earlier answer's particles and seed,
    as long as the journal's days up to the earlier answer's last day are unchanged (new
    entries on later days only); otherwise the whole journal is replayed. ``result`` itself is
    left as it was.

    Parameters
    ----------
    result : InferenceResult
        An earlier answer of :func:`infer` or :func:`update`.
    journal : Journal or iterable
        The journal now (as for :func:`infer`).
    as_of : str, optional
        Last day to infer; default the last entry's date.

    Returns
    -------
    InferenceResult
    """
    days = lay_out(_entries(journal), as_of)
    old = result.checkpoint
    if not _same_start(result.days, days):
        return infer(journal, particles=old.run.pool.states.shape[0], seed=result.seed,
                     as_of=as_of, prior_particles=old.prior.states.shape[0])
    run, prior = copy.deepcopy(old.run), copy.deepcopy(old.prior)
    run.days = days
    return _carry_on(run, prior, result.track.extended(days.n), result.days.n, result.seed)


def _same_start(before: Days, now: Days) -> bool:
    """Whether ``now`` begins with exactly the days of ``before`` (and has no fewer)."""
    if before.start != now.start or now.n < before.n:
        return False
    return all(np.array_equal(getattr(now, f.name)[:before.n], getattr(before, f.name))
               for f in fields(Days) if isinstance(getattr(before, f.name), np.ndarray))


@dataclass
class _Checkpoint:
    """The filter's and the prior comparison's state after the last day."""

    run: _Run
    prior: Particles


def _carry_on(run: _Run, prior: Particles, track: Track, first: int,
              seed: int) -> InferenceResult:
    """Run the filter and the prior comparison from day ``first`` to the journal's last day."""
    days, key = run.days, run.key
    for d in range(first, days.n):
        run.day(d)
        track.record(d, run.pool.states, run.weights.combined)
    free = np.full((prior.states.shape[0], 2), L.EV_NONE, np.int64)
    _advance(prior, key, BURN_IN + first, days.n - first, free)
    n = run.pool.states.shape[0]
    return InferenceResult(days=days, track=track, pool=run.pool, weights=run.weights.combined,
                           prior_states=prior.states, prior_params=prior.params, seed=seed,
                           key=key, next_step=BURN_IN + days.n,
                           diagnostics={"particles": n, "min_ess": round(run.min_ess, 1),
                                        "log_likelihood": round(run.weights.log_likelihood, 3),
                                        "seed": seed, "resamples": run.weights.resamples,
                                        "days": days.n,
                                        "days_logged": int(days.logged.sum()),
                                        "does_not_fit": list(run.misfits)},
                           checkpoint=_Checkpoint(run, prior))


def _advance(pool: Particles, key, first_step: int, n_days: int, forced: np.ndarray) -> None:
    m = pool.states.shape[0]
    events, logp, flags = np.empty((m, 2), np.int64), np.empty(m), np.empty(m, np.int64)
    for d in range(n_days):
        step_batch(pool.states, pool.params, key, pool.ids, first_step + d, 1.0, forced,
                   events, logp, flags)


class _Run:
    """The filter's moving parts for one journal."""

    def __init__(self, pool: Particles, days: Days, key, rng: np.random.Generator):
        n = pool.states.shape[0]
        self.pool, self.days, self.key, self.rng = pool, days, key, rng
        # one filter per policy type of the other (and of the keeper, whose own policy a
        # journal shows only slowly): a type the journal speaks against keeps its particles
        pairs = np.stack([pool.them_policy, pool.me_policy], axis=1)
        self.weights = GroupedWeights(np.unique(pairs, axis=0, return_inverse=True)[1].ravel())
        self.path_label = policy_labels().index(PATH)
        self.forced = np.empty((n, 2), np.int64)
        self.events, self.flags = np.empty((n, 2), np.int64), np.empty(n, np.int64)
        self.buffers = [np.empty(n) for _ in range(4)]
        self.next_id = int(pool.ids.max()) + 1
        self.min_ess = float(n)
        self.misfits: list[str] = []

    def day(self, d: int) -> None:
        days, pool = self.days, self.pool
        s = ME * L.TWIN_PARAM_SIZE
        if days.support_week[d] > 0:  # what the keeper logs of their own support is known
            pool.params[:, s + L.SUPPORT_PER_WEEK] = days.support_week[d]
        if days.practice_rate[d] > 0:
            pool.params[:, s + L.SELF_LOVE_PRACTICE] = np.maximum(
                pool.params[:, s + L.SELF_LOVE_PRACTICE], 0.01 * days.practice_rate[d])
        drift(pool.params, self.rng)
        take_up_path(pool.states, pool.params, pool.me_policy, self.path_label, self.rng,
                     TAKE_UP_RATE)
        code_me, code_them = int(days.forced_me[d]), int(days.seen_them[d])
        lp_me, lp_them, urge, logp = self.buffers
        before_step(pool.states, pool.params, 1.0, code_me, code_them, lp_me, lp_them, urge)
        self._check_fit(d, "me", code_me, lp_me)
        self._check_fit(d, "them", code_them, lp_them)
        self.forced[:, ME], self.forced[:, THEM] = code_me, code_them
        step_batch(pool.states, pool.params, self.key, pool.ids, BURN_IN + d, 1.0, self.forced,
                   self.events, logp, self.flags)
        term = np.zeros(len(lp_me))
        if not days.logged[d]:
            return
        term += event_term(lp_me)
        if code_them >= 0:
            term += event_term(lp_them)
        elif days.logs_contact[d] and not days.everyday[d]:  # nothing visible logged: the other
            # did nothing visible, or it was missed
            term += np.where(np.isin(self.events[:, THEM], VISIBLE_EVENTS), np.log(MISS), 0.0)
        term += rating_term(pool.states, pool.rating_style, days.ratings[d])
        if days.logs_contact[d]:
            term += contact_term(pool.states, int(days.together[d]), int(days.conflict[d]))
        if days.urges[d]:
            term += weak_term(urge)
        self._update(term)

    def _check_fit(self, d: int, who: str, code: int, lp: np.ndarray) -> None:
        if code >= 0 and np.dot(self.weights.combined, np.exp(lp)) < DOES_NOT_FIT:
            self.misfits.append(f"{self.days.date(d)}: {misfit_words(code, who)} does not fit "
                                "what the model expects then; it was weighed as a possible "
                                "mistake.")

    def _roughen(self, rows: np.ndarray) -> None:
        """Jitter the new copies' slowly moving inner states a little (Gordon, Salmond & Smith
        1993), so that resampled copies of one particle do not stay identical forever."""
        for cols, sd in ROUGHEN:
            block = self.pool.states[np.ix_(rows, cols)]
            x = block + self.rng.normal(0.0, sd, block.shape)
            self.pool.states[np.ix_(rows, cols)] = np.clip(x, 0.0, 1.0)

    def _update(self, term: np.ndarray) -> None:
        index = self.weights.update(term, self.rng)
        self.min_ess = min(self.min_ess, self.weights.last_ess)
        if index is not None:
            values = pace_values(self.pool.params)
            rows = self.pool.renew(index, self.next_id)
            self.next_id += len(rows)
            self._roughen(rows)
            liu_west_move(self.pool.params, index, self.weights.group, values,
                          self.weights.before, self.rng)
