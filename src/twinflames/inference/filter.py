"""The particle filter: dyads stepped day by day by the engine, weighted by the journal."""

from __future__ import annotations

import copy
from dataclasses import dataclass, fields

import numpy as np

from ..engine.rng import seed_keys
from ..engine.step import step_batch
from ..errors import InputError
from ..model import layout as L
from .day import step_day
from .doubt import logged_directly
from .likelihood import OUTLIER
from .move import History, resample_move
from .observations import DEFAULT_PARTICLES, ME, THEM, Days, as_entries, lay_out
from .pace import drift, liu_west_move, pace_values
from .path import PATH, TAKE_UP_RATE, take_up_path
from .prior import BURN_IN, Particles, draw_prior, policy_labels
from .result import InferenceResult, Track
from .weights import GroupedWeights, logsumexp
from .words import misfit_words

# move resampled copies (see .move): tried for honest doubt and left off, as it was no clear gain
# on the story grammar (docs/inference.md, "Honest doubt in the probabilities")
RESAMPLE_MOVE = False
# independent filters (islands) of at least ISLAND particles each, at most ISLANDS, averaged:
# one filter's sure answer swung with its random numbers (docs/inference.md, "Honest doubt")
ISLAND, ISLANDS = 500, 4
ISLAND_IDS = 2**40  # each island's new identities start this far apart (distinct streams)
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
        Dyads in the filter (100 to 200000); from 1,000 on they run as independent islands
        of at least 500 (at most 4) whose answers are averaged (:func:`island_count`).
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
    pool, k = draw_prior(n, seed, pace=True), island_count(n)
    bounds = np.linspace(0, n, k + 1).astype(int)
    # island 0 keeps the single filter's generator, so a filter of one island is as before
    runs = [_Run(_rows(pool, slice(bounds[i], bounds[i + 1])), days, key,
                 np.random.default_rng(np.random.SeedSequence([seed, 0x5E5A] + ([i] if i else []))),
                 n + i * ISLAND_IDS) for i in range(k)]
    prior = draw_prior(n_prior, seed + 1 if seed < 2**63 - 1 else 0, pace=True)
    return _carry_on(_Checkpoint(runs, prior, []), Track(days.n), 0, seed)


