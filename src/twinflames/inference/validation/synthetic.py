"""Synthetic journals from the simulator, where the truth is known (validation and examples).

A dyad is drawn from the same prior the filter uses (another seed) and run by the engine one day
per step (:func:`synthetic_truth`); the keeper's side is then written as journal entries
(:func:`write_journal`): their own contact events and signs, what they see the other do (a share
of it missed), and ratings drawn from the observation model. Writing styles stress the filter's
assumptions: logging more on bad days, logging that fades, dates off by a day, a shifted rating
style.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from ...engine.kernels import run_fixed
from ...engine.rng import seed_keys
from ...errors import InputError
from ...model import layout as L
from ...scenarios import presets
from ..likelihood import MISS, entry_chances, rating_latents
from ..likelihood import sample_rating as _rating
from ..observations import CONTACT_EVENTS, ME, RATINGS, THEM, VISIBLE_EVENTS
from ..prior import draw_prior

KIND_OF = {code: kind for kind, code in CONTACT_EVENTS.items()}
SEEN_OF = {code: kind for code, kind in KIND_OF.items() if code in VISIBLE_EVENTS}
TRUTH_SEED_OFFSET = 1 << 32  # truth dyads come from seeds the filter never uses by default
TRUTH_DYAD = 7  # the random stream of the truth dyad
STYLES = ("plain", "bad_days", "fading", "date_slips", "rating_shift")
BAD_DAY_GAIN = 10.0  # bad_days: 0.1 below one's usual well-being doubles the chance of logging
SLIP = 0.2  # date_slips: share of logged days written under the day before or after


@dataclass
class Truth:
    """A simulated dyad, day by day (after each day's step); the keeper is twin ``b``."""

    record: np.ndarray  # (days, STATE_SIZE) true state per day
    params: np.ndarray  # (PARAM_SIZE,) the dyad's parameters
    events: np.ndarray  # (days, 2) events of the day: column 0 them (a), 1 me (b)
    phase: np.ndarray  # phase code per day
    roles: np.ndarray  # (days, 2) role codes: column 0 me, column 1 them
    key: np.ndarray  # the random key the dyad ran with
    preset: int
    keeper_runs_first: bool
    seed: int

    @property
    def days(self) -> int:
        return len(self.phase)


@dataclass
class Synthetic(Truth):
    """A synthetic journal and the truth behind it."""

    entries: list[dict] | None = None


def synthetic_truth(seed: int, days: int = 365, which: int | None = None,
                    pace: bool = False) -> Truth:
    """Simulate the dyad behind a synthetic journal.

    ``which`` picks the prior dyad (preset ``which % P``, swapped twins when
    ``(which // P) % 2``); by default it follows from the seed. With ``pace`` the keeper's own
    pace is drawn from the filter's prior too (see :func:`~twinflames.inference.prior.draw_prior`).
    """
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0x5F47]))
    n_presets = len(presets())
    pool = draw_prior(2 * n_presets, TRUTH_SEED_OFFSET + seed, pace=pace)
    j = int(rng.integers(2 * n_presets)) if which is None else int(which) % (2 * n_presets)
    x, p = pool.states[j].copy(), pool.params[j].copy()
    key, _ = seed_keys(TRUTH_SEED_OFFSET + seed)
    record, phase, roles, events, _ = run_fixed(x, p, key, TRUTH_DYAD, days, 1.0, 1)
    return Truth(record=record[1:], params=p, events=events.astype(int),
                 phase=phase[1:].astype(int), roles=roles[1:, [ME, THEM]].astype(int), key=key,
                 preset=int(pool.preset[j]), keeper_runs_first=bool((j // n_presets) % 2),
                 seed=seed)


def _keep_chance(style: str, keep: float, worse: float, d: int, days: int) -> float:
    if style == "bad_days":  # more entries when the keeper feels worse than usual
        return min(1.0, keep * float(np.clip(1.0 + BAD_DAY_GAIN * worse, 0.2, 2.0)))
    if style == "fading":  # eager at first, then less and less
        return min(1.0, keep * 2.0 * (1.0 - d / days))
    return keep


def write_journal(truth: Truth, keep: float = 1.0, style: str = "plain",
                  start: str = "2024-01-01") -> list[dict]:
    """The keeper's journal of ``truth``: a share ``keep`` of days has entries (always the first
    and the last, so that day *d* of the journal is day *d* of the truth), written in ``style``
    (one of :data:`STYLES`). The keeper's own moving on is noted on its day whatever the share
    (they know it); the other's is not seen."""
    if style not in STYLES:
        raise InputError(f"style = {style!r}: allowed: {', '.join(STYLES)}")
    rng = np.random.default_rng(np.random.SeedSequence([truth.seed, 0x5F48, STYLES.index(style),
                                                        int(round(keep * 1000))]))
    first = dt.date.fromisoformat(start)
    entries: list[dict] = []
    latents = rating_latents(truth.record)
    usual = float(np.median(latents[:, 0]))  # the keeper's usual well-being
    n = truth.days
    for d in range(n):
        state = truth.record[d]
        chance = _keep_chance(style, keep, usual - float(latents[d, 0]), d, n)
        if rng.random() >= chance and 0 < d < n - 1:
            if truth.events[d, ME] == L.EV_MOVED_ON:  # a keeper knows they moved on: noted
                entries.append({"date": (first + dt.timedelta(days=d)).isoformat(),
                                "kind": "moved_on", "who": "me"})
            continue
        slip = 0  # the first and last day stay put, so the journal spans the truth's days
        if style == "date_slips" and 1 < d < n - 2 and rng.random() < SLIP:
            slip = 1 if rng.random() < 0.5 else -1
        day = (first + dt.timedelta(days=d + slip)).isoformat()
        me_event, them_event = int(truth.events[d, ME]), int(truth.events[d, THEM])
        if me_event in KIND_OF:
            entries.append({"date": day, "kind": KIND_OF[me_event], "who": "me"})
        elif me_event in L.SIGN_KINDS:
            entries.append({"date": day, "kind": "sign", "detail": L.SIGN_KINDS[me_event]})
        if them_event in SEEN_OF and rng.random() >= MISS:
            entries.append({"date": day, "kind": SEEN_OF[them_event], "who": "them"})
        u = rng.random(3)
        for r, kind in enumerate(RATINGS[:2]):
            value = int(_rating(latents[d, r], u[r]))
            if style == "rating_shift":  # rates everything a notch higher
                value = min(5, value + 1)
            entries.append({"date": day, "kind": kind, "value": value})
        p_together, p_conflict = entry_chances(state[L.TOGETHER], state[L.TOXICITY])
        if rng.random() < p_together:
            entries.append({"date": day, "kind": "together", "who": "me"})
        if rng.random() < p_conflict:
            entries.append({"date": day, "kind": "conflict", "who": "me"})
    return entries


def synthetic_journal(seed: int, days: int = 365, keep: float = 1.0, which: int | None = None,
                      start: str = "2024-01-01", style: str = "plain") -> Synthetic:
    """A synthetic journal and its truth: :func:`synthetic_truth` written by
    :func:`write_journal`."""
    truth = synthetic_truth(seed, days, which)
    return Synthetic(**vars(truth), entries=write_journal(truth, keep, style, start))
