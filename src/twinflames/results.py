"""Result objects: one run, an ensemble, a comparison. Each has ``to_dict``, ``to_json``,
``to_dataframe`` and ``save`` (format by file extension)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .files import write_json_or_table
from .model import layout as L
from .model.scenario import Scenario

_STATE_COLUMNS = ("wound", "fear", "self_love", "focus", "wellbeing", "pressure")


def _slices(table: pd.DataFrame, rows: int = 100_000) -> Iterator[pd.DataFrame]:
    for start in range(0, max(len(table), 1), rows):
        yield table.iloc[start:start + rows]


class KeptRuns(Mapping[int, "SimulationResult"]):
    """The full runs of an ensemble's kept dyads, re-simulated on access from their own random
    streams (the same run bit for bit), so keeping many costs no memory until they are read.
    ``every`` is the steps between the rows of each trajectory, ``rows`` the rows of each."""

    def __init__(self, ids: Iterable[int], run: Callable[[int], SimulationResult],
                 every: int = 1, rows: int = 0):
        self._ids = sorted(set(ids))
        self._run = run
        self.every = every
        self.rows = rows

    def __getitem__(self, dyad: int) -> SimulationResult:
        if dyad not in self._ids:
            raise KeyError(dyad)
        return self._run(dyad)

    def __iter__(self) -> Iterator[int]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


@dataclass(frozen=True)
class SimulationResult:
    """One dyad's run: its trajectory, phases, roles, events, outcome and metrics."""

    scenario: Scenario
    seed: int
    record: np.ndarray = field(repr=False)  # (n_records, STATE_SIZE) states
    phase_codes: np.ndarray = field(repr=False)  # (n_steps + 1,) phase per step
    role_codes: np.ndarray = field(repr=False)  # (n_steps + 1, 2) roles per step
    phases: list[dict[str, Any]] = field(repr=False)
    events: list[dict[str, Any]] = field(repr=False)
    outcome: str = ""
    metrics: dict[str, Any] = field(default_factory=dict, repr=False)
    record_every: int = 1  # steps between the rows of ``record`` (its last row: the horizon)

    @property
    def days(self) -> float:
        return self.scenario.n_steps * self.scenario.dt

    @property
    def final(self) -> dict[str, Any]:
        """The state at the horizon: each twin's inner state and role, and the dyad's."""
        x = self.record[-1]
        out: dict[str, Any] = {}
        for i, t in enumerate("ab"):
            s = i * L.TWIN_STATE_SIZE
            out[t] = {n: round(float(x[s + L.TWIN_STATE_NAMES.index(n)]), 4)
                      for n in _STATE_COLUMNS}
            out[t]["role"] = L.ROLES[int(self.role_codes[-1, i])]
            out[t]["blocking"] = bool(x[s + L.BLOCKING])
            out[t]["moved_on"] = bool(x[s + L.MOVED_ON])
        out["dyad"] = {"closeness": round(float(x[L.CLOSENESS]), 4),
                       "intensity": round(float(x[L.INTENSITY]), 4),
                       "toxicity": round(float(x[L.TOXICITY]), 4),
                       "phase": L.PHASES[int(self.phase_codes[-1])]}
        return out

    def to_dataframe(self) -> pd.DataFrame:
        """The trajectory: one row per recorded time (every :attr:`record_every` steps and the
        horizon), in columns ``day``, ``wound_a`` ...
        ``closeness``, ``intensity``, ``toxicity``, ``phase``, ``role_a``, ``role_b``."""
        rec = self.record
        cols: dict[str, Any] = {"day": rec[:, L.TIME]}
        for i, t in enumerate("ab"):
            s = i * L.TWIN_STATE_SIZE
            for n in _STATE_COLUMNS:
                cols[f"{n}_{t}"] = rec[:, s + L.TWIN_STATE_NAMES.index(n)]
        for n in ("closeness", "intensity", "toxicity"):
            cols[n] = rec[:, L.DYAD + L.DYAD_STATE_NAMES.index(n)]
        cols["phase"] = [L.PHASES[int(c)] for c in rec[:, L.PHASE]]
        cols["role_a"] = [L.ROLES[int(c)] for c in rec[:, L.ROLE]]
        cols["role_b"] = [L.ROLES[int(c)] for c in rec[:, L.TWIN_STATE_SIZE + L.ROLE]]
        return pd.DataFrame(cols)

    def events_frame(self) -> pd.DataFrame:
        """The events as a table (day, kind, who, sign, role)."""
        return pd.DataFrame(self.events, columns=["day", "kind", "who", "sign", "role"])

    def to_dict(self) -> dict[str, Any]:
        sc = self.scenario
        return {"scenario": sc.name, "seed": self.seed, "days": self.days, "dt": sc.dt,
                "names": {"a": sc.a.name, "b": sc.b.name},
                "policies": {"a": sc.a.policy.name, "b": sc.b.policy.name},
                "outcome": self.outcome, "phases": self.phases, "events": self.events,
                "final": self.final, "metrics": self.metrics}

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent)

    def save(self, path: str | Path) -> Path:
        """Write the run: ``.json`` everything, ``.csv``/``.parquet`` the trajectory."""
        return write_json_or_table(path, self.to_json, lambda: [self.to_dataframe()])


