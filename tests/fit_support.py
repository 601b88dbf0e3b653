"""Shared helpers for the fit tests: the rties reference folder and synthetic dyads."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]


def rties_dir() -> Path:
    """``<repo>/../shared/data/rties``, else ``/work/shared/data/rties``; skip if neither."""
    for folder in (ROOT.parent / "shared" / "data" / "rties", Path("/work/shared/data/rties")):
        if (folder / "rties_ExampleDataShort.csv").is_file():
            return folder
    pytest.skip("rties reference data not found (../shared/data/rties or "
                "/work/shared/data/rties); they are GPL-3 and not shipped with the repository")


RTIES = {"dyad": "couple", "person": "person", "time": "time", "value": "dial",
         "distinguisher": "female"}


def var1(inert, coord, length: int, seed: int, noise: float = 1.0, dyads: int = 1) -> pd.DataFrame:
    """Long-format dyads from e_k(t) = inert_k e_k(t-1) + coord_k e_{1-k}(t-1) + noise."""
    rng = np.random.default_rng(seed)
    inert, coord = np.asarray(inert, float), np.asarray(coord, float)
    T = length
    frames = []
    for d in range(dyads):
        x = np.zeros((T, 2))
        for t in range(1, T):
            x[t] = inert * x[t - 1] + coord * x[t - 1, ::-1] + rng.normal(0, noise, 2)
        frames += [pd.DataFrame({"dyad": d + 1, "person": 2 * d + k, "distinguisher": k,
                                 "time": np.arange(1, T + 1), "value": x[:, k]})
                   for k in (0, 1)]
    return pd.concat(frames, ignore_index=True)
