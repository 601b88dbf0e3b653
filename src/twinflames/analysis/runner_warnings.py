"""Do early-warning indicators rise before a runner phase ends in the runner-chaser model?

A *runner phase* is a stretch in which one twin is the runner. For each simulated run we take
the daily series (closeness by default) over the ``span`` days before each runner phase ends
("before an end") and over equally long stretches inside runner phases that end at least
``gap`` days before any end or that never end ("controls"). An indicator *alarms* when its
Kendall tau exceeds ``threshold``. The hit rate is the share of ends that were preceded by an
alarm; the false-alarm rate the share of controls that alarmed anyway.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..api import prepare_scenario, simulate
from ..errors import InputError
from .early_warning import indicators


@dataclass(frozen=True)
class WarningCheck:
    """Hit and false-alarm rates of the variance and autocorrelation trends."""

    scenario: str
    variable: str
    runs: int
    ends: int
    controls: int
    hit_rate: dict
    false_alarm_rate: dict
    mean_tau: dict
    threshold: float
    span: float

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def runner_stretches(phases: list[dict]) -> list[tuple[float, float, bool]]:
    """(start, end, ended) of each stretch of consecutive episodes with the same runner;
    ``ended`` is False for the stretch still running at the horizon."""
    out: list[tuple[float, float, bool]] = []
    for ep in phases:
        if ep["runner"] is None:
            continue
        if out and out[-1][1] == ep["start"] and out[-1][2] == ep["runner"]:
            out[-1] = (out[-1][0], ep["end"], ep["runner"])
        else:
            out.append((ep["start"], ep["end"], ep["runner"]))
    horizon = phases[-1]["end"] if phases else 0.0
    return [(s, e, e < horizon) for s, e, _ in out]


def check_runner_warnings(scenario: str = "classic", runs: int = 30, *, seed: int = 0,
                          variable: str = "closeness", span: float = 120.0,
                          window: float = 60.0, gap: float = 180.0, threshold: float = 0.3,
                          days: float | None = None,
                          changes: Mapping[str, Any] | None = None) -> WarningCheck:
    """Simulate dyads ``0 .. runs - 1`` of the scenario (with ``changes``, master ``seed``)
    and score the indicators as described in the module docstring. ``span``, ``window`` and
    ``gap`` are in days; the series is sampled once a day."""
    if not (isinstance(runs, int) and 1 <= runs <= 10_000):
        raise InputError(f"runs = {runs!r}: allowed: a whole number from 1 to 10000")
    if not 3 <= window <= span:
        raise InputError(f"window = {window!r}: allowed: from 3 days to span ({span:g})")
    before = {"variance": [], "ac1": []}
    control = {"variance": [], "ac1": []}
    sc = prepare_scenario(scenario, changes, days=days, seed=seed)
    for k in range(runs):
        run = simulate(sc, dyad=k)
        frame = run.to_dataframe()
        if variable not in frame.columns:
            raise InputError(f"variable {variable!r}: allowed: "
                             f"{', '.join(c for c in frame.columns if c != 'day')}")
        daily = frame.groupby(np.floor(frame["day"]).astype(int))[variable].last()
        stretches = runner_stretches(run.phases)
        ends = [e for _, e, ended in stretches if ended]
        for start, end, ended in stretches:
            cuts = [end] if ended and end - start >= span else []
            c = end - gap if ended else end
            while c - span >= start:
                if all(abs(c - e) >= gap for e in ends):
                    _score(daily, c, span, window, control)
                c -= span
            for cut in cuts:
                _score(daily, cut, span, window, before)
    n_end, n_ctl = len(before["ac1"]), len(control["ac1"])

    def rate(values: list[float]) -> float | None:
        return float(np.mean(np.asarray(values) > threshold)) if values else None

    return WarningCheck(
        scenario=scenario, variable=variable, runs=runs, ends=n_end, controls=n_ctl,
        hit_rate={k: rate(v) for k, v in before.items()},
        false_alarm_rate={k: rate(v) for k, v in control.items()},
        mean_tau={"before_end": {k: float(np.mean(v)) if v else None for k, v in before.items()},
                  "control": {k: float(np.mean(v)) if v else None for k, v in control.items()}},
        threshold=threshold, span=span)


def _score(daily, cut: float, span: float, window: float, into: dict) -> None:
    part = daily[(daily.index >= cut - span) & (daily.index < cut)].to_numpy()
    if len(part) < window or np.ptp(part) == 0:
        return
    ind = indicators(part, window=int(window), bandwidth=window / 2)
    for key, tau in (("variance", ind.tau_variance), ("ac1", ind.tau_ac1)):
        if np.isfinite(tau):
            into[key].append(tau)