def _interval(values: np.ndarray) -> dict[str, float]:
    """Mean and 95% normal-approximation interval of ``values``."""
    n = len(values)
    mean = float(np.mean(values))
    half = 1.959964 * float(np.std(values, ddof=1)) / np.sqrt(n) if n > 1 else float("nan")
    return {"estimate": round(mean, 6), "low": round(float(mean - half), 6),
            "high": round(float(mean + half), 6)}


@dataclass(frozen=True)
class EnsembleResult:
    """Running summaries of many independent dyads (one row per dyad). The aggregate views
    (``outcomes``, ``days_to_union``, ...) are computed once, on first use."""

    scenario: Scenario
    seed: int
    summary: pd.DataFrame = field(repr=False)
    kept: Mapping[int, SimulationResult] = field(default_factory=dict, repr=False)

    @property
    def runs(self) -> int:
        return len(self.summary)

    @property
    def days(self) -> float:
        return self.scenario.n_steps * self.scenario.dt

    def to_dataframe(self) -> pd.DataFrame:
        """One row per dyad: days in each phase, days to union, outcome, counts, final state."""
        return self.summary

    def _trajectory_pieces(self) -> Iterator[pd.DataFrame]:
        for i, run in self.kept.items():
            table = run.to_dataframe()
            table.insert(0, "dyad", i)
            yield table

    def trajectories(self) -> pd.DataFrame:
        """The kept dyads' trajectories as one long table with a ``dyad`` column."""
        frames = list(self._trajectory_pieces())
        if not frames:
            return pd.DataFrame(columns=["dyad", "day"])
        return pd.concat(frames, ignore_index=True)

    def outcome_indicators(self) -> pd.DataFrame:
        """0/1 columns, one per outcome (rows are dyads)."""
        return pd.DataFrame({o: (self.summary["outcome"] == o).astype(float) for o in L.OUTCOMES})

    @cached_property
    def outcomes(self) -> dict[str, float]:
        """Probability of each outcome at the horizon."""
        return {o: round(float(v), 6) for o, v in self.outcome_indicators().mean().items()}

    @cached_property
    def days_to_union(self) -> dict[str, float | None]:
        d = self.summary["days_to_union"].to_numpy()
        reached = d[~np.isnan(d)]
        q = (lambda v: round(float(np.percentile(reached, v)), 3)) if reached.size else (
            lambda v: None)
        return {"median": q(50), "p10": q(10), "p90": q(90),
                "reached": round(float(reached.size / max(len(d), 1)), 6)}

    @cached_property
    def days_in_phase(self) -> dict[str, float]:
        return {p: round(float(self.summary[f"days_{p}"].mean()), 4) for p in L.PHASES}

    @cached_property
    def rates(self) -> dict[str, float]:
        s = self.summary
        return {"role_swaps": round(float(s["role_swaps"].mean()), 6),
                "role_swap_share": round(float((s["role_swaps"] > 0).mean()), 6),
                "blocks": round(float(s["blocks"].mean()), 6),
                "block_share": round(float((s["blocks"] > 0).mean()), 6),
                "reach_outs_a": round(float(s["reach_outs_a"].mean()), 4),
                "reach_outs_b": round(float(s["reach_outs_b"].mean()), 4),
                "signs": round(float(s["signs"].mean()), 4),
                "moved_on_share": round(float(s["days_to_moved_on"].notna().mean()), 6)}

    def paired_metrics(self) -> pd.DataFrame:
        """Per-dyad metrics used for paired comparisons (same dyads, other choices)."""
        s = self.summary
        cols = {f"P({o})": v for o, v in self.outcome_indicators().items()}
        cols["P(union reached)"] = s["days_to_union"].notna().astype(float)
        cols["days_to_union (censored)"] = s["days_to_union"].fillna(self.days)
        for p in L.PHASES:
            cols[f"days_{p}"] = s[f"days_{p}"]
        for n in ("role_swaps", "blocks", "reach_outs_a", "reach_outs_b", "signs"):
            cols[n] = s[n]
        cols["wellbeing_b (final)"] = s["wellbeing_b"]
        return pd.DataFrame(cols)

    def to_dict(self) -> dict[str, Any]:
        return {"scenario": self.scenario.name, "runs": self.runs, "seed": self.seed,
                "days": self.days, "dt": self.scenario.dt, "outcomes": self.outcomes,
                "days_to_union": self.days_to_union, "days_in_phase": self.days_in_phase,
                "rates": self.rates}

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent)

    def save(self, path: str | Path) -> Path:
        """Write the ensemble: ``.json`` the summary, ``.csv``/``.parquet`` one row per dyad."""
        return write_json_or_table(path, self.to_json, lambda: _slices(self.summary))

    def save_trajectories(self, path: str | Path) -> Path:
        """Write the kept dyads' trajectories: ``.csv``/``.parquet`` a long table written one
        dyad at a time (memory stays that of one run), ``.json`` the kept runs keyed by dyad
        (phases, events, final state and metrics, as :meth:`SimulationResult.to_dict`: no
        trajectory rows)."""
        return write_json_or_table(
            path, lambda: json.dumps({str(i): r.to_dict() for i, r in self.kept.items()}),
            self._trajectory_pieces)


