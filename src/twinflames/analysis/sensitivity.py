"""Global sensitivity: Sobol indices with confidence intervals (SALib).

The first-order index S1 of a parameter is the share of the outcome's variance explained by
that parameter alone; the total index ST adds every interaction it takes part in (Sobol 2001;
Saltelli et al. 2010). Samples are Sobol' sequences (Saltelli's scheme), intervals come from
bootstrap resampling. Library: SALib (Herman and Usher 2017, Journal of Open Source Software).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..api import ensemble, prepare_scenario
from ..errors import InputError
from ..model import layout as L
from ..model.scenario import Scenario, check_in_range


@dataclass(frozen=True)
class SobolResult:
    """Indices per parameter: ``S1``, ``ST`` and their 95% interval bounds."""

    outcome: str
    table: pd.DataFrame = field(repr=False)
    evaluations: int
    settings: dict

    def to_dict(self) -> dict:
        return {"outcome": self.outcome, "evaluations": self.evaluations, **self.settings,
                "indices": json.loads(self.table.to_json(orient="records"))}


def sobol_indices(func: Callable[[np.ndarray], np.ndarray],
                  bounds: Mapping[str, tuple[float, float]], samples: int = 256, *,
                  seed: int = 0, outcome: str = "y", resamples: int = 200) -> SobolResult:
    """Sobol indices of ``func`` (rows of parameter values -> one number per row).

    ``samples`` (a power of two) base points give ``samples * (d + 2)`` evaluations for
    ``d`` parameters.
    """
    if not bounds:
        raise InputError("--sobol: no parameters; allowed: one or more name=low:high")
    if not (isinstance(samples, int) and samples >= 4 and samples & (samples - 1) == 0):
        raise InputError(f"samples = {samples!r}: allowed: a power of two of at least 4")
    for name, (lo, hi) in bounds.items():
        if not lo < hi:
            raise InputError(f"--sobol {name}={lo:g}:{hi:g}: the range is empty; allowed: "
                             "low < high")
    from SALib.analyze import sobol as sobol_analyze  # imported here: only Sobol needs it
    from SALib.sample import sobol as sobol_sample

    problem = {"num_vars": len(bounds), "names": list(bounds),
               "bounds": [list(map(float, b)) for b in bounds.values()]}
    x = sobol_sample.sample(problem, samples, calc_second_order=False, seed=seed)
    y = np.asarray(func(x), dtype=float)
    res = sobol_analyze.analyze(problem, y, calc_second_order=False, num_resamples=resamples,
                                conf_level=0.95, seed=seed)
    table = pd.DataFrame({"parameter": list(bounds), "S1": res["S1"],
                          "S1_low": res["S1"] - res["S1_conf"],
                          "S1_high": res["S1"] + res["S1_conf"], "ST": res["ST"],
                          "ST_low": res["ST"] - res["ST_conf"],
                          "ST_high": res["ST"] + res["ST_conf"]})
    return SobolResult(outcome=outcome, table=table, evaluations=len(y),
                       settings={"samples": samples, "seed": seed,
                                 "bounds": {k: list(v) for k, v in problem_bounds(problem)}})


def problem_bounds(problem: dict) -> list[tuple[str, tuple[float, float]]]:
    return [(n, tuple(b)) for n, b in zip(problem["names"], problem["bounds"], strict=True)]


def parse_bounds(specs: Sequence[str]) -> dict[str, tuple[float, float]]:
    """``["chase_pressure=0.1:0.5", ...]`` -> ``{"chase_pressure": (0.1, 0.5), ...}``."""
    out = {}
    for spec in specs:
        name, eq, rng = spec.partition("=")
        parts = rng.split(":")
        try:
            lo, hi = float(parts[0]), float(parts[1])
            if not eq or len(parts) != 2 or not name.strip():
                raise ValueError
        except (ValueError, IndexError):
            raise InputError(f"--sobol {spec!r}: allowed: name=low:high, e.g. "
                             "chase_pressure=0.1:0.5") from None
        out[name.strip()] = (lo, hi)
    return out


def flagship_sobol(scenario: str | Scenario, bounds: Mapping[str, tuple[float, float]], *,
                   outcome: str = "union", days: float = 3 * 365.0, runs: int = 200,
                   samples: int = 64, seed: int = 0, dt_hours: float = 24.0,
                   changes: Mapping[str, object] | None = None) -> SobolResult:
    """Sobol indices of the probability of ``outcome`` by ``days`` in a runner-chaser scenario.

    Each parameter point runs an ensemble of ``runs`` dyads through the ensemble engine with
    the same seed (the same dyads at every point, so differences come from the parameters,
    not from the draw). The estimate still carries binomial noise of about
    sqrt(p(1 - p) / runs), which inflates the total indices a little.
    """
    if outcome not in L.OUTCOMES:
        raise InputError(f"--outcome {outcome!r}: allowed: {', '.join(L.OUTCOMES)}")
    base = prepare_scenario(scenario, changes, days=days, seed=seed, dt_hours=dt_hours)
    for name, (lo, hi) in bounds.items():
        check_in_range(name, (lo, hi), "--sobol")
    names = list(bounds)

    def evaluate(x: np.ndarray) -> np.ndarray:
        return np.array([ensemble(base.with_changes(dict(zip(names, row, strict=True))), runs,
                                  progress=False).outcomes[outcome] for row in x])

    res = sobol_indices(evaluate, bounds, samples, seed=seed,
                        outcome=f"P({outcome} within {days:g} days)")
    res.settings.update(scenario=base.name, runs=runs, days=days)
    return res