def island_count(particles: int) -> int:
    """How many independent filters (islands) ``particles`` dyads are split into: as many as
    hold at least :data:`ISLAND` each, at most :data:`ISLANDS`."""
    return max(1, min(ISLANDS, particles // ISLAND))


def _rows(pool: Particles, rows: slice) -> Particles:
    return Particles(*(np.array(getattr(pool, f.name)[rows]) for f in fields(Particles)))


def _merged(pools: list[Particles]) -> Particles:
    if len(pools) == 1:
        return pools[0]
    return Particles(*(np.concatenate([getattr(p, f.name) for p in pools])
                       for f in fields(Particles)))


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
        return infer(journal, particles=sum(r.pool.states.shape[0] for r in old.runs),
                     seed=result.seed, as_of=as_of, prior_particles=old.prior.states.shape[0])
    state = copy.deepcopy(old)
    for run in state.runs:
        run.days = days
    return _carry_on(state, result.track.extended(days.n), result.days.n, result.seed)


def _same_start(before: Days, now: Days) -> bool:
    """Whether ``now`` begins with exactly the days of ``before`` (and has no fewer)."""
    if before.start != now.start or now.n < before.n:
        return False
    return all(np.array_equal(getattr(now, f.name)[:before.n], getattr(before, f.name))
               for f in fields(Days) if isinstance(getattr(before, f.name), np.ndarray))


@dataclass
class _Checkpoint:
    """The filter's and the prior comparison's state after the last day: the islands, the
    prior particles and the entries found not to fit so far."""

    runs: list[_Run]
    prior: Particles
    misfits: list[str]


def _carry_on(state: _Checkpoint, track: Track, first: int, seed: int) -> InferenceResult:
    """Run the islands and the prior comparison from day ``first`` to the journal's last day;
    the answer is the islands' average (each island's weights divided by their number)."""
    runs, prior = state.runs, state.prior
    days, key, k = runs[0].days, runs[0].key, len(runs)
    direct = logged_directly(days.block_in_force, days.together)
    free = np.full((prior.states.shape[0], 2), L.EV_NONE, np.int64)
    for d in range(first, days.n):
        _advance(prior, key, BURN_IN + d, 1, free)
        steps = [run.step(d) for run in runs]
        weights = np.concatenate([run.weights.combined for run in runs]) / k
        for j, (who, code) in enumerate((("me", days.forced_me[d]), ("them", days.seen_them[d]))):
            lp = np.concatenate([s[1 + j] for s in steps])
            if code >= 0 and np.dot(weights, np.exp(lp)) < DOES_NOT_FIT:
                state.misfits.append(f"{days.date(d)}: {misfit_words(int(code), who)} does not "
                                     "fit what the model expects then; it was weighed as a "
                                     "possible mistake.")
        for run, s in zip(runs, steps, strict=True):
            run.weigh(s[0])
        track.record(d, np.concatenate([run.pool.states for run in runs]),
                     np.concatenate([run.weights.combined for run in runs]) / k,
                     prior.states, direct[d])
    pool = _merged([run.pool for run in runs])
    moves = {} if runs[0].history is None else {
        "moves": [sum(run.moves[i] for run in runs) for i in range(2)]}  # proposed, kept
    evidence = np.array([run.weights.log_likelihood for run in runs])
    return InferenceResult(days=days, track=track, pool=pool,
                           weights=np.concatenate([run.weights.combined for run in runs]) / k,
                           prior_states=prior.states, prior_params=prior.params, seed=seed,
                           key=key, next_step=BURN_IN + days.n,
                           diagnostics={"particles": pool.states.shape[0],
                                        "islands": k,
                                        "min_ess": round(min(run.min_ess for run in runs), 1),
                                        "log_likelihood": round(
                                            logsumexp(evidence) - float(np.log(k)), 3),
                                        "seed": seed,
                                        "resamples": sum(run.weights.resamples for run in runs),
                                        "days": days.n,
                                        "days_logged": int(days.logged.sum()),
                                        "bayes_factor": float(f"{track.bayes_factor[-1]:.3g}"),
                                        "held_back": bool(track.held_back[-1]),
                                        "does_not_fit": list(state.misfits), **moves},
                           checkpoint=state)


def _advance(pool: Particles, key, first_step: int, n_days: int, forced: np.ndarray) -> None:
    m = pool.states.shape[0]
    events, logp, flags = np.empty((m, 2), np.int64), np.empty(m), np.empty(m, np.int64)
    for d in range(n_days):
        step_batch(pool.states, pool.params, key, pool.ids, first_step + d, 1.0, forced,
                   events, logp, flags)


class _Run:
    """The filter's moving parts for one journal."""

    def __init__(self, pool: Particles, days: Days, key, rng: np.random.Generator,
                 first_id: int):
        n = pool.states.shape[0]
        self.pool, self.days, self.key, self.rng = pool, days, key, rng
        # one filter per policy type of the other (and of the keeper, whose own policy a
        # journal shows only slowly): a type the journal speaks against keeps its particles
        pairs = np.stack([pool.them_policy, pool.me_policy], axis=1)
        self.weights = GroupedWeights(np.unique(pairs, axis=0, return_inverse=True)[1].ravel())
        self.path_label = policy_labels().index(PATH)
        # the particles' recent lines, for the resample-move (None: resampling only)
        self.history = History(n, L.STATE_SIZE) if RESAMPLE_MOVE else None
        self.moves = [0, 0]
        self.next_id = first_id  # the identity of the next new copy
        self.min_ess = float(n)

    def step(self, d: int) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
        """Step the particles through day ``d``; returns :func:`.day.step_day`'s answer."""
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
        if self.history is not None:
            before = pool.states.copy()
        out = step_day(days, d, self.key, pool.states, pool.params, pool.ids,
                       pool.rating_style)
        if self.history is not None:
            self.history.push(d, before, out[0])
        return out

    def weigh(self, term: np.ndarray | None) -> None:
        """Weigh the particles by a day's log-likelihood ``term`` (None: a day not logged)."""
        if term is not None:
            self._update(term)

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
            # the pace first, so that a resample-move replays the copies with their own
            liu_west_move(self.pool.params, index, self.weights.group, values,
                          self.weights.before, self.rng)
            if self.history is not None:
                self.history.follow(index)
                self.moves[0] += len(rows)
                self.moves[1] += resample_move(self.pool, self.history, self.weights.group,
                                               rows, self.days, self.key, self.rng)
            self._roughen(rows)
