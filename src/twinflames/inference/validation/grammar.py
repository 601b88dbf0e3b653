"""Journals written by a story grammar, not by the simulator: an independent validation set.

A story is a sequence of lived stretches (a phase as a person lives it, with the keeper's role),
each lasting a random number of days; every day of a stretch has the entries a person in it
plausibly logs (contact, urges, practice, ratings, together, conflict), drawn from this module's
own tables with its own random generator. Nothing here calls the engine, the prior or the
observation model, so the filter is scored on journals its own assumptions did not write. The
label of each day is the phase of its stretch (in the model's phase names).

Stories (:data:`STORIES`): chasing, healing apart after a chase, blocked after a toxic stretch,
union, turbulence, being pursued, both running. Logging habits (:data:`HABITS`): every day,
sparse (a third of days), bursty (runs of logging and of silence), bad days (mostly on low days)
and ratings only (no contact entries). What the grammar does not cover: endings (someone moving
on is not something a journal logs), reunions after long separations, a keeper who relapses
into chasing, and rating styles other than the plain one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from ...model import layout as L

START = dt.date(2024, 1, 1)
HABITS = ("daily", "sparse", "bursty", "bad_days", "ratings_only")
SPARSE = 1.0 / 3.0  # share of days a sparse keeper logs
BURST_ON, BURST_OFF = 6.0, 8.0  # mean days of a logging run and of a silent run (bursty)
FIRST_WEEK = 7  # every habit logs the first week


@dataclass(frozen=True)
class Stretch:
    """What a day of one lived stretch holds: chances of each entry, the ratings' centres."""

    phase: str
    role_me: str
    days: tuple[int, int]  # shortest and longest stretch
    me: dict  # contact kind of the keeper -> chance per day
    them: dict  # contact kind of the other, as the keeper sees it -> chance per day
    wellbeing: tuple[float, float]  # centre at the stretch's start and end (1..5)
    anxiety: tuple[float, float]
    intensity: float = 3.0
    together: float = 0.0
    conflict: float = 0.0
    urges: float = 0.0  # chance of an urge entry a day (at the start; it eases by half)
    acted: float = 0.0  # share of urges acted on
    practice: float = 0.0


CHASING = Stretch("chase", "chaser", (30, 90), me={"reach_out": 0.55},
                  them={"ignore": 0.3, "withdraw": 0.08, "reply": 0.06},
                  wellbeing=(2.0, 1.8), anxiety=(4.2, 4.4), intensity=4.0, urges=0.6, acted=0.6)
HEALING = Stretch("separation", "none", (60, 150), me={}, them={},
                  wellbeing=(2.2, 4.0), anxiety=(3.8, 2.0), intensity=2.5, urges=0.45,
                  practice=0.6)
TOXIC = Stretch("turbulence", "none", (20, 45), me={"reach_out": 0.2, "withdraw": 0.1},
                them={"reach_out": 0.2, "withdraw": 0.1, "reply": 0.2},
                wellbeing=(2.6, 2.0), anxiety=(3.8, 4.2), intensity=4.8, together=0.7,
                conflict=0.4)
BLOCKED = Stretch("blocked", "none", (40, 120), me={}, them={}, wellbeing=(2.0, 3.2),
                  anxiety=(3.8, 2.8), intensity=2.5, urges=0.3, practice=0.3)
UNION = Stretch("union", "none", (60, 150), me={"reach_out": 0.3, "reply": 0.3},
                them={"reach_out": 0.3, "reply": 0.3}, wellbeing=(4.2, 4.3),
                anxiety=(1.6, 1.5), intensity=3.2, together=0.85, conflict=0.02, practice=0.2)
PURSUED = Stretch("chase", "runner", (40, 120), me={"ignore": 0.3, "withdraw": 0.08},
                  them={"reach_out": 0.5}, wellbeing=(2.6, 2.6), anxiety=(3.2, 3.2),
                  intensity=3.8)
BOTH_RUNNING = Stretch("mutual_running", "runner", (30, 90),
                       me={"withdraw": 0.15, "ignore": 0.1},
                       them={"withdraw": 0.15, "ignore": 0.1}, wellbeing=(2.0, 2.0),
                       anxiety=(4.0, 4.0), intensity=4.0, urges=0.5, acted=0.1)

