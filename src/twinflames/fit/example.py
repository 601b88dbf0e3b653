"""The synthetic dyadic example shipped with the package (made by
``scripts/make_example_dyads.py``; no real people)."""

from __future__ import annotations

from importlib.resources import files

import pandas as pd

#: the example's column names, in the order the fit functions take them
COLUMNS = {"dyad": "couple", "person": "person", "time": "time", "value": "rating",
           "distinguisher": "partner"}


def example_path() -> str:
    """Path of ``example_dyads.csv`` inside the installed package."""
    return str(files("twinflames.fit") / "data" / "example_dyads.csv")


def example_dyads() -> pd.DataFrame:
    """16 made-up couples, 150 ratings per partner, long format.

    Columns ``couple, person, partner`` (0/1 distinguisher), ``time, rating`` (a few missing)
    and ``closeness`` (a dyad-level score). Fit it with ``fit.ic(example_dyads(),
    **fit.example.COLUMNS)``.
    """
    return pd.read_csv(example_path())
