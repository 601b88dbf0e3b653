"""The filter scored on the story grammar's journals (:mod:`.grammar`): per logging habit and per
story, from day :data:`FIRST_DAY` on, top-1, Brier, ECE and the confident-wrong rate, the same
scores as the in-model benchmark (:mod:`.validate`), and the issue's targets for them."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context

import numpy as np

from ..doubt import SURE, logged_directly
from ..filter import infer
from . import scoring
from .grammar import HABITS, STORIES, write_story
from .validate import FIRST_DAY

TARGETS = {"accuracy": 0.90, "confident_wrong": 0.01, "ece": 0.05}  # per habit


@dataclass(frozen=True)
class GrammarSettings:
    """How many journals per story and habit, and the filter's size."""

    per_story: int = 4
    particles: int = 1000
    habits: tuple[str, ...] = HABITS
    stories: tuple[str, ...] = tuple(STORIES)
    workers: int = 2


@dataclass
class GrammarTally:
    """Sums over the scored days of one habit (or one story)."""

    days: int = 0
    hits: float = 0.0
    brier: float = 0.0
    confident_wrong: float = 0.0
    oversure: int = 0  # days above SURE for a phase the journal did not log directly
    oversure_wrong: int = 0  # those of them on which that phase is not the story's
    held_back: int = 0  # days the honest-doubt rule held the top phase at SURE
    journals: int = 0
    bins: np.ndarray = field(default_factory=lambda: np.zeros((3, scoring.BINS)))

    def add(self, probs: np.ndarray, truth: np.ndarray, direct: np.ndarray,
            held_back: np.ndarray | None = None) -> None:
        n = len(truth)
        self.days += n
        self.journals += 1
        self.hits += scoring.accuracy(probs, truth) * n
        self.brier += scoring.brier(probs, truth) * n
        self.confident_wrong += scoring.confident_wrong(probs, truth) * n
        sure = (probs.max(axis=1) > SURE) & ~direct
        self.oversure += int(np.sum(sure))
        self.oversure_wrong += int(np.sum(sure & (probs.argmax(axis=1) != truth)))
        self.bins += scoring.calibration_bins(probs, truth)
        if held_back is not None:
            self.held_back += int(np.sum(held_back))

    def merge(self, other: GrammarTally) -> None:
        for name in ("days", "hits", "brier", "confident_wrong", "oversure", "oversure_wrong",
                     "held_back", "journals"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.bins += other.bins

    def scores(self) -> dict[str, float]:
        d = max(self.days, 1)
        return {"journals": self.journals, "accuracy": self.hits / d, "brier": self.brier / d,
                "ece": scoring.binned_calibration_error(self.bins),
                "confident_wrong": self.confident_wrong / d, "oversure": self.oversure / d,
                "oversure_wrong": self.oversure_wrong / d, "held_back": self.held_back / d}


def top_logged_directly(probs: np.ndarray, days) -> np.ndarray:
    """Per day, whether the top phase of ``probs`` is one the journal (laid out as ``days``,
    :class:`~twinflames.inference.observations.Days`) logs directly that day
    (:func:`~twinflames.inference.doubt.logged_directly`)."""
    direct = logged_directly(days.block_in_force, days.together)[:len(probs)]
    return direct[np.arange(len(probs)), probs.argmax(axis=1)]


def score_one(args) -> tuple[str, str, GrammarTally]:
    """Write one grammar journal, run the filter on it and score it from :data:`FIRST_DAY`."""
    story, habit, seed, particles = args
    journal = write_story(story, habit, seed)
    result = infer(journal.entries, particles=particles, seed=seed)
    probs = result.track.phase
    n = min(len(probs), len(journal.phase))
    tally = GrammarTally()
    tally.add(probs[FIRST_DAY:n], journal.phase[FIRST_DAY:n],
              top_logged_directly(probs[:n], result.days)[FIRST_DAY:],
              result.track.held_back[FIRST_DAY:n])
    return story, habit, tally


def score_grammar(settings: GrammarSettings, pool=None) -> dict[str, dict]:
    """Scores per habit (``by_habit``) and per story (``by_story``): journal ``k`` of a story
    and habit has seed ``k``. ``pool``: an executor to use (default: one of ``workers``)."""
    tasks = [(story, habit, k, settings.particles) for story in settings.stories
             for habit in settings.habits for k in range(settings.per_story)]
    if pool is None:
        with ProcessPoolExecutor(settings.workers, mp_context=get_context("spawn")) as own:
            results = list(own.map(score_one, tasks))
    else:
        results = list(pool.map(score_one, tasks))
    by_habit: dict[str, GrammarTally] = {}
    by_story: dict[str, GrammarTally] = {}
    for story, habit, tally in results:
        by_habit.setdefault(habit, GrammarTally()).merge(tally)
        by_story.setdefault(story, GrammarTally()).merge(tally)
    return {"by_habit": {h: t.scores() for h, t in by_habit.items()},
            "by_story": {s: t.scores() for s, t in by_story.items()}}


def check_grammar_targets(scores: dict[str, dict], slack: float = 0.0) -> list[str]:
    """The issue's targets on the grammar's journals that ``scores`` misses, one line each:
    per habit, top-1 >= 0.90, confident-wrong <= 1%, ECE <= 0.05 (``slack`` loosens each)."""
    missed = []
    for habit, s in scores["by_habit"].items():
        if s["accuracy"] < TARGETS["accuracy"] - slack:
            missed.append(f"grammar {habit}: top-1 {s['accuracy']:.3f} < 0.90")
        if s["confident_wrong"] > TARGETS["confident_wrong"] + slack:
            missed.append(f"grammar {habit}: confident-wrong {s['confident_wrong']:.3f} > 0.01")
        if s["ece"] > TARGETS["ece"] + slack:
            missed.append(f"grammar {habit}: ECE {s['ece']:.3f} > 0.05")
    return missed
