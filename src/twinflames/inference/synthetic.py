"""Synthetic journals from the simulator, where the truth is known (validation and examples).

A dyad is drawn from the same prior the filter uses (another seed), run by the engine one day per
step, and the keeper's side is written as journal entries: their own contact events and signs,
what they see the other do (a share of it missed), and ratings drawn from the observation model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from ..engine.kernels import run_one
from ..engine.rng import seed_keys
from ..model import layout as L
from .likelihood import (
    CONFLICT_BASE,
    CONFLICT_GAIN,
    MISS,
    TOGETHER_SEEN,
    rating_latents,
)
from .likelihood import sample_rating as _rating
from .observations import CONTACT_EVENTS, ME, RATINGS, THEM
from .prior import draw_prior

KIND_OF = {code: kind for kind, code in CONTACT_EVENTS.items()}
TRUTH_SEED_OFFSET = 1 << 32  # truth dyads come from seeds the filter never uses by default


@dataclass
class Synthetic:
    """A synthetic journal and the truth behind it (per day, after that day's step)."""

    entries: list[dict]
    phase: np.ndarray  # phase code per day
    roles: np.ndarray  # (days, 2) role codes: column 0 me, column 1 them
    record: np.ndarray  # (days, STATE_SIZE) true state per day
    preset: int
    keeper_runs_first: bool


def synthetic_journal(seed: int, days: int = 365, keep: float = 1.0, which: int | None = None,
                      start: str = "2024-01-01") -> Synthetic:
    """A journal of ``days`` days in which a share ``keep`` of days has entries (always the
    first and the last, so that day *d* of the journal is day *d* of the truth).

    ``which`` picks the prior dyad (preset ``which % P``, swapped twins when
    ``(which // P) % 2``); by default it follows from the seed.
    """
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0x5F47]))
    pool = draw_prior(20, TRUTH_SEED_OFFSET + seed)
    j = int(rng.integers(20)) if which is None else int(which) % 20
    x, p = pool.states[j].copy(), pool.params[j].copy()
    key, _ = seed_keys(TRUTH_SEED_OFFSET + seed)
    record, phase, roles, events, _ = run_one(x, p, key, 7, days, 1.0, 1)
    first = dt.date.fromisoformat(start)
    entries: list[dict] = []
    latents = rating_latents(record[1:])
    for d in range(days):
        if rng.random() >= keep and 0 < d < days - 1:  # the first and last day are logged
            continue
        date = (first + dt.timedelta(days=d)).isoformat()
        state = record[d + 1]
        me_event, them_event = int(events[d, ME]), int(events[d, THEM])
        if me_event in KIND_OF:
            entries.append({"date": date, "kind": KIND_OF[me_event], "who": "me"})
        elif me_event in L.SIGN_KINDS:
            entries.append({"date": date, "kind": "sign", "detail": L.SIGN_KINDS[me_event]})
        if them_event in KIND_OF and rng.random() >= MISS:
            entries.append({"date": date, "kind": KIND_OF[them_event], "who": "them"})
        u = rng.random(3)
        for r, kind in enumerate(RATINGS[:2]):
            entries.append({"date": date, "kind": kind,
                            "value": int(_rating(latents[d, r], u[r]))})
        if rng.random() < TOGETHER_SEEN[int(state[L.TOGETHER] > 0.5)]:
            entries.append({"date": date, "kind": "together", "who": "me"})
        if rng.random() < CONFLICT_BASE + CONFLICT_GAIN * state[L.TOXICITY]:
            entries.append({"date": date, "kind": "conflict", "who": "me"})
    return Synthetic(entries=entries, phase=phase[1:].astype(int),
                     roles=roles[1:, [ME, THEM]].astype(int), record=record[1:],
                     preset=j % 10, keeper_runs_first=bool((j // 10) % 2))
