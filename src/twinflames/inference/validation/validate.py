"""Validation on synthetic journals where the truth is known: the filter against a rule table,
a hidden Markov model and, on a discretised toy model, the exact answer.

Used by ``benchmarks/bench_inference.py`` (the full run) and the tests (a small run)::

    report = validate(Settings(journals=1000))
    report.rows()                   # the scores, one row per journal set
    scorecard.check_targets(report) # the issue's targets it misses
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context

import numpy as np

from ...model import layout as L
from ..filter import infer
from ..forecast import parse_choice, run_futures
from ..observations import ME, as_entries, lay_out
from ..result import STATES
from . import scoring
from .baselines import HiddenMarkov, RuleTable
from .scorecard import Report, SetScores
from .synthetic import synthetic_truth, write_journal
from .toy import particle_filter, toy_journal

FIRST_DAY = 14  # days are scored from this one on
TRAIN_SEEDS = 1 << 20  # training journals' seeds start here (test journals start at 0)
CHOICES = ("me=current", "me=guided")
Z90 = 1.6448536269514722  # standard normal 95th percentile
TRUE_RUNS = 1000  # futures run from the true state to get the true forecast difference
N_ROLES = len(L.ROLES)
PRIOR_DYADS = 20  # journal i comes from prior dyad i % 20: every preset, keeper in either role


@dataclass(frozen=True)
class Settings:
    """What to validate on: journal counts, lengths, entry rates, stress sets and sizes."""

    journals: int = 1000
    train: int = 300
    days: int = 365
    rates: tuple[float, ...] = (1.0, 0.5, 0.2)
    stress: tuple[str, ...] = ("bad_days", "fading", "date_slips", "rating_shift")
    stress_journals: int = 250
    stress_rate: float = 0.5
    particles: int = 2000
    forecast_days: int = 90
    forecast_runs: int = 1000
    toy_journals: int = 20
    toy_particles: int = 10_000
    workers: int = 2

    def sets(self, journal: int) -> list[tuple[str, float]]:
        """The (style, rate) journal sets that journal number ``journal`` is written in."""
        out = [("plain", r) for r in self.rates]
        if journal < self.stress_journals:
            out += [(s, self.stress_rate) for s in self.stress]
        return out


def _role_truth(truth) -> np.ndarray:
    return truth.roles[:, 0] * N_ROLES + truth.roles[:, 1]


def _role_brier(me: np.ndarray, them: np.ndarray, roles: np.ndarray) -> float:
    """Mean of the keeper's and the other's role Brier scores (``roles``: (days, 2))."""
    return 0.5 * (scoring.brier(me, roles[:, 0]) + scoring.brier(them, roles[:, 1]))


def _train_one(args) -> tuple[dict, np.ndarray, np.ndarray]:
    seed, settings = args
    truth = synthetic_truth(TRAIN_SEEDS + seed, settings.days, which=seed % PRIOR_DYADS)
    days = {rate: lay_out(as_entries(write_journal(truth, rate)))
            for rate in sorted({*settings.rates, settings.stress_rate})}
    return days, truth.phase, _role_truth(truth)


def fit_baselines(settings: Settings, pool) -> dict[float, dict]:
    """Rule table, phase HMM and role-pair HMM for each entry rate, fitted on training
    journals (their own seeds)."""
    rows = list(pool.map(_train_one, [(s, settings) for s in range(settings.train)]))
    out = {}
    for rate in rows[0][0]:
        journals = [r[0][rate] for r in rows]
        phases, roles = [r[1] for r in rows], [r[2] for r in rows]
        out[rate] = {"rules": RuleTable().fit(journals, phases),
                     "hmm": HiddenMarkov(len(L.PHASES)).fit(journals, phases),
                     "roles": HiddenMarkov(N_ROLES * N_ROLES).fit(journals, roles)}
    return out


def _forecast_covered(result, truth, settings: Settings) -> tuple[bool, bool]:
    """Whether the forecast's 90% interval of the paired difference (guided - current) holds
    the true difference: the mean over futures run from the true state (give or take its own
    Monte Carlo error, 1.645 standard errors)."""
    fc = result.forecast(vs=CHOICES, days=settings.forecast_days, runs=settings.forecast_runs)
    states = np.repeat(truth.record[-1:], TRUE_RUNS, axis=0)
    params = np.repeat(truth.params[None], TRUE_RUNS, axis=0)
    ids = np.arange(TRUE_RUNS, dtype=np.int64) + (1 << 41)
    outcome, wellbeing = run_futures(states, params, [(c, parse_choice(c)) for c in CHOICES],
                                     settings.forecast_days, truth.key, truth.days, ids)
    out = []
    for name, true_diff in (
            ("wellbeing", wellbeing[CHOICES[1]] - wellbeing[CHOICES[0]]),
            ("union", (outcome[CHOICES[1]] == L.PHASE_UNION).astype(float)
             - (outcome[CHOICES[0]] == L.PHASE_UNION))):
        a, b = fc.indicators(CHOICES[0])[name], fc.indicators(CHOICES[1])[name]
        low, high = fc.spread(b - a)
        error = Z90 * true_diff.std() / np.sqrt(len(true_diff))
        out.append(bool(low - error <= true_diff.mean() <= high + error))
    return out[0], out[1]


def score_journal(args) -> dict[tuple[str, float], SetScores]:
    """Write journal number ``journal`` in each of its sets, run the filter and the
    baselines on it and score them from :data:`FIRST_DAY` on."""
    journal, settings, baselines = args
    truth = synthetic_truth(journal, settings.days, which=journal % PRIOR_DYADS)
    phase, roles = truth.phase[FIRST_DAY:], truth.roles[FIRST_DAY:]
    out = {}
    for style, rate in settings.sets(journal):
        scores = SetScores()
        entries = write_journal(truth, rate, style)
        t0 = time.perf_counter()
        result = infer(entries, particles=settings.particles, seed=journal)
        scores.seconds = time.perf_counter() - t0
        days = result.days
        fitted = baselines[rate]
        pair = fitted["roles"].predict(days).reshape(-1, N_ROLES, N_ROLES)
        hmm_roles = (pair.sum(axis=2)[FIRST_DAY:], pair.sum(axis=1)[FIRST_DAY:])
        track = result.track
        answers = {"filter": (track.phase[FIRST_DAY:],
                              (track.roles[FIRST_DAY:, 0], track.roles[FIRST_DAY:, 1])),
                   "rules": (fitted["rules"].predict(days)[FIRST_DAY:], hmm_roles),
                   "hmm": (fitted["hmm"].predict(days)[FIRST_DAY:], hmm_roles)}
        for name, (probs, (me, them)) in answers.items():
            scores.answers[name].add(probs, phase, scoring.detection_delays(probs, phase),
                                     _role_brier(me, them, roles))
        for i, twin in enumerate((ME, 1 - ME)):
            for j, col in enumerate(STATES.values()):
                true = truth.record[FIRST_DAY:, twin * L.TWIN_STATE_SIZE + col]
                low, high = track.states[FIRST_DAY:, i, j, 1], track.states[FIRST_DAY:, i, j, 2]
                scores.covered[i, j] += scoring.covered(low, high, true).sum()
                scores.width[i, j] += (high - low).sum()
        scores.days, scores.journals = len(phase), 1
        scores.held_back = int(track.held_back[FIRST_DAY:].sum())
        if style == "plain" and rate == max(settings.rates):
            scores.forecast_covered.append(_forecast_covered(result, truth, settings))
        out[style, rate] = scores
    return out


def _single_thread() -> None:
    import numba

    numba.set_num_threads(1)  # one journal per process: the processes share the cores


def toy_check(hmm: HiddenMarkov, settings: Settings, seed: int = 0) -> dict[str, float]:
    """Brier of the exact forward algorithm and of the particle filter on toy journals drawn
    from ``hmm``, and their largest gap in any day's probabilities."""
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0x70F]))
    exact_b, filter_b, gaps = [], [], []
    for _ in range(settings.toy_journals):
        phase, features = toy_journal(hmm, settings.days, 1.0, rng)
        like = hmm.likelihood(features)
        exact = hmm.forward(like)
        approx = particle_filter(hmm, like, settings.toy_particles, rng)
        exact_b.append(scoring.brier(exact[FIRST_DAY:], phase[FIRST_DAY:]))
        filter_b.append(scoring.brier(approx[FIRST_DAY:], phase[FIRST_DAY:]))
        gaps.append(float(np.abs(exact - approx).max()))
    return {"brier_exact": float(np.mean(exact_b)), "brier_filter": float(np.mean(filter_b)),
            "largest_gap": float(np.max(gaps)), "journals": settings.toy_journals,
            "particles": settings.toy_particles}


def validate(settings: Settings, progress=None) -> Report:
    """Run the whole validation (see the module docstring); ``progress(done, total)`` is called
    after each journal."""
    workers = max(1, min(settings.workers, os.cpu_count() or 1))
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn"),
                             initializer=_single_thread) as pool:
        baselines = fit_baselines(settings, pool)
        sets: dict[tuple[str, float], SetScores] = {}
        tasks = [(j, settings, baselines) for j in range(settings.journals)]
        for done, scored in enumerate(pool.map(score_journal, tasks), start=1):
            for key, s in scored.items():
                sets.setdefault(key, SetScores()).merge(s)
            if progress:
                progress(done, settings.journals)
    toy = toy_check(baselines[max(settings.rates)]["hmm"], settings)
    return Report(settings=settings, sets=sets, toy=toy)
