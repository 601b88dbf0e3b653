"""The three entry points: simulate one dyad, run an ensemble, compare choices on the same
dyads. The command line is a thin layer over these."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

import numba
import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from . import phases as ph
from .cluster import dask_client, map_chunks
from .engine.kernels import SUMMARY, summarise_batch, trace
from .engine.pack import pack, pack_many
from .engine.rng import seed_keys
from .errors import InputError
from .model import layout as L
from .model.scenario import Scenario
from .results import ComparisonResult, EnsembleResult, KeptRuns, SimulationResult
from .scenarios import load

MAX_RECORDS = 20_000  # rows kept for a single run's trajectory (events and phases: every step)
MAX_KEPT = 10_000  # trajectories an ensemble may keep
# Dyads differ in cost (a chase runs many sub-steps, an ending few), so the threads take them a
# few at a time rather than in two fixed halves: 10,000 classic dyads 4.4 s -> 4.0 s on 2 threads.
DYADS_PER_HANDOUT = 4
KEEP_EVERY = 1.0  # days between the rows of an ensemble's kept trajectories, by default


def record_steps(sc: Scenario, keep_every: float | str | None = None) -> int:
    """Steps between the recorded states (the trajectory's rows) of a run of ``sc``.

    Parameters
    ----------
    sc : Scenario
        The run's scenario (its step and horizon).
    keep_every : float, str or None
        ``None``: every step up to :data:`MAX_RECORDS` rows, evenly thinned beyond;
        ``"step"``: every step; a number of days (``1``, ``0.25``, ``"7"``): the whole number
        of steps nearest to it, at least one.

    Returns
    -------
    int
        Steps between rows; the horizon's state is always the last row as well.
    """
    if keep_every is None:
        return max(1, -(-sc.n_steps // MAX_RECORDS))
    if isinstance(keep_every, str) and keep_every.strip().lower() == "step":
        return 1
    try:
        days = float(keep_every) if not isinstance(keep_every, bool) else math.nan
    except (TypeError, ValueError):
        days = math.nan
    if not math.isfinite(days) or days <= 0:
        raise InputError(f"--keep-every = {keep_every!r}: allowed: a number of days above 0 "
                         "(e.g. 1 for one row a day, 0.25 for every 6 hours) or 'step' for "
                         "every step")
    return max(1, round(days / sc.dt))


def prepare_scenario(scenario: str | Scenario, changes: Mapping[str, Any] | None,
                     **top: Any) -> Scenario:
    """A preset name, TOML path or :class:`Scenario` with flat ``changes`` and the top-level
    settings in ``top`` (``days``, ``seed``, ``dt_hours``; ``None`` keeps the scenario's)."""
    sc = scenario if isinstance(scenario, Scenario) else load(scenario)
    merged = {**(changes or {}), **{k: v for k, v in top.items() if v is not None}}
    return sc.with_changes(merged) if merged else sc


def simulate(scenario: str | Scenario = "classic", *, days: float | None = None,
             seed: int | None = None, dt_hours: float | None = None,
             changes: Mapping[str, Any] | None = None, dyad: int = 0,
             draw: bool = False, keep_every: float | str | None = None) -> SimulationResult:
    """Simulate one dyad.

    Parameters
    ----------
    scenario : str or Scenario
        A preset name, a path to a scenario TOML file, or a :class:`Scenario`.
    days, seed, dt_hours : optional
        Horizon (days), master seed and step (hours); default to the scenario's.
    changes : mapping, optional
        Flat parameter changes, e.g. ``{"b.policy": "guided", "chase_pressure": 0.5}``.
    dyad : int
        Which dyad's random stream to use.
    draw : bool
        Draw the scenario's ``vary`` parameters for this dyad as :func:`ensemble` does, so that
        ``simulate(..., dyad=i, draw=True)`` is dyad *i* of the ensemble with the same seed.
        By default the scenario's nominal values are used.
    keep_every : float, str or None
        How often the trajectory records the state (:func:`record_steps`): by default every
        step up to 20,000 rows; ``"step"`` every step; a number of days. Phases, roles and
        events are kept at every step whatever this is.

    Returns
    -------
    SimulationResult
    """
    sc = prepare_scenario(scenario, changes, days=days, seed=seed, dt_hours=dt_hours)
    if not isinstance(dyad, (int, np.integer)) or isinstance(dyad, bool) or dyad < 0:
        raise InputError(f"dyad = {dyad!r}: allowed: a whole number of at least 0")
    key, param_key = seed_keys(sc.seed)
    if draw:
        states, params = pack_many(sc, np.array([dyad], dtype=np.int64), param_key)
        x, p = states[0], params[0]
    else:
        x, p = pack(sc)
    n = sc.n_steps
    every = record_steps(sc, keep_every)
    record, phase, roles, log, time_in = trace(x, p, key, int(dyad), n, sc.dt, every)
    if n % every:
        record = np.vstack([record, x])
    event_list = ph.events(log)
    return SimulationResult(
        scenario=sc, seed=sc.seed, record=record, record_every=every, phase_codes=phase,
        role_codes=roles,
        phases=ph.episodes(phase, roles, sc.dt), events=event_list,
        outcome=ph.outcome(phase[-1]),
        metrics=ph.metrics(int(phase[0]), event_list, time_in[:len(L.PHASES)]))


def ensemble(scenario: str | Scenario = "classic", runs: int = 1000, *, seed: int | None = None,
             days: float | None = None, dt_hours: float | None = None,
             changes: Mapping[str, Any] | None = None, chunk: int | None = None,
             keep: Iterable[int] = (), keep_sample: int = 0,
             keep_every: float | str | None = KEEP_EVERY, scheduler: str | None = None,
             workers: int | None = None,
             progress: bool = True) -> EnsembleResult:
    """Run ``runs`` independent dyads and keep running summaries of each.

    Dyads draw the scenario's ``vary`` parameters and their random numbers from per-dyad
    streams of the master seed, so results do not depend on ``chunk`` or the thread count.
    ``dt_hours`` defaults to the scenario's step. Full trajectories are kept only for the dyads
    named in ``keep`` and for ``keep_sample`` dyads picked at random (with the seed); they are
    in :attr:`EnsembleResult.kept`, re-simulated when read, so keeping thousands is cheap.
    Their trajectories record the state every ``keep_every`` days (default one row a day;
    ``"step"`` for every step, ``None`` for :func:`simulate`'s own rule; see
    :func:`record_steps`); their phases, roles and events are kept at every step.

    With ``scheduler`` (a Dask scheduler address) the chunks run on that cluster; with
    ``workers`` on a local Dask cluster of that many processes started for the call; with
    neither, in this process on all cores. The results are identical in all three cases.
    """
    if not isinstance(runs, (int, np.integer)) or isinstance(runs, bool) or not (
            1 <= runs <= 10_000_000):
        raise InputError(f"runs = {runs!r}: allowed: a whole number from 1 to 10000000")
    if chunk is None:  # about 20 progress steps; the split never changes the results
        chunk = min(20_000, max(250, -(-int(runs) // 20)))
    if not isinstance(chunk, int) or chunk < 1:
        raise InputError(f"chunk = {chunk!r}: allowed: a whole number of at least 1")
    kept_ids = _kept_ids(keep, keep_sample, int(runs))
    sc = prepare_scenario(scenario, changes, days=days, seed=seed, dt_hours=dt_hours)
    every = record_steps(sc, keep_every)
    chunks = [(a, min(a + chunk, int(runs))) for a in range(0, int(runs), chunk)]
    with tqdm(total=int(runs), disable=not progress or len(chunks) < 2, unit="dyad",
              desc=sc.name, leave=False) as bar:
        if scheduler or workers:
            with dask_client(scheduler, workers) as client:
                parts = map_chunks(client, summarise_range, chunks, sc, on_done=bar.update)
        else:
            parts = []
            for start, stop in chunks:
                parts.append(summarise_range(sc, start, stop))
                bar.update(stop - start)
    table = pd.DataFrame(np.vstack(parts), columns=list(SUMMARY))
    table["outcome"] = [L.OUTCOMES[int(c)] for c in table["outcome"]]
    table.insert(0, "dyad", np.arange(int(runs)))
    kept = KeptRuns(kept_ids, lambda i: simulate(sc, dyad=i, draw=True, keep_every=keep_every),
                    every=every, rows=record_rows(sc.n_steps, every))
    return EnsembleResult(scenario=sc, seed=sc.seed, summary=table, kept=kept)


def record_rows(n_steps: int, every: int) -> int:
    """Rows of a trajectory of ``n_steps`` recorded every ``every`` steps: the start, each
    ``every``-th step and the horizon."""
    return n_steps // every + 1 + (1 if n_steps % every else 0)


def summarise_range(sc: Scenario, start: int, stop: int) -> np.ndarray:
    """Summaries of dyads ``start .. stop - 1`` of ``sc`` (the unit of work sent to workers)."""
    key, param_key = seed_keys(sc.seed)
    ids = np.arange(start, stop, dtype=np.int64)
    states, params = pack_many(sc, ids, param_key)
    with numba.parallel_chunksize(DYADS_PER_HANDOUT):
        return summarise_batch(states, params, key, ids, sc.n_steps, sc.dt, True)


def _kept_ids(keep: Iterable[int], sample: int, runs: int) -> list[int]:
    ids = set()
    for i in keep:
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not 0 <= i < runs:
            raise InputError(f"--keep: dyad {i!r} is out of range; allowed: 0 to {runs - 1}")
        ids.add(int(i))
    if isinstance(sample, bool) or not isinstance(sample, (int, np.integer)) or not (
            0 <= sample <= min(runs, MAX_KEPT)):
        raise InputError(f"--keep-sample = {sample!r}: allowed: 0 to {min(runs, MAX_KEPT)}")
    if sample:
        ids |= set(np.random.default_rng(runs).choice(runs, int(sample), replace=False).tolist())
    if len(ids) > MAX_KEPT:
        raise InputError(f"--keep: {len(ids)} dyads; allowed: at most {MAX_KEPT}")
    return sorted(ids)


_POLICY_ARM = re.compile(r"^(a|b)=(?P<spec>[A-Za-z_]+(:.*)?)$")


def parse_changes(items: Iterable[str]) -> dict[str, str]:
    """``["b=guided", "chase_pressure=0.5", "a.wound=0.9"]`` -> flat changes.

    ``a=NAME`` / ``b=NAME`` set a twin's policy (``NAME[:field=value,...]``); anything else is
    ``name=value`` for :meth:`Scenario.with_changes`.
    """
    out: dict[str, str] = {}
    for item in items:
        text = item.strip()
        m = _POLICY_ARM.match(text)
        if m:
            out[f"{text[0]}.policy"] = m.group("spec")
            continue
        name, eq, value = text.partition("=")
        if not eq or not name.strip():
            raise InputError(f"{text!r}: expected name=value (e.g. chase_pressure=0.5) or "
                             "a=POLICY / b=POLICY")
        out[name.strip()] = value.strip()
    return out


def parse_arm(spec: str) -> dict[str, str]:
    """One ``--vs`` arm: changes separated by ``;`` or spaces, e.g. ``"b=guided; days=730"``."""
    return parse_changes(s for s in re.split(r"[;\s]+", spec) if s)


def compare(scenario: str | Scenario = "classic", arms: Iterable[str | Mapping[str, Any]] = (
        "b=anxious", "b=guided"), runs: int = 1000, *, seed: int | None = None,
        days: float | None = None, dt_hours: float | None = None,
        changes: Mapping[str, Any] | None = None, progress: bool = True) -> ComparisonResult:
    """Run the same dyads under each arm (a ``--vs`` string or a mapping of changes).

    The first arm is the baseline; :attr:`ComparisonResult.differences` holds each other
    arm's paired difference from it with a 95% interval.
    """
    arms = list(arms)
    if len(arms) < 2:
        raise InputError(f"arms: got {len(arms)}; allowed: at least two choices to compare")
    base = prepare_scenario(scenario, changes, days=days, seed=seed, dt_hours=dt_hours)
    results: dict[str, EnsembleResult] = {}
    for arm in arms:
        label = arm if isinstance(arm, str) else ", ".join(f"{k}={v}" for k, v in arm.items())
        delta = parse_arm(arm) if isinstance(arm, str) else dict(arm)
        if label in results:
            raise InputError(f"arms: {label!r} is given twice; allowed: distinct choices")
        results[label] = ensemble(base.with_changes(delta), runs, progress=progress)
    return ComparisonResult(arms=results)