@dataclass(frozen=True)
class ComparisonResult:
    """The same dyads (same seeds, same parameter draws) under different choices."""

    arms: dict[str, EnsembleResult]

    @property
    def baseline(self) -> str:
        return next(iter(self.arms))

    @cached_property
    def differences(self) -> dict[str, dict[str, dict[str, float]]]:
        """Per arm after the first: metric -> paired mean difference against the first arm,
        with a 95% interval."""
        base = self.arms[self.baseline].paired_metrics()
        out = {}
        for label, arm in list(self.arms.items())[1:]:
            diff = arm.paired_metrics() - base
            out[label] = {m: _interval(diff[m].to_numpy()) for m in diff.columns}
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"baseline": self.baseline,
                "arms": {k: v.to_dict() for k, v in self.arms.items()},
                "differences": self.differences}

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent)

    def to_dataframe(self) -> pd.DataFrame:
        """Long table: arm, metric, mean (per arm) and difference with interval."""
        rows = []
        diffs = self.differences
        for label, arm in self.arms.items():
            means = arm.paired_metrics().mean()
            for metric, value in means.items():
                d = diffs.get(label, {}).get(metric, {})
                rows.append({"arm": label, "metric": metric, "mean": float(value),
                             "difference": d.get("estimate"), "low": d.get("low"),
                             "high": d.get("high")})
        return pd.DataFrame(rows)

    def save(self, path: str | Path) -> Path:
        return write_json_or_table(path, self.to_json, lambda: [self.to_dataframe()])

