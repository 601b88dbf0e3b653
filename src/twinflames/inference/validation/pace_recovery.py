"""Recovery of the keeper's own pace: journals written from dyads whose pace is known.

Each truth is a prior dyad with its pace drawn from the filter's own prior
(:func:`~twinflames.inference.validation.synthetic.synthetic_truth` with ``pace=True``), run by
the engine and written as a journal; the filter's 90% range of each parameter of
:data:`~twinflames.inference.pace.PACE` either holds the true value or not. With a
well-calibrated filter the ranges hold it 90 times in 100 (85-95 is the target). The reach-out
rate is scored only where the true keeper has one (a keeper who never reaches out has no urge
to learn).

    report = recover(RecoverySettings(journals=40))
    report["coverage"]["healing_rate"]
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import asdict, dataclass
from multiprocessing import get_context

import numpy as np

from ..filter import infer
from ..pace import PACE, without_moves
from .synthetic import synthetic_truth, write_journal

RECOVERY_SEEDS = 1 << 24  # the truths' seeds start here (apart from the other validations')


@dataclass(frozen=True)
class RecoverySettings:
    """How many journals, how long, how densely logged, how many particles."""

    journals: int = 40
    days: int = 180
    keep: float = 0.7
    particles: int = 1000
    workers: int = 2
    moves: bool = True  # the Liu-West moves on (False: the pace only selected, never moved)


def recover_one(args) -> dict[str, dict]:
    """The truth, the 90% range and whether it holds the truth, per pace parameter, for
    journal number ``journal``."""
    journal, settings = args
    truth = synthetic_truth(RECOVERY_SEEDS + journal, settings.days, which=journal, pace=True)
    entries = write_journal(truth, settings.keep)
    with nullcontext() if settings.moves else without_moves():
        result = infer(entries, particles=settings.particles, seed=journal)
    found = result.pace
    out = {}
    for p in PACE:
        true, figure = float(truth.params[p.column]), found[p.name]
        if true <= 0.0 or figure is None:
            continue
        out[p.name] = {"truth": true, "median": figure["median"], "low": figure["low"],
                       "high": figure["high"], "prior_median": figure["prior"]["median"],
                       "covered": bool(figure["low"] <= true <= figure["high"]),
                       "moved": figure["moved"]}
    return out


def recover(settings: RecoverySettings) -> dict:
    """Run :func:`recover_one` on ``settings.journals`` journals; per parameter, the share of
    journals whose 90% range holds the truth (``coverage``), how many were scored, the mean
    width of the range (log scale) and how far the journal moved it on average."""
    workers = max(1, min(settings.workers, os.cpu_count() or 1))
    tasks = [(j, settings) for j in range(settings.journals)]
    if workers == 1:
        rows = [recover_one(t) for t in tasks]
    else:
        with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
            rows = list(pool.map(recover_one, tasks))
    summary: dict[str, dict] = {}
    for p in PACE:
        got = [r[p.name] for r in rows if p.name in r]
        if not got:
            continue
        summary[p.name] = {
            "journals": len(got),
            "coverage": float(np.mean([g["covered"] for g in got])),
            "log_width": float(np.mean([np.log(g["high"] / g["low"]) for g in got])),
            "moved": float(np.mean([g["moved"] for g in got])),
        }
    return {"settings": asdict(settings), "coverage": summary, "journals": rows}
