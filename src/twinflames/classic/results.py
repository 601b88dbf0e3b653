"""Result objects of the classic models: one run and an ensemble of noisy runs."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..files import write_json_or_table
from .base import ClassicModel, ClassicParams


@dataclass(frozen=True)
class _Output:
    """What every classic result holds, and how it is written (``to_dict`` and
    ``to_dataframe`` are each result's own)."""

    model: ClassicModel
    params: ClassicParams
    seed: int
    t: np.ndarray = field(repr=False)
    states: np.ndarray = field(repr=False)

    def _header(self) -> dict[str, Any]:
        m = self.model
        return {"model": m.name, "title": m.title, "kind": m.kind, "time_unit": m.time_unit,
                "variables": list(m.state), "parameters": self.params.model_dump(),
                "seed": self.seed, "citation": m.citation}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)

    def save(self, path: str | Path) -> Path:
        """Write ``.json`` (:meth:`to_dict`), ``.csv`` or ``.parquet`` (:meth:`to_dataframe`)."""
        return write_json_or_table(path, self.to_json, lambda: [self.to_dataframe()])


@dataclass(frozen=True)
class ClassicResult(_Output):
    """One run: times ``t`` and ``states`` (one row per time, one column per variable)."""

    @property
    def final(self) -> dict[str, float]:
        """The last state, by variable name."""
        return {n: float(v) for n, v in zip(self.model.state, self.states[-1], strict=True)}

    def to_dataframe(self) -> pd.DataFrame:
        """One row per time: ``t`` then one column per state variable."""
        frame = pd.DataFrame(self.states, columns=list(self.model.state))
        frame.insert(0, "t", self.t)
        return frame

    def to_dict(self) -> dict[str, Any]:
        return {**self._header(), "final": self.final,
                "t": self.t.tolist(),
                "states": {n: self.states[:, i].tolist() for i, n in enumerate(self.model.state)}}


@dataclass(frozen=True)
class ClassicEnsemble(_Output):
    """Noisy runs from one start: ``states`` has shape (runs, times, variables)."""

    @property
    def runs(self) -> int:
        return self.states.shape[0]

    def quantiles(self, q: tuple[float, ...] = (0.1, 0.5, 0.9)) -> np.ndarray:
        """Quantiles across runs: shape (len(q), times, variables)."""
        return np.quantile(self.states, q, axis=0)

    def to_dataframe(self) -> pd.DataFrame:
        """One row per time: mean, 10th, 50th and 90th percentile of each variable."""
        q = self.quantiles()
        frame = pd.DataFrame({"t": self.t})
        for i, n in enumerate(self.model.state):
            frame[f"{n}_mean"] = self.states[:, :, i].mean(axis=0)
            for k, label in enumerate(("p10", "p50", "p90")):
                frame[f"{n}_{label}"] = q[k, :, i]
        return frame

    def to_dict(self) -> dict[str, Any]:
        final = self.states[:, -1, :]
        return {**self._header(), "runs": self.runs,
                "final": {n: {"mean": float(final[:, i].mean()), "sd": float(final[:, i].std()),
                              "p10": float(np.quantile(final[:, i], 0.1)),
                              "p90": float(np.quantile(final[:, i], 0.9))}
                          for i, n in enumerate(self.model.state)}}
