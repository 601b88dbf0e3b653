"""The example journal shipped with the package: a synthetic journal whose true story is known.

It was made by :func:`~twinflames.inference.validation.synthetic.synthetic_journal` (the seed
and settings are in ``scripts/make_example_journal.py``, which rewrites both files exactly) and
is stored in the journal's canonical CSV, so ``twinflames journal import`` reads it too::

    from twinflames.inference import example_entries, example_truth, infer
    result = infer(example_entries(), seed=0)
    example_truth().tail()        # date, phase, role_me, role_them, wound_me, wound_them
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..journal.importers import read_import
from ..journal.kinds import Entry

if TYPE_CHECKING:
    import pandas as pd

DATA = Path(__file__).with_name("data")
PATH = DATA / "example_journal.csv"  # the journal, canonical CSV (date,time,kind,...)
TRUTH_PATH = DATA / "example_truth.csv"  # the true story behind it, one row a day
NOTICE = ("Reading the example journal shipped with twinflames (synthetic, not yours):\n"
          f"  {PATH}")  # the path on a line of its own: it may be longer than the terminal


def example_entries() -> list[Entry]:
    """The example journal's entries, read and checked like ``journal import`` reads them.

    Returns
    -------
    list of Entry
        In file order (oldest first); pass them to :func:`twinflames.inference.infer`.
    """
    return [entry for entry, _ in read_import(PATH, "csv").items]


def example_truth() -> pd.DataFrame:
    """The true story behind the example journal, one row a day after that day's step.

    Returns
    -------
    pandas.DataFrame
        Columns ``date`` (``YYYY-MM-DD``), ``phase`` (one of the seven phases), ``role_me`` and
        ``role_them`` (``runner``, ``chaser`` or ``none``), ``wound_me`` and ``wound_them``
        (0 healed .. 1).
    """
    import pandas as pd

    return pd.read_csv(TRUTH_PATH, dtype={"date": str})
