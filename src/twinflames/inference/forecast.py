"""Paired what-if forecasts: the same dyads drawn from today's posterior, the same random
numbers, one run per choice of the keeper."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..engine.pack import column
from ..engine.step import step_batch
from ..errors import InputError
from ..model import layout as L
from ..model.policies import PRESETS
from ..model.policies import policy as parse_policy
from ..model.scenario import check_in_range, resolve
from .filter import _count
from .observations import ME, THEM
from .path import set_keeper_policy
from .weights import systematic

CURRENT = "current"  # the keeper's own policy as the posterior has it
OUTCOMES = ("union", "apart", "blocked", "moved_on", "turbulence")
APART = (L.PHASE_CHASE, L.PHASE_SEPARATION, L.PHASE_MUTUAL_RUNNING)
REPEATS = 10  # futures run from each dyad drawn from the posterior
FORECAST_IDS = 1 << 40  # identities of forecast dyads: never used by the filter
_SLOT = {"me": "b" if ME == 1 else "a", "them": "a" if THEM == 0 else "b"}


def parse_choice(spec: str) -> list[tuple[str, Any]]:
    """``"me=guided"``, ``"me=anxious:boundary=0.5; chase_pressure=0.4"``,
    ``"me.support_per_week=1"`` -> a list of (what, value) changes.

    Raises
    ------
    InputError
        Unknown policy or parameter, or a value out of range (naming the allowed ones).
    """
    changes: list[tuple[str, Any]] = []
    for item in filter(None, re.split(r"[;\s]+", str(spec).strip())):
        name, eq, value = item.partition("=")
        if not eq or not name:
            raise InputError(f"--vs {item!r}: allowed: me=POLICY ({', '.join(_policies())}), "
                             "me.FIELD=VALUE or PARAMETER=VALUE")
        if name == "me":
            if value != CURRENT:
                parse_policy(value)  # raises with the allowed names
            changes.append(("policy", value))
            continue
        head, dot, rest = name.partition(".")
        flat = f"{_SLOT[head]}.{rest}" if dot and head in _SLOT else name
        path = resolve(flat)
        if path[0] not in ("a", "b", "model") or path[-1] in ("name", "policy"):
            raise InputError(f"--vs {name!r}: allowed: me.FIELD, them.FIELD or a model "
                             "parameter (see `twinflames params`)")
        try:
            number = float(value)
        except ValueError:
            raise InputError(f"--vs {name}={value}: allowed: a number") from None
        check_in_range(flat, (number,), "--vs")
        changes.append((column(path), number))
    if not changes:
        raise InputError(f"--vs {spec!r}: allowed: me=POLICY ({', '.join(_policies())}) or "
                         "NAME=VALUE")
    return changes


def _policies() -> list[str]:
    return [CURRENT, *PRESETS]


def _apply(states: np.ndarray, params: np.ndarray, changes) -> None:
    for target, value in changes:
        if target == "policy":
            if value == CURRENT:
                continue
            set_keeper_policy(params, slice(None), parse_policy(value))
            continue
        where, col = target
        (states if where == "state" else params)[:, col] = value


@dataclass
class ForecastResult:
    """Outcomes at the horizon for each choice, on the same dyads, with paired differences.

    Run ``i`` starts from posterior draw ``draw[i]``; every draw is run about ``runs / draws``
    times, so each draw's own chances can be told apart from the spread between draws.
    """

    choices: list[str]
    days: int
    runs: int
    draw: np.ndarray  # posterior draw of each run
    outcome: dict[str, np.ndarray]  # choice -> phase code per run at the horizon
    wellbeing: dict[str, np.ndarray]  # choice -> keeper's well-being per run at the horizon

    def indicators(self, choice: str) -> dict[str, np.ndarray]:
        """Per run, 1.0 where the outcome happened (and well-being, 0..1), for one choice."""
        code = self.outcome[choice]
        out = {"union": code == L.PHASE_UNION, "apart": np.isin(code, APART),
               "blocked": code == L.PHASE_BLOCKED, "moved_on": code == L.PHASE_ENDED,
               "turbulence": code == L.PHASE_TURBULENCE}
        return {**{k: v.astype(float) for k, v in out.items()},
                "wellbeing": self.wellbeing[choice]}

    def per_draw(self, values: np.ndarray) -> np.ndarray:
        """Mean of ``values`` over the runs of each posterior draw."""
        draws = int(self.draw.max()) + 1
        return (np.bincount(self.draw, values, minlength=draws)
                / np.bincount(self.draw, minlength=draws))

    def spread(self, values: np.ndarray) -> tuple[float, float]:
        """The 90% range of the draws' own means of per-run ``values``: where a dyad like yours
        most likely lands, given what the journal leaves uncertain. It always holds the mean
        itself: an outcome seen in fewer than 1 in 20 draws would otherwise read "0.2 in 100,
        range 0 to 0"."""
        low, high = np.quantile(self.per_draw(values), [0.05, 0.95])
        mean = float(values.mean())
        return min(float(low), mean), max(float(high), mean)

    def _summary(self, values: np.ndarray) -> dict[str, float]:
        """Mean x 100 and :meth:`spread` x 100."""
        low, high = self.spread(values)
        return {"of_100": round(100 * float(values.mean()), 1),
                "low": round(100 * low, 1), "high": round(100 * high, 1)}

    def to_dict(self) -> dict[str, Any]:
        """Per choice: each outcome as ``x of 100`` with a 90% interval, expected well-being
        (0-100), and the paired difference from the first choice."""
        base = self.choices[0]
        base_ind = self.indicators(base)
        out: dict[str, Any] = {"days": self.days, "runs": self.runs, "baseline": base,
                               "choices": {}}
        for choice in self.choices:
            ind = self.indicators(choice)
            entry: dict[str, Any] = {name: self._summary(v) for name, v in ind.items()}
            if choice != base:
                entry["difference"] = {name: self._summary(v - base_ind[name])
                                       for name, v in ind.items()}
            out["choices"][choice] = entry
        return out

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent)


