"""The forecast of one moment: the urge to reach out, today.

The same simulated futures, drawn from today's posterior (same dyads, same random numbers),
under each choice the keeper has right now:

- ``reach_out_today``: the keeper's reach-out is forced today (the engine's conditioning
  interface, as the filter forces a logged one), then they carry on as the posterior has them;
- ``wait_a_week``: no reach-out for seven days (their reach-out rates are zero for that week),
  then they carry on as before and decide again;
- ``guidance``: the article's path from today (the ``guided`` policy: self-love, surrender, no
  reaching out).

When a block is logged there is no reach-out choice at all. The baseline of every paired
difference is ``wait_a_week``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..engine.step import step_batch
from ..errors import InputError
from ..model import layout as L
from ..model.policies import policy
from .forecast import FORECAST_IDS, REPEATS, ForecastResult
from .observations import ME, THEM
from .weights import systematic

REACH_OUT, WAIT, GUIDANCE = "reach_out_today", "wait_a_week", "guidance"
HORIZONS = (30, 90)  # days: outcomes at the last, well-being at each
WAIT_DAYS = 7
FIRST_WEEK = 7  # days over which the pressure the other feels is averaged
OUTCOMES = ("union", "apart", "blocked", "moved_on")
DEFAULT_RUNS = 1000
_ME_PARAMS = ME * L.TWIN_PARAM_SIZE
_ME_STATE, _THEM_STATE = ME * L.TWIN_STATE_SIZE, THEM * L.TWIN_STATE_SIZE
_QUIET = (_ME_PARAMS + L.REACH_OUT_RATE, _ME_PARAMS + L.REACH_OUT_ON_SIGNS)


def choices(blocked: bool) -> tuple[str, ...]:
    """The choices offered: never reaching out while a block is logged."""
    return (WAIT, GUIDANCE) if blocked else (WAIT, REACH_OUT, GUIDANCE)


@dataclass
class UrgeForecast:
    """Per run and choice: the phase and the keeper's well-being at each horizon, the
    pressure the other felt over the first week (0-1) and the keeper's reach-outs that week.
    ``at[h]`` is a :class:`ForecastResult` at ``h`` days, so every figure has the forecast's
    ranges and paired differences."""

    at: dict[int, ForecastResult]
    pressure: dict[str, np.ndarray]
    reach_outs: dict[str, np.ndarray]  # the keeper's reach-outs in the first week, per run

    @property
    def choices(self) -> list[str]:
        return self.at[HORIZONS[-1]].choices

    def to_dict(self) -> dict[str, Any]:
        """``choices``: choice -> ``union``, ``apart``, ``blocked``, ``moved_on`` (at the last
        horizon), ``wellbeing_30``, ``wellbeing_90`` (0-100) and ``pressure_on_them`` (the
        other's felt pressure over the first week, 0-100), each ``{"of_100", "low", "high"}``
        (the forecast's 90 in 100 range); every choice but the baseline also has
        ``difference`` (paired, the same keys). Plus ``baseline``, ``runs`` and ``days``."""
        tables = {h: fr.to_dict()["choices"] for h, fr in self.at.items()}
        out: dict[str, Any] = {"baseline": self.choices[0], "runs": self.at[HORIZONS[-1]].runs,
                               "days": list(HORIZONS), "choices": {}}
        for choice in self.choices:
            entry = self._figures(tables, choice, paired=False)
            if choice != self.choices[0]:
                entry["difference"] = self._figures(tables, choice, paired=True)
            out["choices"][choice] = entry
        return out

    def _figures(self, tables: dict, choice: str, paired: bool) -> dict[str, Any]:
        def row(h: int) -> dict:
            return tables[h][choice]["difference"] if paired else tables[h][choice]

        figures = {name: row(HORIZONS[-1])[name] for name in OUTCOMES}
        figures.update({f"wellbeing_{h}": row(h)["wellbeing"] for h in HORIZONS})
        values = self.pressure[choice] - (self.pressure[self.choices[0]] if paired else 0.0)
        low, high = self.at[HORIZONS[-1]].spread(values)
        figures["pressure_on_them"] = {"of_100": round(100 * float(values.mean()), 1),
                                       "low": round(100 * low, 1), "high": round(100 * high, 1)}
        return figures


def _quiet(params: np.ndarray) -> np.ndarray:
    saved = params[:, _QUIET].copy()
    params[:, _QUIET] = 0.0
    return saved


def _guided(params: np.ndarray) -> None:
    pol = policy("guided")
    for j, name in enumerate(L.POLICY_NAMES):
        params[:, _ME_PARAMS + len(L.TWIN_TRAIT_NAMES) + j] = getattr(pol, name)


def urge_forecast(result, blocked: bool, runs: int = DEFAULT_RUNS,
                  seed: int | None = None) -> UrgeForecast:
    """Run the same futures from ``result``'s posterior under each of :func:`choices`.

    Parameters
    ----------
    result : InferenceResult
        Today's posterior (:func:`twinflames.inference.infer`).
    blocked : bool
        A block is logged (by either side): no reach-out choice.
    runs : int
        Simulated futures per choice (100 to 20000).
    seed : int, optional
        Seed of the draw from the posterior (default: the filter's).

    Returns
    -------
    UrgeForecast
    """
    if isinstance(runs, bool) or not isinstance(runs, (int, np.integer)) or not (
            100 <= runs <= 20_000):
        raise InputError(f"runs = {runs!r}: allowed: a whole number from 100 to 20000")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer))
                             or not 0 <= seed < 2**63):
        raise InputError(f"seed = {seed!r}: allowed: a whole number from 0 to 2**63 - 1")
    seed = result.seed if seed is None else int(seed)
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0x0126E]))
    draws = max(2, runs // REPEATS)
    draw = np.arange(runs) % draws
    index = systematic(result.weights, draws, rng)[draw]
    ids = FORECAST_IDS + np.arange(runs, dtype=np.int64)
    events, logp, flags = np.empty((runs, 2), np.int64), np.empty(runs), np.empty(runs, np.int64)
    labels = choices(blocked)
    phase = {h: {} for h in HORIZONS}
    wellbeing = {h: {} for h in HORIZONS}
    pressure, reach_outs = {}, {}
    count = _ME_STATE + L.REACH_OUTS
    for label in labels:
        x, p = result.pool.states[index].copy(), result.pool.params[index].copy()
        forced = np.full((runs, 2), L.EV_NONE, np.int64)
        saved = _quiet(p) if label == WAIT else None
        if label == GUIDANCE:
            _guided(p)
        felt, before = np.zeros(runs), x[:, count].copy()
        for d in range(HORIZONS[-1]):
            forced[:, ME] = L.EV_REACH_OUT if (label == REACH_OUT and d == 0) else L.EV_NONE
            if saved is not None and d == WAIT_DAYS:
                p[:, _QUIET] = saved
            step_batch(x, p, result.key, ids, result.next_step + d, 1.0, forced, events, logp,
                       flags)
            if d < FIRST_WEEK:
                felt += x[:, _THEM_STATE + L.PRESSURE] / FIRST_WEEK
            if d + 1 == FIRST_WEEK:
                reach_outs[label] = x[:, count] - before
            if d + 1 in phase:
                phase[d + 1][label] = x[:, L.PHASE].astype(int)
                wellbeing[d + 1][label] = x[:, _ME_STATE + L.WELLBEING].copy()
        pressure[label] = felt
    at = {h: ForecastResult(choices=list(labels), days=h, runs=runs, draw=draw,
                            outcome=phase[h], wellbeing=wellbeing[h]) for h in HORIZONS}
    return UrgeForecast(at=at, pressure=pressure, reach_outs=reach_outs)