STORIES: dict[str, tuple[Stretch, ...]] = {
    "chasing": (CHASING,),
    "healing_apart": (CHASING, HEALING),
    "blocked_after_toxic": (TOXIC, BLOCKED),
    "union": (UNION,),
    "turbulence": (TOXIC,),
    "being_pursued": (PURSUED,),
    "both_running": (BOTH_RUNNING,),
}


@dataclass(frozen=True)
class StoryJournal:
    """One written journal: its entries and, per day, the story's phase (code) and role."""

    story: str
    habit: str
    entries: list[dict]
    phase: np.ndarray
    role_me: np.ndarray


def _rating(centre: float, rng: np.random.Generator) -> int:
    return int(np.clip(np.rint(centre + rng.normal(0.0, 0.6)), 1, 5))


def _logged(habit: str, n: int, wellbeing: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    if habit in ("daily", "ratings_only"):
        keep = np.ones(n, bool)
    elif habit == "sparse":
        keep = rng.random(n) < SPARSE
    elif habit == "bursty":
        keep, on, d = np.zeros(n, bool), True, 0
        while d < n:
            run = 1 + int(rng.exponential(BURST_ON if on else BURST_OFF))
            keep[d:d + run] = on
            d, on = d + run, not on
    else:  # bad days: a low day is logged far more often than a good one
        keep = rng.random(n) < np.where(wellbeing < 2.5, 0.85, 0.25)
    keep[:FIRST_WEEK] = True  # people start a journal eagerly; the filter needs a week
    keep[-1] = True
    return keep


def write_story(story: str, habit: str, seed: int) -> StoryJournal:
    """Write one journal of ``story`` with logging ``habit`` (deterministic in ``seed``)."""
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0x57097]))
    stretches = STORIES[story]
    plan = [(s, int(rng.integers(s.days[0], s.days[1] + 1))) for s in stretches]
    n = sum(days for _, days in plan)
    phase = np.empty(n, np.int64)
    role = np.empty(n, np.int64)
    days_of = []
    d = 0
    for s, days in plan:
        for k in range(days):
            t = k / max(days - 1, 1)
            phase[d] = L.PHASES.index(s.phase)
            role[d] = L.ROLES.index(s.role_me)
            days_of.append((s, t, k == 0))
            d += 1
    centre = np.array([s.wellbeing[0] + t * (s.wellbeing[1] - s.wellbeing[0])
                       for s, t, _ in days_of])
    keep = _logged(habit, n, centre, rng)
    entries: list[dict] = []
    for d, (s, t, first) in enumerate(days_of):
        if first and s is BLOCKED:  # the block is logged when it happens, whatever the habit
            entries.append({"date": _date(d), "kind": "block",
                            "who": "me" if rng.random() < 0.5 else "them"})
        if keep[d]:
            entries += _day(d, s, t, habit, rng)
    return StoryJournal(story, habit, entries, phase, role)


def _date(d: int) -> str:
    return (START + dt.timedelta(days=d)).isoformat()


def _day(d: int, s: Stretch, t: float, habit: str, rng: np.random.Generator) -> list[dict]:
    date = _date(d)
    out = [{"date": date, "kind": "wellbeing",
            "value": _rating(s.wellbeing[0] + t * (s.wellbeing[1] - s.wellbeing[0]), rng)}]
    if rng.random() < 0.8:
        out.append({"date": date, "kind": "anxiety",
                    "value": _rating(s.anxiety[0] + t * (s.anxiety[1] - s.anxiety[0]), rng)})
    if rng.random() < 0.3:
        out.append({"date": date, "kind": "intensity", "value": _rating(s.intensity, rng)})
    if habit == "ratings_only":
        return out
    for who, table in (("me", s.me), ("them", s.them)):
        for kind, p in table.items():
            if rng.random() < p:
                out.append({"date": date, "kind": kind, "who": who})
    if rng.random() < s.together:
        out.append({"date": date, "kind": "together"})
    if rng.random() < s.conflict:
        out.append({"date": date, "kind": "conflict"})
    if rng.random() < s.urges * (1.0 - 0.5 * t):
        out.append({"date": date, "kind": "urge", "value": 1,
                    "detail": "acted" if rng.random() < s.acted else "resisted"})
    if rng.random() < s.practice:
        out.append({"date": date, "kind": "practice", "detail": "a walk"})
    return out