def run_futures(states: np.ndarray, params: np.ndarray, choices, days: int, key,
                  first_step: int, ids: np.ndarray) -> tuple[dict, dict]:
    """Run the same dyads (same identities, same random numbers) ``days`` days under each
    choice; returns the phase code and the keeper's well-being per run at the horizon."""
    runs = len(ids)
    forced = np.full((runs, 2), L.EV_NONE, np.int64)
    events, logp, flags = np.empty((runs, 2), np.int64), np.empty(runs), np.empty(runs, np.int64)
    outcome, wellbeing = {}, {}
    for label, changes in choices:
        x, p = states.copy(), params.copy()
        _apply(x, p, changes)
        for d in range(days):
            step_batch(x, p, key, ids, first_step + d, 1.0, forced, events, logp, flags)
        outcome[label] = x[:, L.PHASE].astype(int)
        wellbeing[label] = x[:, ME * L.TWIN_STATE_SIZE + L.WELLBEING].copy()
    return outcome, wellbeing


def forecast(result, vs=("me=current", "me=guided"), days: int = 90, runs: int = 1000,
             seed: int | None = None) -> ForecastResult:
    """Simulate ``runs`` futures of ``days`` days from ``result``'s posterior under each choice.

    Parameters
    ----------
    result : InferenceResult
    vs : sequence of str
        Choices (see :func:`parse_choice`); the first is the baseline of the differences.
    days, runs : int
        Horizon (1 to 3650 days) and number of futures (10 to 100000).
    seed : int, optional
        Seed of the draw from the posterior (default: the filter's seed).

    Returns
    -------
    ForecastResult
    """
    days = _count("days", days, 1, 3650)
    runs = _count("runs", runs, 10, 100_000)
    vs = [str(v) for v in vs] or [f"me={CURRENT}"]
    if len(set(vs)) != len(vs):
        raise InputError(f"--vs: {vs}; allowed: distinct choices")
    parsed = [parse_choice(v) for v in vs]
    seed = result.seed if seed is None else _count("seed", seed, 0, 2**63 - 1)
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0xF0CA57]))
    draws = max(2, runs // REPEATS)
    draw = np.arange(runs) % draws
    index = systematic(result.weights, draws, rng)[draw]
    ids = FORECAST_IDS + np.arange(runs, dtype=np.int64)
    outcome, wellbeing = run_futures(result.pool.states[index], result.pool.params[index],
                                       zip(vs, parsed, strict=True), days, result.key,
                                       result.next_step, ids)
    return ForecastResult(choices=vs, days=days, runs=runs, draw=draw, outcome=outcome,
                          wellbeing=wellbeing)
